package io.clipstream.ingest.folder;

import io.clipstream.storage.StorageSettings;
import java.time.Duration;

/**
 * The NVR folder (or S3 prefix) to index.
 *
 * @param root the folder, or {@code s3://bucket/prefix}
 * @param layout {@code frigate} or a strftime-style pattern (see {@link SegmentLayout})
 * @param poll how often the watcher looks
 * @param settle how long a file must stay unchanged to count as complete
 * @param ledgerTopic the compacted topic of announced files
 * @param segmentsTopic the contract topic of segments
 * @param storage how to reach S3 when the root is an S3 prefix (the storage.s3.* settings)
 */
public record FolderSettings(
    String root,
    String layout,
    Duration poll,
    Duration settle,
    String ledgerTopic,
    String segmentsTopic,
    StorageSettings storage) {}
