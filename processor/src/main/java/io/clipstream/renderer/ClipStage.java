package io.clipstream.renderer;

import java.util.Locale;

/** The stages of a clip's latency, from the event's end to the clip-ready answer. */
public enum ClipStage {
  /** Event end (its time on the command) to the render command accepted by the renderer. */
  PLANNER,
  /** Command accepted to handed to a render worker. */
  QUEUE,
  /** In the decoder, for the clip's frames. */
  DECODE,
  /** Drawing, encoding and completing the files. */
  ENCODE,
  /** Storing the files in object storage. */
  UPLOAD,
  /** Render finished to the answer forwarded to clips.ready, inside the stream's transaction. */
  COMMIT;

  /** The metric tag: the name in lower case. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
