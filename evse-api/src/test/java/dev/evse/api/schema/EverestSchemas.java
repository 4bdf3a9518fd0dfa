package dev.evse.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * EVerest's type YAML turned into one draft-07 JSON schema document: every {@code types:} entry of
 * every {@code types/<file>.yaml} becomes {@code definitions/<file>.<Type>}, and every EVerest
 * reference {@code /<file>#/<Type>} becomes {@code #/definitions/<file>.<Type>}. As draft-07 (and
 * EVerest's own validator) prescribes, the keywords beside a {@code $ref} are dropped: EVerest writes
 * e.g. {@code type: object} next to a reference to a string enum.
 */
final class EverestSchemas {
  private static final String IRI = "https://evse.dev/everest/types.json";
  private static final Pattern REF = Pattern.compile("/(\\w+)#/(\\w+)");

  private final Map<String, Map<String, JsonNode>> yamlTypes = new HashMap<>();
  private final SchemaRegistry registry;
  private final Map<String, Schema> cache = new HashMap<>();

  EverestSchemas(Path everestDir) {
    ObjectMapper yaml = new YAMLMapper();
    ObjectNode definitions = JsonNodeFactory.instance.objectNode();
    try (Stream<Path> files = Files.list(everestDir.resolve("types"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList())) {
        String file = f.getFileName().toString().replace(".yaml", "");
        JsonNode types = yaml.readTree(f.toFile()).path("types");
        Map<String, JsonNode> byName = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : types.properties()) {
          byName.put(e.getKey(), e.getValue());
          definitions.set(file + "." + e.getKey(), rewrite(e.getValue().deepCopy()));
        }
        yamlTypes.put(file, byName);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.set("definitions", definitions);
    String rootJson = root.toString();
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7,
            b -> b.schemas(Map.of(IRI, rootJson))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  private static JsonNode rewrite(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      if (o.has("$ref")) {
        Matcher m = REF.matcher(o.get("$ref").asText());
        if (!m.matches()) {
          throw new IllegalStateException("unexpected $ref " + o.get("$ref"));
        }
        o.removeAll();
        o.put("$ref", "#/definitions/" + m.group(1) + "." + m.group(2));
        return o;
      }
      List<String> names = o.properties().stream().map(Map.Entry::getKey).collect(Collectors.toList());
      for (String name : names) {
        o.set(name, rewrite(o.get(name)));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, rewrite(node.get(i)));
      }
    }
    return node;
  }

  /** The YAML types of one file, by name (raw, references not rewritten). */
  Map<String, JsonNode> types(String file) {
    Map<String, JsonNode> t = yamlTypes.get(file);
    if (t == null) {
      throw new IllegalArgumentException("no type file " + file);
    }
    return t;
  }

  /** The schema of {@code file#Type}, or of one of its properties when {@code property} is not empty. */
  Schema schema(String file, String type, String property) {
    if (!types(file).containsKey(type)) {
      throw new IllegalArgumentException("no type " + file + "#" + type);
    }
    String pointer = "#/definitions/" + file + "." + type + (property.isEmpty() ? "" : "/properties/" + property);
    return cache.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(IRI + p)));
  }

  /** Validation messages of {@code instance} against {@code file#Type} (empty = valid). */
  List<String> validate(String file, String type, String property, JsonNode instance) {
    List<Error> errors = schema(file, type, property).validate(instance);
    return errors.stream().map(Error::toString).collect(Collectors.toList());
  }
}
