package io.clipstream.render.overlay;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One box to draw on one output frame, in source-frame pixels (the painter scales to the picture).
 *
 * @param label class name shown in the tab ({@code label #track score})
 * @param trackId tracker id; the colour is stable per track, else per label
 * @param color explicit colour override as 0xRRGGBB
 * @param focus the event is about this track: drawn emphasised; other boxes are muted
 * @param interpolated the box was not observed on this frame but held or interpolated
 */
public record OverlayBox(
    float x1,
    float y1,
    float x2,
    float y2,
    String label,
    OptionalLong trackId,
    float score,
    OptionalInt color,
    boolean focus,
    boolean interpolated) {}
