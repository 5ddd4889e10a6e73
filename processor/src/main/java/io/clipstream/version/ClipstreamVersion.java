package io.clipstream.version;

import picocli.CommandLine.IVersionProvider;

/** Reports the version stamped into the jar manifest at build time. */
public final class ClipstreamVersion implements IVersionProvider {

  /** The running Clipstream version, or {@code "dev"} when run from classes rather than the jar. */
  public static String current() {
    String version = ClipstreamVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"Clipstream " + current(), "Java " + Runtime.version()};
  }
}
