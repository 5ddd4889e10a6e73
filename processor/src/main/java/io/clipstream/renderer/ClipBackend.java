package io.clipstream.renderer;

import io.clipstream.contracts.RenderCommand;
import java.util.List;

/**
 * Turns render commands into stored clips. Called on a render worker thread, never on a stream
 * thread; must be thread-safe.
 */
public interface ClipBackend extends AutoCloseable {

  /**
   * Renders and stores {@code commands} (which may share source files: decode them once), and
   * returns one outcome per command in the same order. A command that cannot be done is a failed
   * outcome, never an exception.
   */
  List<RenderOutcome> execute(List<RenderCommand> commands);

  @Override
  void close();
}
