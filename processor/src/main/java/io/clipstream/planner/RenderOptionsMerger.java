package io.clipstream.planner;

import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.Zone;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Merges render options field by field: a later layer's value wins when it is set (non-null, or a
 * non-empty list). The planner merges service defaults, then the camera's, then the trigger's
 * overrides, then the event's own options.
 *
 * <p>The redaction is merged the same way, field by field, except its privacy zones: those of every
 * layer add up (a zone of the same name in a later layer replaces the earlier one), so an event
 * that names a zone of its own cannot drop a camera's configured privacy zones.
 */
final class RenderOptionsMerger {

  private static final int REDACTION = RenderOptions.getClassSchema().getField("redaction").pos();
  private static final int ZONES = Redaction.getClassSchema().getField("privacy_zones").pos();

  private RenderOptionsMerger() {}

  static RenderOptions merge(RenderOptions... layers) {
    RenderOptions merged = RenderOptions.newBuilder().build();
    for (RenderOptions layer : layers) {
      if (layer == null) {
        continue;
      }
      Redaction before = merged.getRedaction();
      overlay(merged, layer);
      if (before != null && layer.getRedaction() != null) {
        merged.put(REDACTION, merge(before, layer.getRedaction()));
      }
    }
    return merged;
  }

  private static Redaction merge(Redaction earlier, Redaction later) {
    Redaction merged = Redaction.newBuilder(earlier).build();
    overlay(merged, later);
    Map<String, Zone> zones = new LinkedHashMap<>();
    for (Zone z : earlier.getPrivacyZones()) {
      zones.put(z.getName(), z);
    }
    for (Zone z : later.getPrivacyZones()) {
      zones.put(z.getName(), z);
    }
    merged.put(ZONES, new ArrayList<>(zones.values()));
    return merged;
  }

  /** Copies every field {@code layer} sets into {@code target}. */
  private static void overlay(SpecificRecordBase target, SpecificRecordBase layer) {
    int fields = target.getSchema().getFields().size();
    for (int i = 0; i < fields; i++) {
      Object value = layer.get(i);
      boolean set = value instanceof Collection<?> c ? !c.isEmpty() : value != null;
      if (set) {
        target.put(i, value);
      }
    }
  }
}
