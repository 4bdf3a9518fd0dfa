package dev.evse.store.history;

import dev.evse.api.codec.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --since} of {@code evse sessions}: an RFC 3339 time ({@code 2026-05-01T08:00:00Z}), a
 * day ({@code 2026-05-01}, midnight in the local zone), {@code today}, {@code yesterday}, or an
 * age ({@code 90m}, {@code 24h}, {@code 7d}, {@code 2w}, {@code 30s}).
 */
public final class Since {
  private static final Pattern AGE = Pattern.compile("(\\d+)\\s*(s|m|h|d|w)");

  private Since() {}

  /** @throws IllegalArgumentException with the accepted forms if {@code text} is none of them */
  public static Instant parse(String text, Instant now, ZoneId zone) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("today")) {
      return LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
    }
    if (t.equals("yesterday")) {
      return LocalDate.ofInstant(now, zone).minusDays(1).atStartOfDay(zone).toInstant();
    }
    Matcher m = AGE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
      return now.minus(d);
    }
    try {
      return LocalDate.parse(text.trim()).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      // not a day
    }
    try {
      return Rfc3339.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--since '" + text + "' is not a time: use an RFC 3339 time "
          + "(2026-05-01T08:00:00Z), a day (2026-05-01), today, yesterday, or an age (90m, 24h, 7d, 2w)");
    }
  }
}
