package io.clipstream.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options of the long-running commands ({@code run}, {@code record}). */
final class ServiceOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE.properties",
      description = "Properties file with the configuration keys.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "One configuration key, overriding the file and the environment; repeatable.")
  Map<String, String> flags = new LinkedHashMap<>();

  @Option(
      names = "--check",
      description = "Validate the configuration, print what is in effect, and exit.")
  boolean check;
}
