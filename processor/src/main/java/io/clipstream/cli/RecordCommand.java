package io.clipstream.cli;

import io.clipstream.config.Role;
import io.clipstream.config.ServiceKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream record}: the live recorder alone ({@code run} with {@code roles=recorder}).
 * Exit status as {@code run}.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Record live camera streams (record.cameras) into NVR segments: stream copy, cut at"
          + " keyframes, stored under record.storage.uri and announced on the segments topic.",
      "Configuration as for run (every key: docs/configuration.md); the roles key is ignored."
    })
public final class RecordCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ServiceOptions options;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> withRole = new LinkedHashMap<>(options.flags);
    withRole.put(ServiceKeys.ROLES, Role.RECORDER.key());
    return RunCommand.execute(spec, options.config, withRole, options.check);
  }
}
