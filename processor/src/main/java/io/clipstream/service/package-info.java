/**
 * The Kafka render processor: takes {@code clips.render-commands}, renders on a bounded worker pool
 * with the rendering engine, stores the clips and publishes {@code clips.ready} or {@code
 * clips.failed}.
 *
 * <p>{@link io.clipstream.service.RendererTopology} knows nothing of FFmpeg: it hands commands to a
 * {@link io.clipstream.service.ClipBackend}, whose production implementation {@link
 * io.clipstream.service.StoringClipBackend} renders and uploads.
 */
package io.clipstream.service;
