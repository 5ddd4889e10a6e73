package io.clipstream.render.detections;

import io.clipstream.render.overlay.OverlayBox;
import java.util.OptionalLong;

/**
 * One box on one frame and where it came from.
 *
 * @param box what to draw ({@link OverlayBox#interpolated()} is true unless {@code origin} is
 *     OBSERVED)
 * @param origin observed, interpolated or held
 * @param observedPtsMicros pts of the sample the box comes from (for an interpolated box: the
 *     earlier one)
 * @param nextObservedPtsMicros for an interpolated box, pts of the later sample; empty otherwise
 */
public record TimelineBox(
    OverlayBox box, BoxOrigin origin, long observedPtsMicros, OptionalLong nextObservedPtsMicros) {}
