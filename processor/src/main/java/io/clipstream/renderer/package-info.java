/**
 * The Kafka render processor: takes {@code clips.render-commands}, renders on a bounded worker pool
 * with the rendering engine, stores the clips and publishes {@code clips.ready} or {@code
 * clips.failed}.
 *
 * <p>{@link io.clipstream.renderer.RendererTopology} knows nothing of FFmpeg: it hands commands to
 * a {@link io.clipstream.renderer.ClipBackend}, whose production implementation {@link
 * io.clipstream.backend.StoringClipBackend} renders and uploads.
 */
package io.clipstream.renderer;
