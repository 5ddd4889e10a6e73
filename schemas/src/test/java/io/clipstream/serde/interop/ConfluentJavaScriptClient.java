package io.clipstream.serde.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper that drives Confluent's official JavaScript Schema Registry client
 * ({@code @confluentinc/schemaregistry}, pinned in {@code src/test/js/package.json}) through the
 * command-line bridge {@code src/test/js/confluent-interop.mjs}. It is an implementation of the
 * Confluent wire format that shares no code with Clipstream's, so interop tests can check that
 * bytes written by one side are read by the other.
 *
 * <p>Needs Node.js 20+ and npm on the {@code PATH}. The first use runs {@code npm ci} in the js
 * directory when its {@code node_modules} is missing (serialised across threads and JVMs). Use
 * {@link #isNodeAvailable()} to skip tests on machines without Node.js; otherwise the calls fail
 * with {@link ConfluentJavaScriptClientException} saying what to install.
 *
 * <p>JSON conventions of both directions (see {@code src/test/js/README.md}): longs and
 * timestamp-millis are JSON numbers (epoch millis), unions are the plain value or {@code null},
 * enums are their symbol, maps are objects, bytes/fixed are base64 strings, floats are the shortest
 * decimal that reads back as the same float, NaN/Infinity are the strings {@code "NaN"}, {@code
 * "Infinity"}, {@code "-Infinity"}.
 */
public final class ConfluentJavaScriptClient {

  /** Name of the bridge script inside the js directory. */
  public static final String SCRIPT = "confluent-interop.mjs";

  /** System property that overrides where the js directory is. */
  public static final String JS_DIR_PROPERTY = "clipstream.interop.jsDir";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(10);
  // @confluentinc/schemaregistry 1.10.1 pulls @aws-sdk/* and @azure/msal-node versions that declare
  // node >=20.
  private static final int MIN_NODE_MAJOR = 20;
  private static final String INSTALL_HINT =
      "install Node.js "
          + MIN_NODE_MAJOR
          + "+ and npm (https://nodejs.org) and make sure `node` and `npm` are on the PATH";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object INSTALL_LOCK = new Object();

  private final Path jsDir;
  private final Duration timeout;
  private final String basicAuthUserInfo;
  private final boolean bigLongs;

  /**
   * Bytes produced by the JavaScript serializer and the schema id it reported.
   *
   * @param bytes Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro binary
   * @param schemaId the id the registry gave the schema
   */
  public record Encoded(byte[] bytes, int schemaId) {
    public Encoded {
      Objects.requireNonNull(bytes, "bytes");
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The schema id read from bytes 1..4 of the wire header. */
    public int wireSchemaId() {
      if (bytes.length < 5) {
        throw new IllegalStateException(
            "only " + bytes.length + " bytes: no Confluent wire header");
      }
      return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Encoded e && e.schemaId == schemaId && Arrays.equals(e.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(bytes) + schemaId;
    }

    @Override
    public String toString() {
      return "Encoded[schemaId="
          + schemaId
          + ", base64="
          + Base64.getEncoder().encodeToString(bytes)
          + "]";
    }
  }

  /** A failure of the bridge, of Node.js or of npm; the message includes the process's stderr. */
  public static final class ConfluentJavaScriptClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final String stderr;

    ConfluentJavaScriptClientException(
        String message, int exitCode, String stderr, Throwable cause) {
      super(message, cause);
      this.exitCode = exitCode;
      this.stderr = stderr == null ? "" : stderr;
    }

    /** Exit status of the process, or -1 when it did not exit (not started, timed out). */
    public int exitCode() {
      return exitCode;
    }

    /** What the process wrote to stderr (may be empty). */
    public String stderr() {
      return stderr;
    }
  }

  private ConfluentJavaScriptClient(
      Path jsDir, Duration timeout, String basicAuthUserInfo, boolean bigLongs) {
    this.jsDir = Objects.requireNonNull(jsDir, "jsDir").toAbsolutePath().normalize();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.basicAuthUserInfo = basicAuthUserInfo;
    this.bigLongs = bigLongs;
  }

  /** A client for the js directory of this module ({@link #defaultJsDir()}), 60 s per call. */
  public static ConfluentJavaScriptClient create() {
    return new ConfluentJavaScriptClient(defaultJsDir(), DEFAULT_TIMEOUT, null, false);
  }

  /** A client for the given directory holding {@value #SCRIPT} and its package.json. */
  public static ConfluentJavaScriptClient forDirectory(Path jsDir) {
    return new ConfluentJavaScriptClient(jsDir, DEFAULT_TIMEOUT, null, false);
  }

  /** The same client with another per-call timeout (npm ci, when needed, has its own 10 min). */
  public ConfluentJavaScriptClient withTimeout(Duration newTimeout) {
    return new ConfluentJavaScriptClient(jsDir, newTimeout, basicAuthUserInfo, bigLongs);
  }

  /**
   * The same client authenticating to the registry with HTTP basic auth ({@code user:password}).
   */
  public ConfluentJavaScriptClient withBasicAuth(String userInfo) {
    return new ConfluentJavaScriptClient(
        jsDir, timeout, Objects.requireNonNull(userInfo, "userInfo"), bigLongs);
  }

  /**
   * The same client with 64-bit longs ({@code --big-longs}): without it the JavaScript side (avsc)
   * refuses longs beyond ±9007199254740990. With it, longs beyond 2^53 are passed to {@link
   * #serialize} as decimal strings and come back from {@link #deserialize} as strings.
   */
  public ConfluentJavaScriptClient withBigLongs(boolean enabled) {
    return new ConfluentJavaScriptClient(jsDir, timeout, basicAuthUserInfo, enabled);
  }

  /** The js directory this client runs. */
  public Path jsDir() {
    return jsDir;
  }

  /**
   * Where {@code src/test/js} is: system property {@value #JS_DIR_PROPERTY} if set, else {@code
   * ${basedir}/src/test/js} (Maven/Surefire set {@code basedir} to the module directory), else
   * {@code ${user.dir}/src/test/js}, else {@code ${user.dir}/schemas/src/test/js} (run from the
   * repository root).
   */
  public static Path defaultJsDir() {
    String override = System.getProperty(JS_DIR_PROPERTY);
    if (override != null && !override.isBlank()) {
      return Paths.get(override).toAbsolutePath().normalize();
    }
    List<Path> candidates = new ArrayList<>();
    String basedir = System.getProperty("basedir");
    if (basedir != null && !basedir.isBlank()) {
      candidates.add(Paths.get(basedir, "src", "test", "js"));
    }
    String userDir = System.getProperty("user.dir", ".");
    candidates.add(Paths.get(userDir, "src", "test", "js"));
    candidates.add(Paths.get(userDir, "schemas", "src", "test", "js"));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    return candidates.get(0).toAbsolutePath().normalize();
  }

  /** True when {@code node --version} runs and reports version 20 or newer. */
  public static boolean isNodeAvailable() {
    try {
      return nodeMajorVersion() >= MIN_NODE_MAJOR;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Serializes {@code recordJson} with the official {@code AvroSerializer} for the value subject of
   * {@code topic} ({@code <topic>-value}), registering {@code schemaJson} under that subject first.
   *
   * @param registryUrl Confluent-compatible base URL, e.g. {@code
   *     http://127.0.0.1:8081/apis/ccompat/v7}
   * @param schemaJson Avro schema (JSON text)
   * @param recordJson the record in the JSON conventions of this class
   */
  public Encoded serialize(String registryUrl, String topic, String schemaJson, String recordJson) {
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(schemaJson, "schemaJson");
    Objects.requireNonNull(recordJson, "recordJson");
    Path schemaFile = null;
    Path recordFile = null;
    try {
      schemaFile = Files.createTempFile("confluent-interop-schema-", ".avsc");
      recordFile = Files.createTempFile("confluent-interop-record-", ".json");
      Files.writeString(schemaFile, schemaJson, StandardCharsets.UTF_8);
      Files.writeString(recordFile, recordJson, StandardCharsets.UTF_8);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "serialize",
                  "--url",
                  registryUrl,
                  "--topic",
                  topic,
                  "--schema",
                  schemaFile.toString(),
                  "--record",
                  recordFile.toString()));
      JsonNode result = runBridge(args, null);
      JsonNode base64 = result.get("base64");
      JsonNode schemaId = result.get("schemaId");
      if (base64 == null
          || !base64.isTextual()
          || schemaId == null
          || !schemaId.canConvertToInt()) {
        throw new ConfluentJavaScriptClientException(
            "serialize printed unexpected JSON (want {\"base64\":..., \"schemaId\":...}): "
                + result,
            0,
            "",
            null);
      }
      return new Encoded(Base64.getDecoder().decode(base64.asText()), schemaId.asInt());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write temporary files for the JavaScript serializer", e);
    } finally {
      deleteQuietly(schemaFile);
      deleteQuietly(recordFile);
    }
  }

  /**
   * Deserializes Confluent-framed bytes with the official {@code AvroDeserializer} (writer schema
   * fetched from the registry by the id in the bytes) and returns the record as normalised JSON.
   */
  public JsonNode deserialize(String registryUrl, String topic, byte[] bytes) {
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(bytes, "bytes");
    Path input = null;
    try {
      input = Files.createTempFile("confluent-interop-bytes-", ".b64");
      Files.writeString(
          input, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
      List<String> args =
          new ArrayList<>(
              List.of("deserialize", "--url", registryUrl, "--topic", topic, "--base64", "-"));
      return runBridge(args, input);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write a temporary file for the JavaScript deserializer", e);
    } finally {
      deleteQuietly(input);
    }
  }

  // -----------------------------------------------------------------------------------------

  private JsonNode runBridge(List<String> bridgeArgs, Path stdin) {
    Path script = jsDir.resolve(SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new ConfluentJavaScriptClientException(
          "the Confluent JavaScript bridge "
              + script
              + " does not exist (looked up via -D"
              + JS_DIR_PROPERTY
              + ", basedir, user.dir)",
          -1,
          "",
          null);
    }
    int major = nodeMajorVersion();
    if (major < MIN_NODE_MAJOR) {
      throw new ConfluentJavaScriptClientException(
          "Node.js "
              + major
              + " found, but the Confluent JavaScript"
              + " client needs "
              + MIN_NODE_MAJOR
              + "+: "
              + INSTALL_HINT,
          -1,
          "",
          null);
    }
    ensureInstalled();

    List<String> command = new ArrayList<>();
    command.add(executable("node"));
    command.add(script.toString());
    command.addAll(bridgeArgs);
    if (basicAuthUserInfo != null) {
      command.add("--user-info");
      command.add(basicAuthUserInfo);
    }
    if (bigLongs) {
      command.add("--big-longs");
    }
    String description =
        "node "
            + SCRIPT
            + " "
            + bridgeArgs.get(0)
            + " (topic "
            + argAfter(bridgeArgs, "--topic")
            + ")";
    ProcessResult result = run(command, jsDir, stdin, timeout, description, "node");
    if (result.exitCode != 0) {
      throw new ConfluentJavaScriptClientException(
          description + " failed with exit code " + result.exitCode + ": " + result.stderr.strip(),
          result.exitCode,
          result.stderr,
          null);
    }
    String line = lastNonBlankLine(result.stdout);
    if (line == null) {
      throw new ConfluentJavaScriptClientException(
          description + " printed nothing on stdout; stderr: " + result.stderr.strip(),
          result.exitCode,
          result.stderr,
          null);
    }
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new ConfluentJavaScriptClientException(
          description
              + " printed a line that is not JSON: "
              + line
              + "; stderr: "
              + result.stderr.strip(),
          result.exitCode,
          result.stderr,
          e);
    }
  }

  /**
   * Runs {@code npm ci} once when node_modules is missing or incomplete; locked across threads and
   * JVMs.
   */
  private void ensureInstalled() {
    if (installed()) {
      return;
    }
    synchronized (INSTALL_LOCK) {
      Path lockFile =
          Paths.get(
              System.getProperty("java.io.tmpdir"),
              "clipstream-confluent-interop-npm-"
                  + Integer.toHexString(jsDir.toString().hashCode())
                  + ".lock");
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          if (!installed()) {
            npmCi();
          }
        } finally {
          lock.release();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + lockFile + " around npm ci", e);
      }
    }
  }

  private void npmCi() {
    List<String> command = List.of(executable("npm"), "ci", "--no-audit", "--no-fund");
    ProcessResult result = run(command, jsDir, null, NPM_CI_TIMEOUT, "npm ci in " + jsDir, "npm");
    if (result.exitCode != 0) {
      throw new ConfluentJavaScriptClientException(
          "`npm ci --no-audit --no-fund` in "
              + jsDir
              + " failed with exit code "
              + result.exitCode
              + ": "
              + result.stderr.strip()
              + "\n(it needs access to the npm registry the first time; "
              + INSTALL_HINT
              + ")",
          result.exitCode,
          result.stderr,
          null);
    }
    if (!installed()) {
      throw new ConfluentJavaScriptClientException(
          "`npm ci` in "
              + jsDir
              + " succeeded but "
              + "node_modules/@confluentinc/schemaregistry is still missing",
          0,
          result.stderr,
          null);
    }
  }

  private boolean installed() {
    Path modules = jsDir.resolve("node_modules");
    // npm writes node_modules/.package-lock.json last, so an interrupted install does not count.
    return Files.isRegularFile(modules.resolve(".package-lock.json"))
        && Files.isRegularFile(modules.resolve("@confluentinc/schemaregistry/package.json"))
        && Files.isRegularFile(modules.resolve("avsc/package.json"));
  }

  private static volatile Integer cachedNodeMajor;

  private static int nodeMajorVersion() {
    Integer cached = cachedNodeMajor;
    if (cached != null) {
      return cached;
    }
    ProcessResult result =
        run(
            List.of(executable("node"), "--version"),
            null,
            null,
            Duration.ofSeconds(30),
            "node --version",
            "node");
    Matcher m = Pattern.compile("v?(\\d+)\\.").matcher(result.stdout.strip());
    if (result.exitCode != 0 || !m.lookingAt()) {
      throw new ConfluentJavaScriptClientException(
          "`node --version` failed (exit "
              + result.exitCode
              + ", stdout "
              + result.stdout.strip()
              + "): "
              + INSTALL_HINT,
          result.exitCode,
          result.stderr,
          null);
    }
    int major = Integer.parseInt(m.group(1));
    cachedNodeMajor = major;
    return major;
  }

  private record ProcessResult(int exitCode, String stdout, String stderr) {}

  private static ProcessResult run(
      List<String> command,
      Path workDir,
      Path stdin,
      Duration limit,
      String description,
      String tool) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("confluent-interop-out-", ".txt");
      err = Files.createTempFile("confluent-interop-err-", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin != null) {
        builder.redirectInput(stdin.toFile());
      } else {
        builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      }
      if (workDir != null) {
        builder.directory(workDir.toFile());
      }
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new ConfluentJavaScriptClientException(
            "cannot run `"
                + tool
                + "` for "
                + description
                + ": "
                + e.getMessage()
                + ". To run the Confluent JavaScript interop tests, "
                + INSTALL_HINT,
            -1,
            "",
            e);
      }
      boolean exited;
      try {
        exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new ConfluentJavaScriptClientException(
            description + " was interrupted", -1, read(err), e);
      }
      if (!exited) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
          process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        String stderr = read(err);
        throw new ConfluentJavaScriptClientException(
            description
                + " did not finish within "
                + limit
                + " and was killed; stderr: "
                + stderr.strip(),
            -1,
            stderr,
            null);
      }
      return new ProcessResult(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create temporary files for " + description, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(isWindows() ? "NUL" : "/dev/null");
  }

  private static String read(Path file) {
    try {
      return file == null ? "" : Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static String lastNonBlankLine(String text) {
    String[] lines = text.split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return lines[i].strip();
      }
    }
    return null;
  }

  private static String argAfter(List<String> args, String flag) {
    int i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "?";
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static String executable(String name) {
    return isWindows() && name.equals("npm") ? "npm.cmd" : name;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // temporary file; nothing else to do
      }
    }
  }
}
