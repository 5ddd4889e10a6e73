package io.clipstream.planner;

import io.clipstream.contracts.RenderOptions;
import java.util.Collection;

/**
 * Merges render options field by field: a later layer's value wins when it is set (non-null, or a
 * non-empty zone list). The planner merges service defaults, then the trigger's overrides, then the
 * event's own options.
 */
final class RenderOptionsMerger {

  private RenderOptionsMerger() {}

  static RenderOptions merge(RenderOptions... layers) {
    RenderOptions merged = RenderOptions.newBuilder().build();
    int fields = RenderOptions.getClassSchema().getFields().size();
    for (RenderOptions layer : layers) {
      if (layer == null) {
        continue;
      }
      for (int i = 0; i < fields; i++) {
        Object value = layer.get(i);
        boolean set = value instanceof Collection<?> c ? !c.isEmpty() : value != null;
        if (set) {
          merged.put(i, value);
        }
      }
    }
    return merged;
  }
}
