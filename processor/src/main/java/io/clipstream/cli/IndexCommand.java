package io.clipstream.cli;

import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.ConfigValidationException;
import io.clipstream.config.IngestKeys;
import io.clipstream.config.Role;
import io.clipstream.config.ServiceKeys;
import io.clipstream.ingest.folder.FolderIndexService;
import io.clipstream.ingest.folder.FolderIndexer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream index}: announces the complete recordings of an NVR folder on the segments
 * topic once (a backlog), skipping what an earlier run or the watcher already announced. Exit 0
 * when every matching file was announced or is still being written, 1 when a file could not be
 * read, 2 for a bad configuration.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Announce the recordings of an NVR folder on the segments topic, once: each file matching"
          + " the layout, complete, and not announced before (the ledger topic remembers).",
      "Configuration as for run (docs/configuration.md, ingest.folder.*; the roles key is"
          + " ignored); the ingest role with ingest.folder.root keeps watching instead. See"
          + " docs/integrations.md."
    })
public final class IndexCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ServiceOptions options;

  @Option(
      names = "--root",
      paramLabel = "DIR|s3://BUCKET/PREFIX",
      description = "The folder or S3 prefix (sets ingest.folder.root).")
  String root;

  @Option(
      names = "--layout",
      paramLabel = "frigate|PATTERN",
      description =
          "frigate, or a pattern such as {camera}/%%Y%%m%%d/%%H%%M%%S.mp4 (sets"
              + " ingest.folder.layout).")
  String layout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> flags = new LinkedHashMap<>(options.flags);
    flags.put(ServiceKeys.ROLES, Role.INGEST.key()); // indexing is the ingest role's work
    if (root != null) {
      flags.put(IngestKeys.FOLDER_ROOT, root);
    }
    if (layout != null) {
      flags.put(IngestKeys.FOLDER_LAYOUT, layout);
    }
    if (options.config != null && !Files.isRegularFile(options.config)) {
      err.println(options.config + ": no such file; pass the properties file with --config");
      return RunCommand.BAD_CONFIG;
    }
    ClipstreamConfig config;
    try {
      config = ConfigLoader.load(Optional.ofNullable(options.config), System.getenv(), flags);
    } catch (ConfigValidationException e) {
      err.println(e.getMessage());
      return RunCommand.BAD_CONFIG;
    }
    var folder = config.ingestFolder();
    if (folder.isEmpty()) {
      err.println(
          "No folder to index: pass --root DIR (or s3://bucket/prefix) or set ingest.folder.root");
      return RunCommand.BAD_CONFIG;
    }
    if (options.check) {
      out.println(config.describe());
      return 0;
    }
    FolderIndexer.Scan scan;
    try (FolderIndexService service =
        FolderIndexService.open(
            folder.get(),
            new HashMap<>(config.kafkaClientProperties()),
            config.serdeConfig(),
            config.applicationId())) {
      scan = service.indexOnce();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return RunCommand.BAD_CONFIG;
    }
    out.printf(
        "announced %d, still being written %d, not matching the layout %d, unreadable %d%n",
        scan.announced(), scan.waiting(), scan.ignored(), scan.failures().size());
    scan.failures().forEach(err::println);
    return scan.failures().isEmpty() ? 0 : RunCommand.FAILED;
  }
}
