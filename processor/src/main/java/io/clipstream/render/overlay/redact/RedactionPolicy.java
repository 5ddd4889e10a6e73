package io.clipstream.render.overlay.redact;

import io.clipstream.render.overlay.OverlayBox;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a clip hides and how. A box is redacted when its track is named in {@code tracks}, or when
 * it is not a focus track and either its label is in {@code labels} or {@code allButFocus} is set;
 * every {@code zones} polygon is redacted on every frame.
 *
 * @param labels detection labels to redact (compared case-insensitively), e.g. {@code person}
 * @param allButFocus redact every box whose track is not one the event is about
 * @param tracks track ids always redacted, focus or not
 * @param zones fixed polygons redacted on every frame
 * @param method fill, pixelate or blur
 * @param margin added on each side of a box, as a fraction of its width (left, right) and height
 *     (top, bottom): detectors draw tight boxes and hair, hands and bags stick out
 * @param blockFraction pixelation block edge as a fraction of the region's shorter side (0.25: four
 *     blocks across), never below {@link #MIN_BLOCK_PIXELS}
 * @param labelMode what is drawn for a redacted box
 * @param keepOriginal also render the unredacted clip from the same decode (two outputs)
 */
public record RedactionPolicy(
    Set<String> labels,
    boolean allButFocus,
    Set<Long> tracks,
    List<PrivacyZone> zones,
    RedactionMethod method,
    double margin,
    double blockFraction,
    RedactedLabels labelMode,
    boolean keepOriginal) {

  /** Smallest pixelation block edge in output pixels (even, so chroma blocks line up). */
  public static final int MIN_BLOCK_PIXELS = 8;

  public static final double DEFAULT_MARGIN = 0.1;
  public static final double DEFAULT_BLOCK_FRACTION = 0.25;

  /** Nothing redacted. */
  public static final RedactionPolicy NONE =
      new RedactionPolicy(
          Set.of(),
          false,
          Set.of(),
          List.of(),
          RedactionMethod.PIXELATE,
          DEFAULT_MARGIN,
          DEFAULT_BLOCK_FRACTION,
          RedactedLabels.TAG,
          false);

  public RedactionPolicy {
    if (method == null || labelMode == null) {
      throw new IllegalArgumentException("Redaction method and label mode are required");
    }
    Set<String> normalised = new LinkedHashSet<>();
    for (String label : labels) {
      if (label == null || label.isBlank()) {
        throw new IllegalArgumentException("A redacted label must not be blank");
      }
      normalised.add(label.strip().toLowerCase(Locale.ROOT));
    }
    labels = Set.copyOf(normalised);
    tracks = Set.copyOf(tracks);
    zones = List.copyOf(zones);
    if (!(margin >= 0 && margin <= 1)) {
      throw new IllegalArgumentException(
          "Redaction margin must be between 0 and 1 (a fraction of the box size), got " + margin);
    }
    if (!(blockFraction >= 0.1 && blockFraction <= 1)) {
      throw new IllegalArgumentException(
          "Pixelation block fraction must be between 0.1 and 1 (0.25 = four blocks across the"
              + " region's shorter side; smaller blocks leave recognisable detail), got "
              + blockFraction);
    }
  }

  /** Anything to redact at all. */
  public boolean active() {
    return !labels.isEmpty() || allButFocus || !tracks.isEmpty() || !zones.isEmpty();
  }

  /** Whether this box is redacted, given the tracks the event is about. */
  public boolean redacts(OverlayBox box, Set<Long> focusTracks) {
    boolean tracked = box.trackId() != null && box.trackId().isPresent();
    if (tracked && tracks.contains(box.trackId().getAsLong())) {
      return true;
    }
    boolean focus = tracked && focusTracks.contains(box.trackId().getAsLong());
    if (focus) {
      return false;
    }
    if (allButFocus) {
      return true;
    }
    return box.label() != null && labels.contains(box.label().strip().toLowerCase(Locale.ROOT));
  }

  public RedactionPolicy withLabels(Set<String> v) {
    return new RedactionPolicy(
        v, allButFocus, tracks, zones, method, margin, blockFraction, labelMode, keepOriginal);
  }

  public RedactionPolicy withAllButFocus(boolean v) {
    return new RedactionPolicy(
        labels, v, tracks, zones, method, margin, blockFraction, labelMode, keepOriginal);
  }

  public RedactionPolicy withTracks(Set<Long> v) {
    return new RedactionPolicy(
        labels, allButFocus, v, zones, method, margin, blockFraction, labelMode, keepOriginal);
  }

  public RedactionPolicy withZones(List<PrivacyZone> v) {
    return new RedactionPolicy(
        labels, allButFocus, tracks, v, method, margin, blockFraction, labelMode, keepOriginal);
  }

  public RedactionPolicy withMethod(RedactionMethod v) {
    return new RedactionPolicy(
        labels, allButFocus, tracks, zones, v, margin, blockFraction, labelMode, keepOriginal);
  }

  public RedactionPolicy withMargin(double v) {
    return new RedactionPolicy(
        labels, allButFocus, tracks, zones, method, v, blockFraction, labelMode, keepOriginal);
  }

  public RedactionPolicy withBlockFraction(double v) {
    return new RedactionPolicy(
        labels, allButFocus, tracks, zones, method, margin, v, labelMode, keepOriginal);
  }

  public RedactionPolicy withLabelMode(RedactedLabels v) {
    return new RedactionPolicy(
        labels, allButFocus, tracks, zones, method, margin, blockFraction, v, keepOriginal);
  }

  public RedactionPolicy withKeepOriginal(boolean v) {
    return new RedactionPolicy(
        labels, allButFocus, tracks, zones, method, margin, blockFraction, labelMode, v);
  }
}
