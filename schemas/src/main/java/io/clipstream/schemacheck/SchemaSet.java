package io.clipstream.schemacheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SchemaParser;

/**
 * The named Avro schemas of one directory tree of {@code .avsc} files, keyed by full name.
 *
 * <p>Files may reference types defined in other files of the same tree in any order: all files are
 * parsed first and references are resolved afterwards.
 */
public record SchemaSet(Path root, Map<String, Schema> byFullName) {

  public SchemaSet {
    byFullName = Map.copyOf(byFullName);
  }

  /** Parses every {@code .avsc} file below {@code root}. */
  public static SchemaSet load(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "Schema directory " + root + " does not exist: pass a folder of .avsc files.");
    }
    SchemaParser parser = new SchemaParser();
    List<Parsed> parsed = new ArrayList<>();
    for (Path file : avscFiles(root)) {
      try {
        parsed.add(new Parsed(file, parser.parse(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read schema file " + file, e);
      } catch (SchemaParseException e) {
        throw new IllegalArgumentException(
            "Schema file " + file + " is not a valid Avro schema: " + e.getMessage(), e);
      }
    }
    Map<String, Schema> byName = new TreeMap<>();
    for (Parsed p : parsed) {
      Schema schema = resolve(parser, p);
      if (schema.getType() != Schema.Type.RECORD && schema.getType() != Schema.Type.ENUM) {
        throw new IllegalArgumentException(
            "Schema file "
                + p.file()
                + " must hold one named record or enum, found "
                + schema.getType());
      }
      Schema previous = byName.put(schema.getFullName(), schema);
      if (previous != null) {
        throw new IllegalArgumentException(
            "Type "
                + schema.getFullName()
                + " is defined twice under "
                + root
                + ": keep one file per type.");
      }
    }
    return new SchemaSet(root, byName);
  }

  private static Schema resolve(SchemaParser parser, Parsed p) {
    try {
      return parser.resolve(p.result());
    } catch (AvroRuntimeException e) {
      // The parser resolves every file at the first call, so the missing name is the useful part.
      throw new IllegalArgumentException(
          "A schema under "
              + p.file().getParent()
              + " references a type no file defines ("
              + e.getMessage()
              + "): add its .avsc file or fix the reference.",
          e);
    }
  }

  private static List<Path> avscFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list schema files under " + root, e);
    }
  }

  private record Parsed(Path file, SchemaParser.ParseResult result) {}
}
