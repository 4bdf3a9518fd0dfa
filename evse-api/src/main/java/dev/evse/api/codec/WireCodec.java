package dev.evse.api.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.evse.api.types.InvalidFieldException;
import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON codec of the EVerest wire: encodes the records and enums of {@code dev.evse.api} to
 * EVerest's JSON and decodes it back.
 *
 * <p>Encoding writes exactly the {@code @JsonProperty} wire names, omits empty optionals (EVerest
 * never writes {@code null}) and writes doubles with a decimal point. Decoding is open (unknown
 * fields are ignored, as the AsyncAPI payloads allow) but strict about what is there: required
 * fields, enum values, JSON types (no string-to-number or number-to-boolean coercion, integers must
 * be whole) and the schema ranges checked by the records. Every decoding failure is a {@link
 * WireFormatException} naming the JSON path of the offending value.
 *
 * <pre>{@code
 * String json = WireCodec.encode(sessionEvent);
 * SessionEvent e = WireCodec.decode(json, SessionEvent.class);
 * List<EnergyTransferMode> modes = WireCodec.decode(json, new TypeReference<List<EnergyTransferMode>>() {});
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WireCodec {
  private static final ObjectMapper MAPPER = createMapper();

  private WireCodec() {}

  private static ObjectMapper createMapper() {
    SimpleModule strictInts = new SimpleModule("evse-strict-integers");
    strictInts.addDeserializer(Integer.TYPE, new StrictIntegerDeserializer(true));
    strictInts.addDeserializer(Integer.class, new StrictIntegerDeserializer(false));
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(strictInts)
            // only explicitly annotated wire properties, never bean getters
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.USE_DEFAULTS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }

  /** Encodes a wire value (record, enum, list, scalar or {@link JsonNode}) to JSON text. */
  public static String encode(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + describe(value) + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Encodes a wire value to a JSON tree (same form as {@link #encode}). */
  public static JsonNode toTree(Object value) {
    try {
      return MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot encode " + describe(value) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses JSON text into a tree without binding it, e.g. to look into an envelope.
   *
   * @throws WireFormatException if the text is not one well-formed JSON value
   */
  public static JsonNode parse(String json) {
    if (json == null) {
      throw new WireFormatException("$", "malformed JSON: no input", null);
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new WireFormatException("$", "malformed JSON: " + e.getOriginalMessage() + where, e);
    }
    if (node == null || node.isMissingNode()) {
      throw new WireFormatException("$", "malformed JSON: empty input", null);
    }
    return node;
  }

  /** Decodes JSON text into {@code type}. */
  public static <T> T decode(String json, Class<T> type) {
    return decode(parse(json), type);
  }

  /** Decodes JSON text into a generic type, e.g. {@code new TypeReference<List<EnergyTransferMode>>() {}}. */
  public static <T> T decode(String json, TypeReference<T> type) {
    return decode(parse(json), type);
  }

  /** Decodes a JSON tree into {@code type}. */
  public static <T> T decode(JsonNode node, Class<T> type) {
    return bind(node, MAPPER.readerFor(type), MAPPER.constructType(type));
  }

  /** Decodes a JSON tree into a generic type. */
  public static <T> T decode(JsonNode node, TypeReference<T> type) {
    return bind(node, MAPPER.readerFor(type), MAPPER.constructType(type));
  }

  private static <T> T bind(JsonNode node, ObjectReader reader, JavaType type) {
    if (node == null || node.isMissingNode()) {
      throw new WireFormatException("$", "no JSON value", null);
    }
    if (node.isNull()) {
      throw new WireFormatException("$", "expected " + expected(type.getRawClass()) + ", got null", null);
    }
    try {
      return reader.readValue(node);
    } catch (JsonMappingException e) {
      throw translate(e, node);
    } catch (IOException e) {
      throw new WireFormatException("$", e.getMessage(), e);
    }
  }

  private static WireFormatException translate(JsonMappingException e, JsonNode root) {
    StringBuilder path = new StringBuilder();
    JsonNode at = root;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
        at = at.path(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
        at = at.path(ref.getIndex());
      }
    }
    // a record constructor rejected a field (missing, out of range, bad format)
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof InvalidFieldException) {
        InvalidFieldException f = (InvalidFieldException) c;
        String p = path.length() == 0 ? f.field() : path + "." + f.field();
        return new WireFormatException(p, f.problem(), e);
      }
      if (c instanceof IllegalArgumentException) {
        return new WireFormatException(pathOf(path), c.getMessage(), e);
      }
    }
    String where = pathOf(path);
    if (at instanceof MissingNode) {
      return new WireFormatException(where, "required field missing", e);
    }
    if (e instanceof MismatchedInputException) {
      Class<?> target = ((MismatchedInputException) e).getTargetType();
      if (target != null && target.isEnum() && at.isTextual()) {
        return new WireFormatException(
            where, "unknown value \"" + at.asText() + "\" for " + target.getSimpleName(), e);
      }
      if (target != null && isIntegral(target) && at.isNumber()) {
        return new WireFormatException(where, e.getOriginalMessage(), e); // whole-number checks
      }
      if (target != null) {
        return new WireFormatException(where, "expected " + expected(target) + ", got " + actual(at), e);
      }
    }
    return new WireFormatException(where, e.getOriginalMessage(), e);
  }

  private static String pathOf(StringBuilder path) {
    return path.length() == 0 ? "$" : path.toString();
  }

  private static boolean isIntegral(Class<?> c) {
    return c == Integer.class || c == Integer.TYPE || c == Long.class || c == Long.TYPE;
  }

  private static String expected(Class<?> c) {
    if (c == null) {
      return "a value";
    }
    if (isIntegral(c) || c == Short.class || c == Short.TYPE) {
      return "integer";
    }
    if (Number.class.isAssignableFrom(c) || c == Double.TYPE || c == Float.TYPE) {
      return "number";
    }
    if (c == Boolean.class || c == Boolean.TYPE) {
      return "boolean";
    }
    if (c == String.class) {
      return "string";
    }
    if (c.isEnum()) {
      return "string (" + c.getSimpleName() + ")";
    }
    if (Collection.class.isAssignableFrom(c) || c.isArray()) {
      return "array";
    }
    if (c == Optional.class) {
      return "a value";
    }
    if (Map.class.isAssignableFrom(c) || c == Object.class) {
      return "object";
    }
    return "object (" + c.getSimpleName() + ")";
  }

  private static String actual(JsonNode n) {
    switch (n.getNodeType()) {
      case STRING:
        return "string \"" + n.asText() + "\"";
      case NUMBER:
        return "number " + n.asText();
      case BOOLEAN:
        return "boolean " + n.asText();
      case NULL:
        return "null";
      case ARRAY:
        return "array";
      case OBJECT:
        return "object";
      default:
        return n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
