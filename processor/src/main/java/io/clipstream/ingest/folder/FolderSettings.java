package io.clipstream.ingest.folder;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The NVR folder to index.
 *
 * @param root the folder
 * @param layout {@code frigate} or a strftime-style pattern (see {@link SegmentLayout})
 * @param poll how often the watcher looks
 * @param settle how long a file must stay unchanged to count as complete
 * @param ledgerTopic the compacted topic of announced files
 * @param segmentsTopic the contract topic of segments
 */
public record FolderSettings(
    Path root,
    String layout,
    Duration poll,
    Duration settle,
    String ledgerTopic,
    String segmentsTopic) {}
