package dev.evse.mqtt.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.codec.WireFormatException;
import java.nio.charset.StandardCharsets;

/** Decoding helpers that turn every problem into a {@link BadMessage} naming the JSON path. */
public final class Payloads {
  private Payloads() {}

  public static String text(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Parses one JSON value. */
  public static JsonNode parse(String text) {
    if (text.isBlank()) {
      throw new BadMessage("empty payload, expected JSON");
    }
    try {
      return WireCodec.parse(text);
    } catch (WireFormatException e) {
      throw new BadMessage(e.problem());
    }
  }

  /** Decodes {@code node} into {@code type}; {@code where} names the node in messages ("" = top). */
  public static <T> T decode(JsonNode node, Class<T> type, String where) {
    try {
      return WireCodec.decode(node, type);
    } catch (WireFormatException e) {
      throw new BadMessage(path(where, e.path()) + ": " + e.problem());
    }
  }

  public static <T> T decode(JsonNode node, TypeReference<T> type, String where) {
    try {
      return WireCodec.decode(node, type);
    } catch (WireFormatException e) {
      throw new BadMessage(path(where, e.path()) + ": " + e.problem());
    }
  }

  /** Parses and decodes a whole payload. */
  public static <T> T decode(String text, Class<T> type) {
    return decode(parse(text), type, "");
  }

  /** A bare JSON boolean. */
  public static boolean bool(String text) {
    JsonNode n = parse(text);
    if (!n.isBoolean()) {
      throw new BadMessage("$: expected boolean, got " + kind(n));
    }
    return n.booleanValue();
  }

  /** A bare JSON number. */
  public static double number(String text) {
    JsonNode n = parse(text);
    if (!n.isNumber()) {
      throw new BadMessage("$: expected number, got " + kind(n));
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw new BadMessage("$: number out of range");
    }
    return v;
  }

  /** A bare JSON string. */
  public static String string(String text) {
    JsonNode n = parse(text);
    if (!n.isTextual()) {
      throw new BadMessage("$: expected string, got " + kind(n));
    }
    return n.textValue();
  }

  /** A bare JSON integer within {@code min..max}. */
  public static int integer(JsonNode n, String where, int min, int max) {
    String at = where.isEmpty() ? "$" : where;
    if (!n.isIntegralNumber() && !(n.isNumber() && n.doubleValue() == Math.rint(n.doubleValue()))) {
      throw new BadMessage(at + ": expected integer, got " + kind(n));
    }
    if (!n.canConvertToInt() && n.isIntegralNumber()) {
      throw new BadMessage(at + ": integer out of range");
    }
    double d = n.doubleValue();
    if (d < min || d > max) {
      throw new BadMessage(at + ": " + n.asText() + " is outside " + min + ".." + max);
    }
    return (int) d;
  }

  public static String kind(JsonNode n) {
    switch (n.getNodeType()) {
      case STRING:
        return "string";
      case NUMBER:
        return "number " + n.asText();
      case BOOLEAN:
        return "boolean";
      case NULL:
        return "null";
      case ARRAY:
        return "array";
      case OBJECT:
        return "object";
      default:
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String path(String where, String inner) {
    if (where.isEmpty()) {
      return inner;
    }
    return "$".equals(inner) ? where : where + "." + inner;
  }
}
