package io.clipstream.ingest;

import io.clipstream.ingest.mapping.UnmappableMessageException;
import io.clipstream.streams.RejectedInputHandler;

/**
 * A message the ingest role cannot translate ({@link UnmappableMessageException}) goes to the
 * dead-letter topic with the original bytes and the reason; the role goes on. Anything else stops
 * the stream thread.
 */
public class IngestProcessingHandler extends RejectedInputHandler {

  @Override
  protected boolean rejected(Throwable t) {
    return t instanceof UnmappableMessageException;
  }
}
