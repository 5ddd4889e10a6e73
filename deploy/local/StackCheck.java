import io.clipstream.contracts.ClipReady;
import io.clipstream.serde.SpecificAvroDeserializer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * deploy/stack-test.sh's check of the running compose stack, from the host (through the ports the
 * compose file publishes on localhost), with the classes of the Clipstream jar:
 *
 * <pre>java -cp processor/target/clipstream.jar deploy/local/StackCheck.java EXPECTED OUT_DIR</pre>
 *
 * Reads clips.ready (read committed) until EXPECTED records arrived (or CHECK_TIMEOUT_S, default 600,
 * passed), decodes each with the registry, downloads its MP4 from the S3 store, compares size and
 * SHA-256 with the record, and has ffprobe decode it: H.264, the announced width, height and frame
 * count. Prints one line per clip; exits 1 on the first mismatch, saying which and what was found.
 * Settings: BOOTSTRAP_SERVERS (localhost:29092), REGISTRY_URL (http://localhost:8081/apis/ccompat/v7),
 * S3_URL (http://localhost:9000), S3_ACCESS_KEY, S3_SECRET_KEY.
 */
public class StackCheck {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: StackCheck EXPECTED_CLIPS OUT_DIR");
      System.exit(2);
    }
    int expected = Integer.parseInt(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    String bootstrap = env("BOOTSTRAP_SERVERS", "localhost:29092");
    String registry = env("REGISTRY_URL", "http://localhost:8081/apis/ccompat/v7");
    Duration timeout = Duration.ofSeconds(Long.parseLong(env("CHECK_TIMEOUT_S", "600")));

    List<ConsumerRecord<String, byte[]>> records = awaitRecords(bootstrap, expected, timeout);
    Map<String, ClipReady> byEvent = new TreeMap<>();
    try (S3Client s3 = s3();
        SpecificAvroDeserializer<ClipReady> deserializer =
            new SpecificAvroDeserializer<>(ClipReady.class)) {
      deserializer.configure(Map.of("schema.registry.url", registry), false);
      for (ConsumerRecord<String, byte[]> record : records) {
        ClipReady clip = deserializer.deserialize(record.topic(), record.value());
        check(record.key().equals(clip.getEventId()), "record key %s is not the event id %s", record.key(), clip.getEventId());
        check(byEvent.put(clip.getEventId(), clip) == null, "two clips for event %s", clip.getEventId());
        checkClip(s3, clip, out);
      }
    }
    System.out.printf("check: %d clips announced on clips.ready, each stored as announced and playable%n", byEvent.size());
  }

  private static List<ConsumerRecord<String, byte[]>> awaitRecords(String bootstrap, int expected, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor("clips.ready").stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
      }
    }
    check(records.size() == expected, "%d records on clips.ready after %s, expected %d (docker compose logs clipstream)",
        records.size(), timeout, expected);
    return records;
  }

  private static void checkClip(S3Client s3, ClipReady clip, Path out) throws Exception {
    URI video = URI.create(clip.getVideoUri());
    byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(video.getHost()).key(video.getPath().substring(1))).asByteArray();
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    check(bytes.length == clip.getSizeBytes(), "%s: %d bytes stored, %d announced", video, bytes.length, clip.getSizeBytes());
    check(sha256.equals(clip.getSha256()), "%s: SHA-256 %s stored, %s announced", video, sha256, clip.getSha256());
    Path mp4 = Files.write(out.resolve(clip.getClipId() + ".mp4"), bytes);
    Process ffprobe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
            "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", mp4.toString())
        .redirectErrorStream(true).start();
    String probed = new String(ffprobe.getInputStream().readAllBytes()).trim();
    check(ffprobe.waitFor() == 0, "ffprobe could not read %s: %s", mp4, probed);
    String announced = "h264," + clip.getWidth() + "," + clip.getHeight() + "," + clip.getFrames();
    check(probed.equals(announced), "%s: ffprobe decodes %s (codec,width,height,frames), the record announces %s", video, probed, announced);
    System.out.printf("check: %s event %s: %d bytes, sha256 %s, %s %dx%d %d frames: ok%n",
        clip.getClipId(), clip.getEventId(), bytes.length, sha256, "h264", clip.getWidth(), clip.getHeight(), clip.getFrames());
  }

  private static S3Client s3() {
    return S3Client.builder()
        .endpointOverride(URI.create(env("S3_URL", "http://localhost:9000")))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(System.getenv("S3_ACCESS_KEY"), System.getenv("S3_SECRET_KEY"))))
        .build();
  }

  private static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      System.err.println("check FAILED: " + String.format(format, args));
      System.exit(1);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
