package io.clipstream.cli;

import io.clipstream.media.FFmpegRuntime;
import io.clipstream.render.overlay.OverlayPainter;
import java.util.Set;

/**
 * Loads the FFmpeg libraries and Java2D's fonts on a second thread while the main thread parses the
 * command line, configures logging and reads the inputs: a fresh JVM starts on one thread, so a
 * second core would otherwise idle through start-up, and both loads sit on a render's path to its
 * first frame (docs/performance.md, "Start-up of a whole process").
 */
final class StartupWarmUp {

  /** Commands that decode or encode video; others (help, version, publish, ...) skip the loads. */
  private static final Set<String> MEDIA_COMMANDS = Set.of("render", "demo", "run", "record");

  private StartupWarmUp() {}

  /** Starts the loads in the background when the command line names a command that renders. */
  static void startFor(String[] args) {
    if (!MEDIA_COMMANDS.contains(commandName(args))) {
      return;
    }
    Thread thread = new Thread(StartupWarmUp::load, "start-up warm-up");
    thread.setDaemon(true); // never holds the JVM's exit; the real first use loads what is missing
    thread.start();
  }

  /** The first argument that is not an option, or "" when there is none. */
  static String commandName(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return "";
  }

  private static void load() {
    try {
      FFmpegRuntime.loadLibraries();
      OverlayPainter.warmUp();
    } catch (RuntimeException | LinkageError e) {
      // Only a head start: the command that needs these reports any failure where it happens.
    }
  }
}
