package io.clipstream.renderer;

import java.util.Objects;

/**
 * The renderer's topic names.
 *
 * @param commands render commands in (key: camera id)
 * @param ready clip-ready records out (key: event id)
 * @param failed clip-failed records out (key: event id)
 * @param deadLetter unreadable commands, with the error in headers
 */
public record RendererTopics(String commands, String ready, String failed, String deadLetter) {

  public RendererTopics {
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(failed, "failed");
    Objects.requireNonNull(deadLetter, "deadLetter");
  }
}
