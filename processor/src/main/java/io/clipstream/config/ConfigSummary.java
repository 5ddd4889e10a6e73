package io.clipstream.config;

import io.clipstream.config.ConfigLoader.Setting;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** The startup summary: one line per key in effect, with its source; secrets hidden. */
final class ConfigSummary {

  private ConfigSummary() {}

  static String describe(
      ClipstreamConfig config,
      AbstractConfig values,
      Map<String, Setting> settings,
      Machine machine) {
    StringBuilder out = new StringBuilder("Clipstream configuration (roles: ");
    out.append(String.join(", ", values.getList(ServiceKeys.ROLES))).append(")\n");
    RenderSection render = config.render();
    // Derived values are shown with what they were derived from, not as blanks.
    Map<String, String[]> derived =
        Map.of(
            RenderKeys.WORKERS,
            new String[] {
              Integer.toString(render.workers()), "derived from " + machine.cores() + " cores"
            },
            RenderKeys.MAX_CONCURRENT_ENCODERS,
            new String[] {
              Integer.toString(render.maxConcurrentEncoders()),
              "derived from "
                  + (machine.memoryBytes() >> 20)
                  + " MiB memory, "
                  + (machine.maxHeapBytes() >> 20)
                  + " MiB max heap"
            },
            RenderKeys.WORK_DIR,
            new String[] {render.workDir().toString(), "derived from java.io.tmpdir"});
    for (ConfigDef.ConfigKey key : ConfigKeys.DEFINITION.configKeys().values()) {
      Object value = values.values().get(key.name);
      if (value == null && derived.containsKey(key.name)) {
        line(out, key.name, derived.get(key.name)[0], derived.get(key.name)[1]);
      } else {
        String shown = value == null ? "(unset)" : ConfigDef.convertToString(value, key.type);
        line(out, key.name, shown, config.sourceOf(key.name).toString());
      }
    }
    // Pass-through and per-trigger/per-camera keys, sorted for a stable summary.
    new TreeMap<>(settings)
        .forEach(
            (k, s) -> {
              if (ConfigKeys.kind(k) != ConfigKeys.Kind.DECLARED) {
                line(out, k, s.value(), s.source().toString());
              }
            });
    return out.toString().stripTrailing();
  }

  private static void line(StringBuilder out, String key, String value, String source) {
    out.append("  ")
        .append(key)
        .append(" = ")
        .append(Secrets.mask(key, value))
        .append("  (")
        .append(source)
        .append(")\n");
  }
}
