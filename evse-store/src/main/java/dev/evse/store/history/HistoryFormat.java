package dev.evse.store.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.api.codec.Rfc3339;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How {@code evse sessions} prints the history: an aligned table, a JSON array, or CSV. */
public enum HistoryFormat {
  TABLE,
  JSON,
  CSV;

  /** Column names of the table and the CSV, also the keys of the JSON objects. */
  public static final List<String> COLUMNS = List.of(
      "evse", "session_uuid", "status", "started", "finished", "transaction_started", "transaction_finished",
      "duration_s", "energy_wh", "start_wh", "end_wh", "id_token", "stop_reason", "stop_id_token");

  /** Parses {@code table}, {@code json} or {@code csv} (any case). */
  public static HistoryFormat parse(String text) {
    for (HistoryFormat f : values()) {
      if (f.name().equalsIgnoreCase(text.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + text + "': use table, json or csv");
  }

  /** Writes {@code rows} to a stream (flushed); {@code now} sets the duration of what still runs. */
  public void write(List<SessionRecord> rows, Instant now, PrintStream out) {
    PrintWriter w = new PrintWriter(out);
    write(rows, now, w);
    w.flush();
  }

  /** Writes {@code rows}; {@code now} sets the duration of what still runs. */
  public void write(List<SessionRecord> rows, Instant now, PrintWriter out) {
    switch (this) {
      case TABLE -> table(rows, now, out);
      case JSON -> json(rows, now, out);
      case CSV -> csv(rows, now, out);
      default -> throw new IllegalStateException(name());
    }
  }

  // ---------------------------------------------------------------- table

  private static void table(List<SessionRecord> rows, Instant now, PrintWriter out) {
    List<String> head = List.of("EVSE", "SESSION", "STATUS", "STARTED", "DURATION", "ENERGY kWh", "ID TOKEN", "STOP REASON");
    List<List<String>> cells = new ArrayList<>();
    double totalWh = 0;
    int transactions = 0;
    for (SessionRecord r : rows) {
      cells.add(List.of(
          Integer.toString(r.evse()),
          r.sessionUuid(),
          r.status().wire(),
          Rfc3339.format(r.transactionStart().orElse(r.sessionStart())),
          r.duration(now).map(HistoryFormat::human).orElse("-"),
          r.energyWh().map(wh -> String.format(Locale.ROOT, "%.3f", wh / 1000.0)).orElse("-"),
          r.idToken().orElse("-"),
          r.stopReason().orElse("-")));
      totalWh += r.hasTransaction() ? r.energyWh().orElse(0.0) : 0.0;
      transactions += r.hasTransaction() ? 1 : 0;
    }
    int[] width = new int[head.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = head.get(i).length();
      for (List<String> row : cells) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    out.println(line(head, width));
    for (List<String> row : cells) {
      out.println(line(row, width));
    }
    out.printf(Locale.ROOT, "%d session(s), %d transaction(s), %.3f kWh%n", rows.size(), transactions, totalWh / 1000.0);
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      boolean number = i == 0 || i == 5;
      if (i > 0) {
        sb.append("  ");
      }
      if (number) {
        sb.append(" ".repeat(width[i] - c.length())).append(c);
      } else if (i == cells.size() - 1) {
        sb.append(c);
      } else {
        sb.append(c).append(" ".repeat(width[i] - c.length()));
      }
    }
    return sb.toString();
  }

  /** {@code 1h02m03s}, {@code 4m05s}, {@code 12s}. */
  static String human(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }

  // ---------------------------------------------------------------- json

  private static void json(List<SessionRecord> rows, Instant now, PrintWriter out) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    for (SessionRecord r : rows) {
      ObjectNode o = array.addObject();
      List<Object> v = values(r, now);
      for (int i = 0; i < COLUMNS.size(); i++) {
        Object x = v.get(i);
        String k = COLUMNS.get(i);
        if (x == null) {
          o.putNull(k);
        } else if (x instanceof Integer n) {
          o.put(k, n);
        } else if (x instanceof Double d) {
          o.put(k, d);
        } else {
          o.put(k, x.toString());
        }
      }
    }
    try {
      out.println(mapper.writeValueAsString(array));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- csv

  private static void csv(List<SessionRecord> rows, Instant now, PrintWriter out) {
    out.print(String.join(",", COLUMNS));
    out.print("\r\n");
    for (SessionRecord r : rows) {
      List<String> cells = new ArrayList<>();
      for (Object x : values(r, now)) {
        cells.add(x == null ? "" : csvCell(x instanceof Double d ? plain(d) : x.toString()));
      }
      out.print(String.join(",", cells));
      out.print("\r\n");
    }
  }

  /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
  static String csvCell(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private static String plain(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** The values of {@link #COLUMNS} for one record; null where unknown. */
  private static List<Object> values(SessionRecord r, Instant now) {
    List<Object> v = new ArrayList<>();
    v.add(r.evse());
    v.add(r.sessionUuid());
    v.add(r.status().wire());
    v.add(Rfc3339.format(r.sessionStart()));
    v.add(r.sessionEnd().map(Rfc3339::format).orElse(null));
    v.add(r.transactionStart().map(Rfc3339::format).orElse(null));
    v.add(r.transactionEnd().map(Rfc3339::format).orElse(null));
    v.add(r.duration(now).map(d -> d.toMillis() / 1000.0).orElse(null));
    v.add(round(r.energyWh()));
    v.add(round(r.startWh()));
    v.add(round(r.endWh()));
    v.add(r.idToken().orElse(null));
    v.add(r.stopReason().orElse(null));
    v.add(r.stopIdToken().orElse(null));
    return v;
  }

  private static Double round(Optional<Double> wh) {
    return wh.map(x -> Math.round(x * 1000.0) / 1000.0).orElse(null);
  }
}
