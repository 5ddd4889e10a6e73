package io.clipstream.render.overlay.redact;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One region redacted on one output frame, as the side-car lists it. Coordinates are output pixels,
 * margin included, end-exclusive.
 *
 * @param trackId the redacted box's track, empty for an untracked box or a zone
 * @param label the box's label, or {@code zone}
 * @param zone the privacy zone's name for a zone region
 * @param interpolated the box was held or interpolated on this frame, not observed
 */
public record RedactedRegion(
    OptionalLong trackId,
    String label,
    Optional<String> zone,
    RedactionMethod method,
    int x1,
    int y1,
    int x2,
    int y2,
    int blockPixels,
    boolean interpolated) {}
