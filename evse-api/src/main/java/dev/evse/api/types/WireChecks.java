package dev.evse.api.types;

import dev.evse.api.codec.Rfc3339;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks used by the records' compact constructors to enforce the EVerest schema: required fields,
 * numeric ranges, string lengths and patterns, RFC 3339 timestamps, array sizes. Each check names
 * the wire field in its {@link InvalidFieldException}. Optional components are normalized so that
 * {@code null} becomes {@link Optional#empty()}; lists are copied into unmodifiable lists.
 */
public final class WireChecks {
  private WireChecks() {}

  /** Rejects a missing (null) required value. */
  public static <T> T require(String field, T value) {
    if (value == null) {
      throw new InvalidFieldException(field, "required field missing");
    }
    return value;
  }

  /** Normalizes a null optional to empty. */
  public static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /** A required finite number. */
  public static double number(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidFieldException(field, value + " is not a finite number");
    }
    return value;
  }

  /** A required finite number within {@code [min, max]} (a null bound is open). */
  public static double number(String field, double value, Double min, Double max) {
    number(field, value);
    checkRange(field, value, min, max);
    return value;
  }

  /** An optional finite number. */
  public static Optional<Double> number(String field, Optional<Double> value) {
    Optional<Double> v = optional(value);
    v.ifPresent(d -> number(field, d));
    return v;
  }

  /** An optional finite number within {@code [min, max]} (a null bound is open). */
  public static Optional<Double> number(String field, Optional<Double> value, Double min, Double max) {
    Optional<Double> v = optional(value);
    v.ifPresent(d -> number(field, d, min, max));
    return v;
  }

  /** A required integer within {@code [min, max]} (a null bound is open). */
  public static int integer(String field, int value, Integer min, Integer max) {
    checkRange(field, value, min, max);
    return value;
  }

  /** An optional integer within {@code [min, max]} (a null bound is open). */
  public static Optional<Integer> integer(
      String field, Optional<Integer> value, Integer min, Integer max) {
    Optional<Integer> v = optional(value);
    v.ifPresent(i -> checkRange(field, i, min, max));
    return v;
  }

  /** A required RFC 3339 date-time string. */
  public static String timestamp(String field, String value) {
    require(field, value);
    if (!Rfc3339.isValid(value)) {
      throw new InvalidFieldException(field, quote(value) + " is not an RFC 3339 date-time");
    }
    return value;
  }

  /** An optional RFC 3339 date-time string. */
  public static Optional<String> timestamp(String field, Optional<String> value) {
    Optional<String> v = optional(value);
    v.ifPresent(s -> timestamp(field, s));
    return v;
  }

  /** A required string of {@code minLength..maxLength} characters (null max = unbounded). */
  public static String text(String field, String value, int minLength, Integer maxLength) {
    require(field, value);
    int n = value.length();
    if (n < minLength || (maxLength != null && n > maxLength)) {
      throw new InvalidFieldException(
          field,
          "length "
              + n
              + " out of range "
              + minLength
              + ".."
              + (maxLength == null ? "" : maxLength.toString()));
    }
    return value;
  }

  /** An optional string of {@code minLength..maxLength} characters (null max = unbounded). */
  public static Optional<String> text(
      String field, Optional<String> value, int minLength, Integer maxLength) {
    Optional<String> v = optional(value);
    v.ifPresent(s -> text(field, s, minLength, maxLength));
    return v;
  }

  /** A required string matching {@code pattern} (searched, as JSON schema does). */
  public static String text(String field, String value, Pattern pattern) {
    require(field, value);
    if (!pattern.matcher(value).find()) {
      throw new InvalidFieldException(
          field, quote(value) + " does not match pattern " + pattern.pattern());
    }
    return value;
  }

  /** An optional string matching {@code pattern}. */
  public static Optional<String> text(String field, Optional<String> value, Pattern pattern) {
    Optional<String> v = optional(value);
    v.ifPresent(s -> text(field, s, pattern));
    return v;
  }

  /** A required list without null elements, copied unmodifiable. */
  public static <T> List<T> list(String field, List<T> value) {
    require(field, value);
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i) == null) {
        throw new InvalidFieldException(field + "[" + i + "]", "null element");
      }
    }
    return List.copyOf(value);
  }

  /** A required list of {@code minItems..maxItems} elements (a null bound is open). */
  public static <T> List<T> list(String field, List<T> value, Integer minItems, Integer maxItems) {
    List<T> v = list(field, value);
    int n = v.size();
    if ((minItems != null && n < minItems) || (maxItems != null && n > maxItems)) {
      throw new InvalidFieldException(
          field, n + " items, expected " + bounds(minItems, maxItems) + " items");
    }
    return v;
  }

  /** An optional list without null elements, copied unmodifiable. */
  public static <T> Optional<List<T>> optionalList(String field, Optional<List<T>> value) {
    return optional(value).map(l -> list(field, l));
  }

  /** An optional list of {@code minItems..maxItems} elements (a null bound is open). */
  public static <T> Optional<List<T>> optionalList(
      String field, Optional<List<T>> value, Integer minItems, Integer maxItems) {
    return optional(value).map(l -> list(field, l, minItems, maxItems));
  }

  /** Every element of a list of integers within {@code [min, max]}. */
  public static void eachInRange(String field, List<Integer> value, Integer min, Integer max) {
    for (int i = 0; i < value.size(); i++) {
      checkRange(field + "[" + i + "]", value.get(i), min, max);
    }
  }

  /** Every element of an optional list of integers within {@code [min, max]}. */
  public static void eachInRange(
      String field, Optional<List<Integer>> value, Integer min, Integer max) {
    value.ifPresent(l -> eachInRange(field, l, min, max));
  }

  private static void checkRange(String field, Number value, Number min, Number max) {
    double v = value.doubleValue();
    boolean low = min != null && v < min.doubleValue();
    boolean high = max != null && v > max.doubleValue();
    if (low || high) {
      throw new InvalidFieldException(field, value + " out of range " + bounds(min, max));
    }
  }

  private static String bounds(Number min, Number max) {
    return (min == null ? "" : plain(min)) + ".." + (max == null ? "" : plain(max));
  }

  private static String plain(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
    }
    return n.toString();
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
