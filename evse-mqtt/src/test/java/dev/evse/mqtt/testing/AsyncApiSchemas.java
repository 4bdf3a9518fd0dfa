package dev.evse.mqtt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * EVerest's AsyncAPI files ({@code <everest.dir>/api/<api>_API.yaml}) as a checker: which channels
 * exist, and whether a payload fits the schema of a channel's message. Covers the JSON Schema
 * subset those files use ($ref across files, type, enum, required, properties, items, ranges,
 * lengths, pattern, date-time, additionalProperties false).
 */
public final class AsyncApiSchemas {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DATE_TIME =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$");

  private final Path apiDir;
  private final Map<String, JsonNode> files = new HashMap<>();

  private AsyncApiSchemas(Path apiDir) {
    this.apiDir = apiDir;
  }

  /** The AsyncAPI files under the {@code everest.dir} system property, if present. */
  public static Optional<AsyncApiSchemas> load() {
    String dir = System.getProperty("everest.dir", "");
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    Path api = Path.of(dir, "api");
    return Files.isRegularFile(api.resolve("evse_manager_consumer_API.yaml"))
        ? Optional.of(new AsyncApiSchemas(api)) : Optional.empty();
  }

  public static String where() {
    return System.getProperty("everest.dir", "(everest.dir not set)") + "/api";
  }

  private JsonNode file(String name) {
    return files.computeIfAbsent(name, n -> {
      try {
        return YAML.readTree(apiDir.resolve(n).toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The message of the channel with {@code address} (e.g. {@code e2m/session_event}) in {@code <api>_API.yaml}. */
  public Optional<JsonNode> message(String api, String address) {
    String f = api + "_API.yaml";
    Iterator<Map.Entry<String, JsonNode>> it = file(f).path("channels").fields();
    while (it.hasNext()) {
      JsonNode ch = it.next().getValue();
      if (address.equals(ch.path("address").asText(null))) {
        JsonNode msgs = ch.path("messages");
        JsonNode m = msgs.elements().hasNext() ? msgs.elements().next() : null;
        return m == null ? Optional.empty() : Optional.of(resolve(f, m.path("$ref").asText()).node);
      }
    }
    return Optional.empty();
  }

  /** The reply message of the request operation on {@code requestAddress} (e.g. {@code m2e/get_evse}). */
  public Optional<JsonNode> replyMessage(String api, String requestAddress) {
    String f = api + "_API.yaml";
    JsonNode root = file(f);
    Iterator<Map.Entry<String, JsonNode>> ops = root.path("operations").fields();
    while (ops.hasNext()) {
      JsonNode op = ops.next().getValue();
      if (!op.has("reply")) {
        continue;
      }
      JsonNode ch = resolve(f, op.path("channel").path("$ref").asText()).node;
      if (requestAddress.equals(ch.path("address").asText(null))) {
        JsonNode replyCh = resolve(f, op.path("reply").path("channel").path("$ref").asText()).node;
        JsonNode m = replyCh.path("messages").elements().next();
        return Optional.of(resolve(f, m.path("$ref").asText()).node);
      }
    }
    return Optional.empty();
  }

  /** Problems of a reply to the request on {@code requestAddress}. */
  public List<String> checkReply(String api, String requestAddress, JsonNode payload) {
    return check(api, "reply to " + requestAddress, replyMessage(api, requestAddress), payload);
  }

  /** Problems of {@code payload} (null or missing = empty payload) against the channel's message; empty if it fits. */
  public List<String> check(String api, String address, JsonNode payload) {
    return check(api, address, message(api, address), payload);
  }

  private List<String> check(String api, String address, Optional<JsonNode> msg, JsonNode payload) {
    List<String> problems = new ArrayList<>();
    if (msg.isEmpty()) {
      problems.add("no channel '" + address + "' in " + api + "_API.yaml");
      return problems;
    }
    JsonNode schema = msg.get().get("payload");
    boolean empty = payload == null || payload.isMissingNode();
    if (schema == null) {
      if (!empty) {
        problems.add(address + ": the API has no payload here, got " + payload);
      }
      return problems;
    }
    if (empty) {
      problems.add(address + ": payload expected, got none");
      return problems;
    }
    validate(api + "_API.yaml", schema, payload, "$", problems);
    return problems;
  }

  private record Resolved(String file, JsonNode node) {}

  private Resolved resolve(String currentFile, String ref) {
    int hash = ref.indexOf('#');
    String f = hash <= 0 ? currentFile : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    JsonNode n = file(f);
    for (String seg : pointer.split("/")) {
      if (!seg.isEmpty()) {
        n = n.path(seg);
      }
    }
    if (n.isMissingNode()) {
      throw new IllegalStateException("unresolved $ref " + ref + " in " + currentFile);
    }
    return new Resolved(f, n);
  }

  private void validate(String f, JsonNode schema, JsonNode v, String path, List<String> out) {
    if (schema.has("$ref")) {
      Resolved r = resolve(f, schema.get("$ref").asText());
      validate(r.file(), r.node(), v, path, out);
    }
    String type = schema.path("type").asText("");
    // "type: object" next to a $ref to a string enum is a known quirk of the files: the $ref decides
    if (!type.isEmpty() && !(schema.has("$ref") && type.equals("object")) && !hasType(type, v)) {
      out.add(path + ": expected " + type + ", got " + v);
      return;
    }
    if (schema.has("enum")) {
      boolean ok = false;
      for (JsonNode e : schema.get("enum")) {
        ok |= e.asText().equals(v.asText()) && v.isValueNode();
      }
      if (!ok) {
        out.add(path + ": " + v + " not in " + schema.get("enum"));
      }
    }
    if (v.isNumber()) {
      if (schema.has("minimum") && v.doubleValue() < schema.get("minimum").doubleValue()) {
        out.add(path + ": " + v + " < minimum " + schema.get("minimum"));
      }
      if (schema.has("maximum") && v.doubleValue() > schema.get("maximum").doubleValue()) {
        out.add(path + ": " + v + " > maximum " + schema.get("maximum"));
      }
    }
    if (v.isTextual()) {
      String s = v.textValue();
      if (schema.has("minLength") && s.length() < schema.get("minLength").asInt()) {
        out.add(path + ": shorter than " + schema.get("minLength"));
      }
      if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
        out.add(path + ": longer than " + schema.get("maxLength"));
      }
      if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
        out.add(path + ": does not match " + schema.get("pattern"));
      }
      if ("date-time".equals(schema.path("format").asText()) && !DATE_TIME.matcher(s).matches()) {
        out.add(path + ": not a date-time: " + s);
      }
    }
    if (v.isObject()) {
      for (JsonNode r : schema.path("required")) {
        if (!v.has(r.asText())) {
          out.add(path + "." + r.asText() + ": required field missing");
        }
      }
      JsonNode props = schema.path("properties");
      Iterator<Map.Entry<String, JsonNode>> it = v.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (props.has(e.getKey())) {
          validate(f, props.get(e.getKey()), e.getValue(), path + "." + e.getKey(), out);
        } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
          out.add(path + "." + e.getKey() + ": not allowed");
        }
      }
    }
    if (v.isArray()) {
      if (schema.has("minItems") && v.size() < schema.get("minItems").asInt()) {
        out.add(path + ": fewer than " + schema.get("minItems") + " items");
      }
      if (schema.has("maxItems") && v.size() > schema.get("maxItems").asInt()) {
        out.add(path + ": more than " + schema.get("maxItems") + " items");
      }
      if (schema.has("items")) {
        for (int i = 0; i < v.size(); i++) {
          validate(f, schema.get("items"), v.get(i), path + "[" + i + "]", out);
        }
      }
    }
  }

  private static boolean hasType(String type, JsonNode v) {
    switch (type) {
      case "string":
        return v.isTextual();
      case "number":
        return v.isNumber();
      case "integer":
        return v.isIntegralNumber();
      case "boolean":
        return v.isBoolean();
      case "object":
        return v.isObject();
      case "array":
        return v.isArray();
      case "null":
        return v.isNull();
      default:
        return true;
    }
  }
}
