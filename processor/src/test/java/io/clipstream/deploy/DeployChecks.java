package io.clipstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.Machine;
import io.clipstream.config.RenderKeys;
import io.clipstream.config.ServiceKeys;
import io.clipstream.http.HttpPaths;
import io.clipstream.topics.ContractTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cross-checks of the deployment files against the code: configuration keys, HTTP paths and port,
 * directories, labels, partitions. Each method throws {@link AssertionError} naming the drift.
 */
final class DeployChecks {

  static final String IMAGE_CONFIG = "/etc/clipstream/clipstream.properties";
  static final String JAR = "/opt/clipstream/clipstream.jar";
  static final String ENCODER_1080P_MIB = "211";

  private final DeployFiles files;

  DeployChecks(DeployFiles files) {
    this.files = files;
  }

  /** The default of {@code http.port}, from the declaration. */
  static int httpPort() {
    return (Integer)
        ClipstreamConfig.DEFINITION.configKeys().get(ServiceKeys.HTTP_PORT).defaultValue;
  }

  /**
   * The documented naming rule (docs/configuration.md): {@code CLIPSTREAM_} + a declared key in
   * upper case with {@code .} and {@code -} as {@code _}, or {@code CLIPSTREAM_KAFKA_<SETTING>}.
   */
  static boolean declaredVariable(String variable) {
    if (variable.startsWith("CLIPSTREAM_KAFKA_")
        && variable.length() > "CLIPSTREAM_KAFKA_".length()) {
      return true;
    }
    return ClipstreamConfig.DEFINITION.names().stream()
        .map(k -> "CLIPSTREAM_" + k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))
        .anyMatch(variable::equals);
  }

  /** Loads like {@code clipstream run}; fails on invalid values and on ignored variables. */
  static ClipstreamConfig load(Optional<Path> file, Map<String, String> env, Machine machine) {
    Set<String> undeclared =
        env.keySet().stream()
            .filter(v -> v.startsWith("CLIPSTREAM_"))
            .filter(v -> !declaredVariable(v))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(undeclared).as("CLIPSTREAM_* variables that set no declared key").isEmpty();
    ClipstreamConfig config = ConfigLoader.load(file, env, Map.of(), machine);
    assertThat(config.warnings())
        .as("configuration warnings")
        .noneMatch(w -> w.contains("matches no configuration key"));
    return config;
  }

  // ---- docker-compose.yml and deploy/ ----------------------------------------------------------

  ClipstreamConfig composeConfig() {
    JsonNode service = files.composeService("clipstream");
    Map<String, String> env = DeployFiles.composeEnv(service);
    long memory = parseQuantity(service.path("mem_limit").asText("2g"));
    return load(
        Optional.of(files.path("deploy/clipstream.properties")),
        env,
        new Machine(2, memory, memory * maxRamPercentage() / 100));
  }

  void composeServiceConfiguration() {
    ClipstreamConfig config = composeConfig();
    JsonNode service = files.composeService("clipstream");
    int port = config.httpPort();
    assertThat(port).as("http.port of the compose service").isEqualTo(httpPort());
    assertThat(service.path("ports").toString())
        .as("published ports of clipstream")
        .contains(":" + port + "\"");
    assertThat(service.path("healthcheck").path("test").toString())
        .as("compose health check of clipstream")
        .contains(":" + port + HttpPaths.LIVE);
    List<String> mounts = new ArrayList<>();
    service.path("volumes").forEach(v -> mounts.add(v.asText()));
    assertThat(mounts)
        .as("the properties file is mounted where the command reads it")
        .contains("./deploy/clipstream.properties:" + IMAGE_CONFIG + ":ro");
    assertThat(service.path("command").toString()).contains(IMAGE_CONFIG);
    assertThat(mounts)
        .as("state.dir on a named volume")
        .anyMatch(m -> m.endsWith(":" + config.stateDir()) && !m.startsWith("."));
    Map<String, String> env = DeployFiles.composeEnv(service);
    assertThat(env).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    Map<String, String> minio = DeployFiles.composeEnv(files.composeService("minio"));
    assertThat(env.get("AWS_ACCESS_KEY_ID")).isEqualTo(minio.get("MINIO_ROOT_USER"));
    assertThat(env.get("AWS_SECRET_ACCESS_KEY")).isEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
    assertThat(config.storageUri().toString()).isEqualTo("s3://clips");
    assertThat(files.text("deploy/minio-init.sh")).contains("local/clips", "local/recordings");
    assertThat(config.storage().toString()).contains("http://minio:9000");
    assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.serdeConfig().get("schema.registry.url"))
        .isEqualTo("http://schema-registry:8080/apis/ccompat/v7");
  }

  void composeFeeder() {
    ClipstreamConfig config = composeConfig();
    JsonNode feeder = files.composeService("feeder");
    Map<String, String> env = DeployFiles.composeEnv(feeder);
    assertThat(env.get("BOOTSTRAP_SERVERS")).isEqualTo(config.bootstrapServers());
    assertThat(env.get("REGISTRY_URL")).isEqualTo(config.serdeConfig().get("schema.registry.url"));
    String recordings = env.get("RECORDINGS_URI");
    String sample =
        files
            .text("processor/src/main/resources/demo/segments.jsonl")
            .lines()
            .findFirst()
            .orElseThrow();
    String uri = DeployFiles.firstGroup(sample, "\"uri\":\"([^\"]+)\"").orElseThrow();
    assertThat(uri).startsWith("${recordings}/");
    assertThat(config.allowedSources().refusal(uri.replace("${recordings}", recordings)))
        .as("the feeder's rewritten segment URI is allowed by sources.allowed.roots")
        .isEmpty();
    assertThat(feeder.path("image").asText())
        .isEqualTo(files.composeService("clipstream").path("image").asText());
    String entrypoint = feeder.path("entrypoint").toString();
    List<String> copies = files.dockerfile("COPY");
    assertThat(copies)
        .anyMatch(
            c -> c.matches("deploy/feed\\.sh (\\S+)") && entrypoint.contains(c.split(" ")[1]));
    String feed = files.text("deploy/feed.sh");
    for (String kind : List.of("segments", "detections", "events")) {
      assertThat(feed).contains("publish " + kind + " ");
    }
    assertThat(feed).contains(JAR, "--bootstrap-servers", "--registry-url");
  }

  /** PARTITIONS of the topics service (every contract topic gets as many). */
  int composePartitions() {
    return Integer.parseInt(
        DeployFiles.composeEnv(files.composeService("topics")).get("PARTITIONS"));
  }

  void composeTopics() {
    assertThat(composePartitions()).isPositive();
    String script = files.text("deploy/create-topics.sh");
    for (ContractTopic topic : ContractTopic.values()) {
      assertThat(script)
          .as("create-topics.sh creates %s", topic.defaultName())
          .contains(topic.defaultName());
    }
    assertThat(script).contains("--partitions \"$PARTITIONS\"");
  }

  void composeHealthAndOrder() {
    JsonNode services = files.yaml("docker-compose.yml").path("services");
    Map<String, Boolean> oneShot = new LinkedHashMap<>();
    services
        .properties()
        .forEach(e -> oneShot.put(e.getKey(), "no".equals(e.getValue().path("restart").asText())));
    services
        .properties()
        .forEach(
            e -> {
              String name = e.getKey();
              JsonNode s = e.getValue();
              if (!oneShot.get(name)) {
                assertThat(s.has("healthcheck"))
                    .as("long-running service %s has a health check", name)
                    .isTrue();
              }
              s.path("depends_on")
                  .properties()
                  .forEach(
                      d -> {
                        String condition = d.getValue().path("condition").asText();
                        assertThat(services.has(d.getKey()))
                            .as("%s depends on a service", name)
                            .isTrue();
                        if (oneShot.get(d.getKey())) {
                          assertThat(condition)
                              .as("%s waits for one-shot %s", name, d.getKey())
                              .isEqualTo("service_completed_successfully");
                        } else {
                          assertThat(condition)
                              .as("%s waits for %s", name, d.getKey())
                              .isEqualTo("service_healthy");
                        }
                      });
              s.path("volumes")
                  .forEach(
                      v -> {
                        String source = v.asText().split(":")[0];
                        if (source.startsWith("./")) {
                          assertThat(Files.exists(files.path(source.substring(2))))
                              .as("bind-mounted %s of %s exists", source, name)
                              .isTrue();
                        }
                      });
            });
  }

  void imageDefaults() {
    Map<String, String> env = new HashMap<>();
    env.put("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
    env.put("CLIPSTREAM_SCHEMA_REGISTRY_URL", "mock://deploy");
    env.put("CLIPSTREAM_SOURCES_ALLOWED_ROOTS", "/srv/nvr");
    ClipstreamConfig config =
        load(
            Optional.of(files.path("deploy/image.properties")),
            env,
            new Machine(2, 2L << 30, 1L << 29));
    assertThat(files.dockerfile("COPY")).contains("deploy/image.properties " + IMAGE_CONFIG);
    assertThat(config.httpPort()).isEqualTo(httpPort());
    String run = String.join(" ", files.dockerfile("RUN"));
    assertThat(run)
        .as("the image creates state.dir and render.work.dir")
        .contains(config.stateDir().toString(), config.render().workDir().toString());
    assertThat(files.dockerfile("VOLUME").toString()).contains(config.stateDir().toString());
  }

  // ---- Dockerfile -------------------------------------------------------------------------------

  int maxRamPercentage() {
    return files.dockerfileExec("ENTRYPOINT").stream()
        .filter(a -> a.startsWith("-XX:MaxRAMPercentage="))
        .map(a -> (int) Double.parseDouble(a.substring("-XX:MaxRAMPercentage=".length())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("ENTRYPOINT sets no -XX:MaxRAMPercentage"));
  }

  String javacppCacheDir() {
    return files.dockerfileExec("ENTRYPOINT").stream()
        .filter(a -> a.startsWith("-Dorg.bytedeco.javacpp.cachedir="))
        .map(a -> a.substring("-Dorg.bytedeco.javacpp.cachedir=".length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("ENTRYPOINT sets no JavaCPP cache directory"));
  }

  String dockerUser() {
    List<String> users = files.dockerfile("USER");
    assertThat(users).as("USER of the runtime stage").isNotEmpty();
    return users.get(users.size() - 1).split(":")[0];
  }

  void dockerfile() {
    int port = httpPort();
    assertThat(dockerUser()).as("runtime USER").isNotIn("0", "root").matches("\\d+");
    assertThat(files.dockerfile("EXPOSE")).as("EXPOSE").contains(String.valueOf(port));
    List<String> healthchecks = files.dockerfile("HEALTHCHECK");
    assertThat(healthchecks).hasSize(1);
    assertThat(healthchecks.get(0)).contains("http://127.0.0.1:" + port + HttpPaths.LIVE);
    List<String> entrypoint = files.dockerfileExec("ENTRYPOINT");
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
        .containsExactly("-jar", JAR);
    assertThat(maxRamPercentage())
        .as("heap share, leaving room for native encoders")
        .isBetween(25, 50);
    String run = String.join(" ", files.dockerfile("RUN"));
    String uid = dockerUser();
    assertThat(run).contains("--uid " + uid, "chown", javacppCacheDir());
    assertThat(files.dockerfileExec("CMD")).containsExactly("run", "--config", IMAGE_CONFIG);
    // The base images are build arguments whose defaults stay the public Temurin images.
    assertThat(files.runtimeStage().get(0)).isEqualTo("FROM ${RUNTIME_IMAGE}");
    assertThat(files.dockerfileArgDefault("RUNTIME_IMAGE")).contains("eclipse-temurin:17-jre");
    assertThat(files.dockerfileArgDefault("BUILD_IMAGE")).contains("eclipse-temurin:17-jdk");
    assertThat(files.dockerfileArgDefault("JAR_FROM")).contains("source");
    assertThat(files.dockerfile("COPY")).anyMatch(c -> c.startsWith("--from=") && c.endsWith(JAR));
    assertThat(files.text(".dockerignore")).contains("**/target", ".git");
  }

  // ---- docker-compose.local.yml (the stack without public images) ------------------------------

  static final Set<String> LOCAL_OVERRIDE_KEYS = Set.of("image", "build", "healthcheck");
  static final String STANDIN_DOCKERFILE = "deploy/local/Dockerfile";
  static final String STACK_TEST = "deploy/stack-test.sh";

  /**
   * The override changes only what cannot be the same (images, their health checks, build
   * arguments), replaces every public image with a stand-in that {@code deploy/stack-test.sh}
   * builds from a target of {@code deploy/local/Dockerfile}, passes only build arguments the
   * Dockerfile declares, and its MinIO client stand-in knows every {@code mc} command the stack's
   * scripts run.
   */
  void composeLocalOverride() {
    JsonNode base = files.yaml("docker-compose.yml").path("services");
    JsonNode local = files.yaml("docker-compose.local.yml").path("services");
    Set<String> targets = stages(files.text(STANDIN_DOCKERFILE));
    Set<String> built =
        DeployFiles.firstGroup(files.text(STACK_TEST), "^for standin in ([a-z0-9 ]+); do")
            .map(list -> Set.of(list.strip().split(" +")))
            .orElseThrow(() -> new AssertionError(STACK_TEST + " builds no stand-ins"));
    assertThat(built).as("stand-ins built by %s", STACK_TEST).isSubsetOf(targets);
    base.properties()
        .forEach(
            e -> {
              String name = e.getKey();
              JsonNode override = local.path(name);
              if (!e.getValue().has("build")) {
                assertThat(override.path("image").asText())
                    .as("public image of %s replaced in docker-compose.local.yml", name)
                    .matches("local/clipstream-[a-z0-9]+:standin");
              }
            });
    local
        .properties()
        .forEach(
            e -> {
              String name = e.getKey();
              JsonNode override = e.getValue();
              assertThat(base.has(name)).as("%s is a service of docker-compose.yml", name).isTrue();
              List<String> keys = new ArrayList<>();
              override.fieldNames().forEachRemaining(keys::add);
              assertThat(keys).as("keys %s overrides", name).isSubsetOf(LOCAL_OVERRIDE_KEYS);
              String image = override.path("image").asText();
              var standin = Pattern.compile("local/clipstream-([a-z0-9]+):standin").matcher(image);
              if (standin.matches()) {
                assertThat(built)
                    .as("stand-in image %s is built", image)
                    .contains(standin.group(1));
              } else {
                assertThat(image)
                    .as("image of %s", name)
                    .isEqualTo(base.path(name).path("image").asText());
              }
              JsonNode build = override.path("build");
              List<String> buildKeys = new ArrayList<>();
              build.fieldNames().forEachRemaining(buildKeys::add);
              assertThat(buildKeys).as("build settings %s overrides", name).isSubsetOf("args");
              build
                  .path("args")
                  .properties()
                  .forEach(
                      arg -> {
                        assertThat(files.dockerfileArgDefault(arg.getKey()))
                            .as("build argument %s is declared in the Dockerfile", arg.getKey())
                            .isPresent();
                        if (arg.getKey().equals("JAR_FROM")) {
                          assertThat(stages(files.text("Dockerfile")))
                              .as("JAR_FROM names a stage")
                              .contains(arg.getValue().asText());
                        }
                      });
            });
    Set<String> used = new TreeSet<>();
    for (String script : List.of("deploy/minio-init.sh", "deploy/show-clips.sh")) {
      Pattern.compile("(?m)^\\s*(?:[a-z]+=\\$\\()?mc ([a-z]+)")
          .matcher(files.text(script))
          .results()
          .forEach(m -> used.add(m.group(1)));
    }
    Set<String> known =
        Pattern.compile("(?m)^  ([a-z]+)\\)$")
            .matcher(files.text("deploy/local/mc/mc"))
            .results()
            .map(m -> m.group(1))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(used).as("mc commands of the stack's scripts").isNotEmpty();
    assertThat(known).as("commands the mc stand-in knows").containsAll(used);
  }

  private static Set<String> stages(String dockerfile) {
    return Pattern.compile("(?im)^FROM \\S+ AS ([a-z0-9_-]+)\\s*$")
        .matcher(dockerfile)
        .results()
        .map(m -> m.group(1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // ---- k8s/ -------------------------------------------------------------------------------------

  Map<String, String> configMap() {
    return DeployFiles.stringMap(files.k8s("configmap.yaml", "ConfigMap").path("data"));
  }

  JsonNode statefulSet() {
    return files.k8s("statefulset.yaml", "StatefulSet");
  }

  JsonNode container() {
    JsonNode containers =
        statefulSet().path("spec").path("template").path("spec").path("containers");
    assertThat(containers.size()).isEqualTo(1);
    return containers.get(0);
  }

  Machine podMachine(boolean limits) {
    JsonNode resources = container().path("resources").path(limits ? "limits" : "requests");
    long memory = parseQuantity(resources.path("memory").asText());
    int cpus = (int) Math.ceil(parseCpu(resources.path("cpu").asText()));
    return new Machine(cpus, memory, memory * maxRamPercentage() / 100);
  }

  ClipstreamConfig k8sConfig(Map<String, String> configMap) {
    Map<String, String> env = new LinkedHashMap<>(configMap);
    // The container's own env: plain values and (fake) Secret values.
    container()
        .path("env")
        .forEach(
            e ->
                env.put(
                    e.path("name").asText(),
                    e.has("value") ? e.path("value").asText() : "secret-value"));
    return load(Optional.of(files.path("deploy/image.properties")), env, podMachine(true));
  }

  void k8sConfiguration() {
    Map<String, String> data = configMap();
    ClipstreamConfig config = k8sConfig(data);
    JsonNode container = container();
    assertThat(config.httpPort()).isEqualTo(httpPort());
    JsonNode http = null;
    for (JsonNode p : container.path("ports")) {
      if ("http".equals(p.path("name").asText())) {
        http = p;
      }
    }
    assertThat(http).as("container port named http").isNotNull();
    assertThat(http.path("containerPort").asInt()).isEqualTo(config.httpPort());
    assertThat(container.path("args").toString()).contains(IMAGE_CONFIG);
    // The encoders configured fit the memory the limit leaves outside the heap (the product's own
    // formula: derive the default with the explicit value removed).
    Map<String, String> derived = new LinkedHashMap<>(data);
    derived.remove("CLIPSTREAM_RENDER_MAX_CONCURRENT_ENCODERS");
    int fitting = k8sConfig(derived).render().maxConcurrentEncoders();
    assertThat(config.render().maxConcurrentEncoders())
        .as(
            "encoders configured, at most what half the non-heap memory of the limit holds (%s MiB each)",
            ENCODER_1080P_MIB)
        .isLessThanOrEqualTo(fitting);
    derived.remove("CLIPSTREAM_RENDER_WORKERS");
    assertThat(config.render().workers())
        .as("render threads, at most half the CPU limit")
        .isLessThanOrEqualTo(k8sConfig(derived).render().workers());
    assertThat(container.path("resources").path("requests").path("memory").asText())
        .as("memory request equals the limit (native memory)")
        .isEqualTo(container.path("resources").path("limits").path("memory").asText());
    assertThat(
            statefulSet()
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("envFrom")
                .toString())
        .contains(files.k8s("configmap.yaml", "ConfigMap").path("metadata").path("name").asText());
    assertThat(files.text("k8s/statefulset.yaml")).contains(ENCODER_1080P_MIB + " MiB");
    assertThat(RenderKeys.MAX_CONCURRENT_ENCODERS).isEqualTo("render.max.concurrent.encoders");
  }

  void k8sProbes() {
    JsonNode c = container();
    assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo(HttpPaths.LIVE);
    assertThat(c.path("startupProbe").path("httpGet").path("path").asText())
        .isEqualTo(HttpPaths.LIVE);
    assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo(HttpPaths.READY);
    for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
      String port = c.path(probe).path("httpGet").path("port").asText();
      assertThat(port).as("%s port", probe).isIn("http", String.valueOf(httpPort()));
    }
  }

  void k8sVolumesAndSecurity() {
    ClipstreamConfig config = k8sConfig(configMap());
    JsonNode spec = statefulSet().path("spec");
    JsonNode pod = spec.path("template").path("spec");
    Map<String, String> mounts = new LinkedHashMap<>();
    container()
        .path("volumeMounts")
        .forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
    Set<String> claims = new TreeSet<>();
    spec.path("volumeClaimTemplates")
        .forEach(t -> claims.add(t.path("metadata").path("name").asText()));
    assertThat(claims).as("volumeClaimTemplates").isNotEmpty();
    assertThat(mounts.get(config.stateDir().toString()))
        .as("volume mounted at state.dir %s", config.stateDir())
        .isIn(claims);
    Set<String> emptyDirs = new TreeSet<>();
    pod.path("volumes")
        .forEach(
            v -> {
              if (v.has("emptyDir")) {
                emptyDirs.add(v.path("name").asText());
              }
            });
    for (String writable :
        List.of(config.render().workDir().toString(), javacppCacheDir(), "/tmp")) {
      assertThat(mounts.get(writable)).as("writable emptyDir at %s", writable).isIn(emptyDirs);
    }
    JsonNode podSecurity = pod.path("securityContext");
    assertThat(podSecurity.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(podSecurity.path("runAsUser").asText()).isEqualTo(dockerUser());
    assertThat(podSecurity.path("fsGroup").asText()).isEqualTo(dockerUser());
    JsonNode security = container().path("securityContext");
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    // Secrets by reference, with keys the example Secret has.
    Map<String, String> secretKeys = new LinkedHashMap<>();
    container()
        .path("env")
        .forEach(
            e -> {
              JsonNode ref = e.path("valueFrom").path("secretKeyRef");
              if (!ref.isMissingNode()) {
                secretKeys.put(e.path("name").asText(), ref.path("key").asText());
              }
            });
    assertThat(secretKeys)
        .containsKeys(
            "CLIPSTREAM_KAFKA_SASL_JAAS_CONFIG", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    JsonNode secret = files.k8s("secret.example.yaml", "Secret").path("stringData");
    assertThat(secretKeys.values()).allMatch(secret::has, "a key of secret.example.yaml");
    assertThat(configMap().keySet())
        .as("no secrets in the ConfigMap")
        .noneMatch(k -> Pattern.compile("PASSWORD|SECRET|JAAS|TOKEN|USER_INFO").matcher(k).find());
  }

  void k8sLabelsAndService() {
    JsonNode spec = statefulSet().path("spec");
    Map<String, String> selector = DeployFiles.stringMap(spec.path("selector").path("matchLabels"));
    Map<String, String> podLabels =
        DeployFiles.stringMap(spec.path("template").path("metadata").path("labels"));
    assertThat(podLabels)
        .as("pod labels match the StatefulSet selector")
        .containsAllEntriesOf(selector);
    JsonNode service = files.k8s("service-headless.yaml", "Service");
    assertThat(spec.path("serviceName").asText())
        .isEqualTo(service.path("metadata").path("name").asText());
    assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
    assertThat(podLabels)
        .containsAllEntriesOf(DeployFiles.stringMap(service.path("spec").path("selector")));
    assertThat(service.path("spec").path("ports").get(0).path("port").asInt())
        .isEqualTo(httpPort());
    JsonNode pdb = files.k8s("pdb.yaml", "PodDisruptionBudget");
    assertThat(DeployFiles.stringMap(pdb.path("spec").path("selector").path("matchLabels")))
        .as("PDB selector")
        .isEqualTo(selector);
    assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
    assertThat(
            spec.path("template")
                .path("metadata")
                .path("annotations")
                .path("prometheus.io/path")
                .asText())
        .isEqualTo(HttpPaths.METRICS);
  }

  void kustomization() throws Exception {
    JsonNode kustomization = files.yaml("k8s/kustomization.yaml");
    List<String> resources = new ArrayList<>();
    kustomization.path("resources").forEach(r -> resources.add(r.asText()));
    for (String r : resources) {
      assertThat(Files.isRegularFile(files.path("k8s/" + r))).as("k8s/%s exists", r).isTrue();
    }
    assertThat(resources).doesNotContain("secret.example.yaml", "keda-scaledobject.yaml");
    try (var listing = Files.list(files.path("k8s"))) {
      Set<String> yamls =
          listing
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .collect(Collectors.toCollection(TreeSet::new));
      yamls.removeAll(
          Set.of("kustomization.yaml", "secret.example.yaml", "keda-scaledobject.yaml"));
      assertThat(resources).as("every manifest of k8s/ is a resource").containsAll(yamls);
      for (String file : yamls) {
        for (JsonNode doc : files.yamlDocuments("k8s/" + file)) {
          assertThat(doc.path("apiVersion").isTextual() && doc.path("kind").isTextual())
              .as("k8s/%s has apiVersion and kind", file)
              .isTrue();
        }
      }
    }
    String image = container().path("image").asText();
    assertThat(kustomization.path("images").toString()).contains("\"name\":\"" + image + "\"");
  }

  void keda() {
    JsonNode scaled = files.k8s("keda-scaledobject.yaml", "ScaledObject");
    JsonNode spec = scaled.path("spec");
    assertThat(spec.path("scaleTargetRef").path("kind").asText()).isEqualTo("StatefulSet");
    assertThat(spec.path("scaleTargetRef").path("name").asText())
        .isEqualTo(statefulSet().path("metadata").path("name").asText());
    int max = spec.path("maxReplicaCount").asInt();
    assertThat(max)
        .as(
            "maxReplicaCount at most the partitions of %s (%d in docker-compose.yml)",
            ContractTopic.RENDER_COMMANDS.defaultName(), composePartitions())
        .isBetween(1, composePartitions());
    JsonNode trigger = spec.path("triggers").get(0);
    assertThat(trigger.path("type").asText()).isEqualTo("kafka");
    ClipstreamConfig config = k8sConfig(configMap());
    assertThat(trigger.path("metadata").path("consumerGroup").asText())
        .isEqualTo(config.applicationId() + "-renderer");
    assertThat(trigger.path("metadata").path("topic").asText())
        .isEqualTo(config.topic(ContractTopic.RENDER_COMMANDS));
    assertThat(trigger.path("metadata").path("bootstrapServers").asText())
        .isEqualTo(config.bootstrapServers());
    JsonNode auth = files.k8s("keda-scaledobject.yaml", "TriggerAuthentication");
    assertThat(auth.path("metadata").path("name").asText())
        .isEqualTo(trigger.path("authenticationRef").path("name").asText());
    JsonNode secret = files.k8s("secret.example.yaml", "Secret").path("stringData");
    auth.path("spec")
        .path("secretTargetRef")
        .forEach(
            r ->
                assertThat(secret.has(r.path("key").asText()))
                    .as("secret key %s", r.path("key").asText())
                    .isTrue());
    assertThat(files.text("docs/deploy.md")).contains("maxReplicaCount");
  }

  // ---- quantities -------------------------------------------------------------------------------

  static long parseQuantity(String q) {
    var m = Pattern.compile("(\\d+)\\s*([KMGT]i?|[kmgt]b?|[kmgt])?").matcher(q.strip());
    assertThat(m.matches()).as("memory quantity %s", q).isTrue();
    long n = Long.parseLong(m.group(1));
    String unit =
        m.group(2) == null
            ? ""
            : m.group(2).toLowerCase(Locale.ROOT).replace("i", "").replace("b", "");
    int shift =
        switch (unit) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    return n << shift;
  }

  static double parseCpu(String q) {
    return q.endsWith("m")
        ? Double.parseDouble(q.substring(0, q.length() - 1)) / 1000
        : Double.parseDouble(q);
  }
}
