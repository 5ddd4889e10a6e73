package io.clipstream.renderer;

/**
 * Every node and store name of the renderer topology. Store names are part of the deployed state
 * (their changelogs are {@code <application.id>-<store>-changelog}): renaming one orphans it.
 */
public final class RendererNames {

  public static final String SOURCE_COMMANDS = "renderer-source-commands";
  public static final String COMMANDS_PROCESSOR = "renderer-commands";
  public static final String SINK_CLIPS_READY = "renderer-sink-clips-ready";
  public static final String SINK_CLIPS_FAILED = "renderer-sink-clips-failed";

  /** Accepted commands not yet answered: what a new owner renders after a crash or rebalance. */
  public static final String PENDING_STORE = "renderer-pending";

  /** Clip ids answered recently, with the time: makes replayed commands no-ops. */
  public static final String COMPLETED_STORE = "renderer-completed";

  private RendererNames() {}
}
