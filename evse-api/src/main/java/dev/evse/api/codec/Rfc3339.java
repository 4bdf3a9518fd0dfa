package dev.evse.api.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * RFC 3339 timestamps as EVerest writes and reads them. EVerest writes UTC with milliseconds and
 * {@code Z}, e.g. {@code 2024-05-06T09:51:28.123Z} (24 characters); readers accept any RFC 3339
 * date-time (any fraction length, {@code Z} or a numeric offset, upper or lower case {@code T}/{@code Z}).
 */
public final class Rfc3339 {
  private static final DateTimeFormatter WRITER =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter READER =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private Rfc3339() {}

  /** Formats {@code instant} as UTC with exactly three fraction digits and {@code Z} (24 chars). */
  public static String format(Instant instant) {
    if (instant == null) {
      throw new IllegalArgumentException("instant is null");
    }
    return WRITER.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** The current time in EVerest's form. */
  public static String now() {
    return format(Instant.now());
  }

  /**
   * Parses any RFC 3339 date-time.
   *
   * @throws IllegalArgumentException if {@code text} is not an RFC 3339 date-time
   */
  public static Instant parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("timestamp is null");
    }
    try {
      return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), READER).toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not an RFC 3339 date-time: \"" + text + "\"", e);
    }
  }

  /** Whether {@code text} is an RFC 3339 date-time. */
  public static boolean isValid(String text) {
    if (text == null) {
      return false;
    }
    try {
      OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), READER);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
