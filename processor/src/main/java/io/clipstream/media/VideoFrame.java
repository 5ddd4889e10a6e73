package io.clipstream.media;

import io.clipstream.image.YuvImage;

/**
 * One decoded picture. A view: the planes belong to the decoder and are overwritten by the next
 * {@link VideoSource#next()}; copy what must outlive that call.
 *
 * @param ptsMicros presentation time in microseconds on the file's local timeline (0 = first frame)
 * @param image the I420 planes (read-only by convention: several clips may share this frame)
 * @param keyFrame the picture is an intra frame
 */
public record VideoFrame(long ptsMicros, YuvImage image, boolean keyFrame) {}
