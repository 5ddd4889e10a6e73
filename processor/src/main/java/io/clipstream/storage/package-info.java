/**
 * Clip storage: where rendered clips (MP4, JSON side-car, JPEG thumbnail) go before they are
 * announced. {@link io.clipstream.storage.ClipStores#open} turns a storage URI into a {@link
 * io.clipstream.storage.ClipStore}; {@link io.clipstream.storage.ClipKeys} names the objects. No
 * Kafka here: the render service calls it. See docs/storage.md.
 */
package io.clipstream.storage;
