package io.clipstream.cli;

import io.clipstream.render.ClipOutcome;
import io.clipstream.render.ClipResult;
import io.clipstream.render.RenderException;
import java.io.PrintWriter;
import java.util.List;

/** Prints what each clip became, and turns the outcomes into the command's exit code. */
final class RenderFilesReport {

  private RenderFilesReport() {}

  static int print(List<ClipOutcome> outcomes, PrintWriter out, PrintWriter err) {
    int exit = 0;
    for (ClipOutcome outcome : outcomes) {
      if (outcome.result().isPresent()) {
        ClipResult r = outcome.result().get();
        out.printf(
            "%s: %d frames %dx%d @ %s fps, %.1f KB%s in %.2f s (decode %.2f s, encode %.2f s)%n"
                + "    video %s%n    side-car %s%n",
            r.clipId(),
            r.frames(),
            r.width(),
            r.height(),
            r.frameRate(),
            r.bytes() / 1024.0,
            r.streamCopied() ? " (stream copy)" : "",
            r.renderMillis() / 1000.0,
            r.stages().decodeMillis() / 1000.0,
            r.stages().encodeMillis() / 1000.0,
            r.video(),
            r.sidecar());
        r.thumbnail().ifPresent(t -> out.printf("    thumbnail %s%n", t));
        out.printf("    sha256 %s%n", r.sha256());
        if (r.redacted()) {
          out.printf("    redacted (see the side-car's redactions)%n");
        }
        r.unredacted()
            .ifPresent(
                o -> out.printf("    unredacted original %s (sha256 %s)%n", o.video(), o.sha256()));
      } else {
        RuntimeException failure = outcome.failure().orElseThrow();
        err.printf(
            "clipstream render: %s failed: %s%n", outcome.request().clipId(), failure.getMessage());
        int code =
            failure instanceof RenderException re && re.reason() != RenderException.Reason.ENCODER
                ? RenderFilesCommand.BAD_INPUT
                : 1;
        exit = Math.max(exit, code);
      }
    }
    out.flush();
    return exit;
  }
}
