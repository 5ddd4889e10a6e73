package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.media.EncoderSettings;
import io.clipstream.media.VideoCodec;
import io.clipstream.render.DecodeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The renderer's keys. Pool sizes left unset are derived from the {@link Machine}: rendering is
 * CPU-bound, and each libx264 encoder holds its lookahead and reference frames in native memory
 * (measured about 211 MiB at 1080p and 100 MiB at 720p with preset veryfast), which the JVM heap
 * limit does not cover.
 */
public final class RenderKeys {

  public static final String WORKERS = "render.workers";
  public static final String MAX_CONCURRENT_ENCODERS = "render.max.concurrent.encoders";
  public static final String DECODER_CACHE_SIZE = "render.decoder.cache.size";
  public static final String DECODE_MODE = "render.decode.mode";
  public static final String WORK_DIR = "render.work.dir";
  public static final String ENCODER = "render.encoder";
  public static final String CRF = "render.crf";
  public static final String PRESET = "render.preset";
  public static final String HOLD_MS = "render.hold.ms";
  public static final String RETRY_TIMEOUT_MS = "render.retry.timeout.ms";
  public static final String COMPLETED_RETENTION_MS = "render.completed.retention.ms";
  public static final String STOP_DRAIN_MS = "render.stop.drain.ms";

  /** Native memory of one 1080p libx264 veryfast encoder, the size the default plans for. */
  static final long ENCODER_BYTES_1080P = 211L << 20;

  private RenderKeys() {}

  static ConfigDef define(ConfigDef def) {
    return def.define(
            WORKERS,
            Type.INT,
            null,
            Checks.atLeast(1),
            HIGH,
            "Render threads. Unset: max(1, available processors / 2), leaving the other half to"
                + " the encoders' own threads.")
        .define(
            MAX_CONCURRENT_ENCODERS,
            Type.INT,
            null,
            Checks.atLeast(1),
            HIGH,
            "Renders that may encode at once. Unset: max(1, min(render.workers, (memory - max"
                + " heap) / 2 / 211 MiB)), where memory is the container limit (else physical"
                + " memory): half the memory outside the heap goes to encoders, each 1080p libx264"
                + " veryfast encoder taking about 211 MiB (720p: about 100 MiB).")
        .define(
            DECODER_CACHE_SIZE,
            Type.INT,
            8,
            Checks.atLeast(0),
            MEDIUM,
            "Open decoders kept for reuse across commands over the same source files; 0 disables"
                + " the cache.")
        .define(
            DECODE_MODE,
            Type.STRING,
            "auto",
            Checks.oneOf("auto", "ahead", "inline"),
            LOW,
            "Where a render's decoder runs: ahead (its own thread, a few frames ahead of the"
                + " encoder, as the ffmpeg CLI does), inline (the render thread, between encodes)"
                + " or auto (ahead from 4 processors, inline below: on 2 cores x264's threads"
                + " already fill both and a decoder thread only competes with them).")
        .define(
            WORK_DIR,
            Type.STRING,
            null,
            MEDIUM,
            "Scratch directory for clips being rendered before upload. Unset: clipstream under the"
                + " JVM's temporary directory (java.io.tmpdir).")
        .define(
            ENCODER,
            Type.STRING,
            "libx264",
            Checks.oneOf(VideoCodec.names().toArray(String[]::new)),
            MEDIUM,
            "H.264 encoder: libx264, libopenh264, h264_nvenc (needs an NVIDIA GPU with an NVENC"
                + " engine: L4, L40S, T4 class; not H100, H200 or A100), or auto (h264_nvenc when"
                + " an NVIDIA GPU is visible and opens an NVENC session, else one warning and"
                + " libx264 for the rest of the process; libopenh264 when libx264 is missing).")
        .define(
            CRF,
            Type.INT,
            23,
            Checks.between(0, 51),
            MEDIUM,
            "Constant rate factor of libx264 (lower is better quality and larger files).")
        .define(
            PRESET,
            Type.STRING,
            "veryfast",
            Checks.oneOf(EncoderSettings.PRESETS.toArray(String[]::new)),
            MEDIUM,
            "libx264 preset (speed against compression); mapped to the nearest NVENC preset.")
        .define(
            HOLD_MS,
            Type.LONG,
            500L,
            Checks.atLeast(0),
            LOW,
            "How long a detection stays drawn on the following frames when the detector runs"
                + " slower than the video, unless the command says otherwise. Milliseconds.")
        .define(
            RETRY_TIMEOUT_MS,
            Type.LONG,
            300_000L,
            Checks.atLeast(0),
            MEDIUM,
            "How long a clip whose failure may pass (the store unreachable, the work directory"
                + " full) is retried, with backoff from 1 s to 30 s, before a clips.failed record is"
                + " published. Milliseconds; 0 publishes the first failure.")
        .define(
            COMPLETED_RETENTION_MS,
            Type.LONG,
            7L * 24 * 3600 * 1000,
            Checks.atLeast(60_000),
            LOW,
            "How long answered clip ids are remembered so that a replayed or repeated render"
                + " command is ignored instead of announced again (a command with force=true always"
                + " renders). Milliseconds; default 7 days.")
        .define(
            STOP_DRAIN_MS,
            Type.LONG,
            10_000L,
            Checks.between(0, 600_000),
            MEDIUM,
            "On a graceful stop (SIGTERM), how long the renderer lets the renders in flight"
                + " finish and announces their clips before it leaves its group; it starts no new"
                + " render meanwhile. A render still running then is dropped and rendered again by"
                + " the partition's next owner. Keep it below the pod's"
                + " terminationGracePeriodSeconds. Milliseconds; 0 leaves at once.");
  }

  static RenderSection settings(AbstractConfig values, Machine machine) {
    Integer workers = values.getInt(WORKERS);
    int w = workers != null ? workers : Math.max(1, machine.cores() / 2);
    Integer encoders = values.getInt(MAX_CONCURRENT_ENCODERS);
    String workDir = values.getString(WORK_DIR);
    return new RenderSection(
        w,
        encoders != null ? encoders : defaultEncoders(machine, w),
        values.getInt(DECODER_CACHE_SIZE),
        decodeMode(values.getString(DECODE_MODE), machine),
        workDir != null
            ? Path.of(workDir)
            : Path.of(System.getProperty("java.io.tmpdir"), "clipstream"),
        values.getString(ENCODER).toLowerCase(Locale.ROOT),
        values.getInt(CRF),
        values.getString(PRESET).toLowerCase(Locale.ROOT),
        Duration.ofMillis(values.getLong(HOLD_MS)),
        Duration.ofMillis(values.getLong(RETRY_TIMEOUT_MS)),
        Duration.ofMillis(values.getLong(COMPLETED_RETENTION_MS)),
        Duration.ofMillis(values.getLong(STOP_DRAIN_MS)));
  }

  private static DecodeMode decodeMode(String name, Machine machine) {
    return name.equalsIgnoreCase("auto")
        ? DecodeMode.auto(machine.cores())
        : DecodeMode.parse(name);
  }

  /** The documented formula of {@link #MAX_CONCURRENT_ENCODERS}. */
  static int defaultEncoders(Machine machine, int workers) {
    long offHeap = Math.max(0, machine.memoryBytes() - machine.maxHeapBytes());
    long byMemory = offHeap / 2 / ENCODER_BYTES_1080P;
    return (int) Math.max(1, Math.min(workers, byMemory));
  }
}
