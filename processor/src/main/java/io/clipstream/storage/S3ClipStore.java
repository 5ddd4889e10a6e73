package io.clipstream.storage;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Clips in an S3-compatible bucket ({@code s3://bucket/prefix}).
 *
 * <p>The MP4 and thumbnail are PUT first, each with {@code sha256} and {@code clip-id} metadata,
 * and read back (HEAD) before the side-car is PUT, last, carrying the MP4's size and digest. A clip
 * is <em>complete</em> when its side-car exists and the MP4 under the same stem has the size and
 * {@code sha256} the side-car records, and the thumbnail exists if the side-car says there is one.
 */
public final class S3ClipStore implements ClipStore {

  private static final Logger LOG = LoggerFactory.getLogger(S3ClipStore.class);

  private final String bucket;
  private final String prefix;
  private final StorageSettings settings;
  private final S3Client s3;
  private final Optional<S3Presigner> presigner;
  private final S3Objects objects;

  /**
   * @param bucket the bucket
   * @param prefix key prefix, empty or ending in {@code /}
   */
  public S3ClipStore(String bucket, String prefix, StorageSettings settings) {
    this.bucket = bucket;
    this.prefix = prefix;
    this.settings = settings;
    this.s3 = S3Clients.client(settings);
    this.presigner =
        settings.presign() ? Optional.of(S3Clients.presigner(settings)) : Optional.empty();
    String endpoint =
        settings.endpoint().map(URI::toString).orElse("AWS S3 " + S3Clients.region(settings));
    this.objects =
        new S3Objects(s3, bucket, new Retrier(settings), new S3Failures(bucket, endpoint));
  }

  @Override
  public StoredClip store(ClipFiles files, String keyStem, boolean force) {
    long started = System.nanoTime();
    ClipKeys.checkStem(keyStem);
    if (!force) {
      Optional<StoredClip> existing = find(files.clipId(), keyStem);
      if (existing.isPresent()) {
        StoredClipLog.log(existing.get(), started);
        return existing.get();
      }
    }
    // Unmark the clip first: while its objects are replaced it must not look complete.
    objects.delete(key(keyStem, ".json"));
    Map<String, String> meta = Map.of("clip-id", files.clipId());
    HeadObjectResponse video =
        objects.putVerified(key(keyStem, ".mp4"), files.video(), "video/mp4", meta);
    if (files.thumbnail().isPresent()) {
      objects.putVerified(key(keyStem, ".jpg"), files.thumbnail().get(), "image/jpeg", meta);
    } else {
      objects.delete(key(keyStem, ".jpg")); // a forced clip without thumbnail must not keep one
    }
    objects.putVerified(
        key(keyStem, ".json"),
        files.sidecar(),
        "application/json",
        Map.of(
            "clip-id", files.clipId(),
            "video-sha256", video.metadata().get("sha256"),
            "video-bytes", Long.toString(video.contentLength()),
            "thumbnail", Boolean.toString(files.thumbnail().isPresent())));
    StoredClip stored =
        find(files.clipId(), keyStem)
            .orElseThrow(
                () ->
                    new StorageException(
                        "s3://"
                            + bucket
                            + "/"
                            + key(keyStem, "")
                            + " is not complete right after storing it; another writer may be replacing it",
                        true,
                        null));
    stored =
        new StoredClip(
            stored.clipId(),
            keyStem,
            stored.video(),
            stored.sidecar(),
            stored.thumbnail(),
            stored.sha256(),
            stored.playableUrl(),
            false);
    StoredClipLog.log(stored, started);
    return stored;
  }

  @Override
  public Optional<StoredClip> find(String clipId, String keyStem) {
    Optional<HeadObjectResponse> sidecar = objects.head(key(ClipKeys.checkStem(keyStem), ".json"));
    if (sidecar.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> marks = sidecar.get().metadata();
    Optional<HeadObjectResponse> video = objects.head(key(keyStem, ".mp4"));
    if (video.isEmpty()
        || !Long.toString(video.get().contentLength()).equals(marks.get("video-bytes"))
        || !String.valueOf(video.get().metadata().get("sha256"))
            .equals(marks.get("video-sha256"))) {
      LOG.warn(
          "Ignoring incomplete clip at s3://{}/{}: the MP4 does not match its side-car",
          bucket,
          key(keyStem, ""));
      return Optional.empty();
    }
    Optional<HeadObjectResponse> thumbnail =
        "true".equals(marks.get("thumbnail"))
            ? objects.head(key(keyStem, ".jpg"))
            : Optional.empty();
    if ("true".equals(marks.get("thumbnail")) && thumbnail.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new StoredClip(
            clipId,
            keyStem,
            new StoredObject(uri(keyStem, ".mp4"), video.get().contentLength()),
            new StoredObject(uri(keyStem, ".json"), sidecar.get().contentLength()),
            thumbnail.map(t -> new StoredObject(uri(keyStem, ".jpg"), t.contentLength())),
            marks.get("video-sha256"),
            playableUrl(keyStem),
            true));
  }

  @Override
  public Optional<URI> playableUrl(String keyStem) {
    String key = key(ClipKeys.checkStem(keyStem), ".mp4");
    return presigner.map(p -> S3Clients.presignGet(p, bucket, key, settings.presignLifetime()));
  }

  @Override
  public URI root() {
    return URI.create("s3://" + bucket + "/" + prefix);
  }

  @Override
  public void close() {
    presigner.ifPresent(S3Presigner::close);
    s3.close();
  }

  private String key(String keyStem, String extension) {
    return prefix + keyStem + extension;
  }

  private URI uri(String keyStem, String extension) {
    return URI.create("s3://" + bucket + "/" + key(keyStem, extension));
  }
}
