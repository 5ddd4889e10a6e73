package io.clipstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment files of a repository checkout (Dockerfile, docker-compose.yml, deploy/, k8s/),
 * parsed: what {@link DeployChecks} cross-checks.
 */
final class DeployFiles {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  final Path root;

  DeployFiles(Path root) {
    this.root = root;
  }

  Path path(String relative) {
    return root.resolve(relative);
  }

  String text(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a (possibly multi-document) YAML file. */
  List<JsonNode> yamlDocuments(String relative) {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(path(relative).toFile())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse " + relative, e);
    }
    return docs;
  }

  JsonNode yaml(String relative) {
    List<JsonNode> docs = yamlDocuments(relative);
    assertThat(docs).as("documents of %s", relative).hasSize(1);
    return docs.get(0);
  }

  /** The one document of {@code kind} among the k8s files. */
  JsonNode k8s(String file, String kind) {
    return yamlDocuments("k8s/" + file).stream()
        .filter(d -> kind.equals(d.path("kind").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/" + file));
  }

  JsonNode composeService(String name) {
    JsonNode service = yaml("docker-compose.yml").path("services").path(name);
    assertThat(service.isObject()).as("compose service %s", name).isTrue();
    return service;
  }

  /** A compose {@code environment}, as a map or as a list of NAME=VALUE. */
  static Map<String, String> composeEnv(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      node.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    } else if (node.isArray()) {
      node.forEach(
          item -> {
            String[] kv = item.asText().split("=", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
          });
    }
    return env;
  }

  /** A container's {@code data} or plain {@code value} env entries (not references). */
  static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /**
   * The instructions of the Dockerfile's last stage (the runtime image), continuation lines joined.
   */
  List<String> runtimeStage() {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text("Dockerfile").split("\n")) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String instruction = current.toString().replaceAll("\\s+", " ").strip();
      current.setLength(0);
      if (instruction.regionMatches(true, 0, "FROM ", 0, 5)) {
        instructions.clear();
      }
      instructions.add(instruction);
    }
    return instructions;
  }

  /** The arguments of the runtime stage's {@code instruction}s (upper case name). */
  List<String> dockerfile(String instruction) {
    return runtimeStage().stream()
        .filter(i -> i.toUpperCase().startsWith(instruction + " "))
        .map(i -> i.substring(instruction.length() + 1).strip())
        .toList();
  }

  /** The exec-form (JSON array) arguments of ENTRYPOINT or CMD. */
  List<String> dockerfileExec(String instruction) {
    List<String> values = dockerfile(instruction);
    assertThat(values).as("%s instructions in the runtime stage", instruction).hasSize(1);
    try {
      JsonNode array = new ObjectMapper().readTree(values.get(0));
      assertThat(array.isArray()).as("%s in exec form", instruction).isTrue();
      List<String> args = new ArrayList<>();
      array.forEach(a -> args.add(a.asText()));
      return args;
    } catch (IOException e) {
      throw new AssertionError(instruction + " is not a JSON array: " + values.get(0), e);
    }
  }

  /** The default of a Dockerfile {@code ARG NAME=DEFAULT}, if the Dockerfile declares one. */
  Optional<String> dockerfileArgDefault(String name) {
    return firstGroup(text("Dockerfile"), "^ARG " + Pattern.quote(name) + "=(\\S+)\\s*$");
  }

  /** The value of a shell variable assignment {@code NAME=VALUE} in a script, if any. */
  static Optional<String> firstGroup(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
