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

  /** The date part ("2024-05-06T") of the day last formatted; immutable, so racy sharing is safe. */
  private record DayPrefix(long epochDay, String text) {}

  private static volatile DayPrefix lastDay = new DayPrefix(Long.MIN_VALUE, "");

  /** Formats {@code instant} as UTC with exactly three fraction digits and {@code Z} (24 chars). */
  public static String format(Instant instant) {
    if (instant == null) {
      throw new IllegalArgumentException("instant is null");
    }
    long epochSecond = instant.getEpochSecond();
    long epochDay = Math.floorDiv(epochSecond, 86_400L);
    DayPrefix day = lastDay;
    if (day.epochDay() != epochDay) {
      java.time.LocalDate d = java.time.LocalDate.ofEpochDay(epochDay);
      if (d.getYear() < 0 || d.getYear() > 9999) {
        return WRITER.format(instant.truncatedTo(ChronoUnit.MILLIS));
      }
      day = new DayPrefix(epochDay, WRITER.format(instant).substring(0, 11));
      lastDay = day;
    }
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    int milli = instant.getNano() / 1_000_000;
    char[] c = new char[24];
    day.text().getChars(0, 11, c, 0);
    two(c, 11, secondOfDay / 3600);
    c[13] = ':';
    two(c, 14, secondOfDay / 60 % 60);
    c[16] = ':';
    two(c, 17, secondOfDay % 60);
    c[19] = '.';
    c[20] = (char) ('0' + milli / 100);
    c[21] = (char) ('0' + milli / 10 % 10);
    c[22] = (char) ('0' + milli % 10);
    c[23] = 'Z';
    return new String(c);
  }

  private static void two(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 10);
    c[at + 1] = (char) ('0' + v % 10);
  }

  /** True for the 24-character form EVerest writes, with every field in range (no parser needed). */
  private static boolean isCanonical(String t) {
    if (t.length() != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) | 0x20) != 't'
        || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(19) != '.' || (t.charAt(23) | 0x20) != 'z') {
      return false;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    int fraction = digits(t, 20, 3);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || fraction < 0) {
      return false;
    }
    return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
  }

  /** The decimal value of {@code n} digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String t, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char ch = t.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
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
    if (isCanonical(text)) {
      return true;
    }
    try {
      OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), READER);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
