package dev.evse.store.history;

import dev.evse.store.Schema;
import dev.evse.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.sqlite.SQLiteConfig;

/**
 * Reads the session history from a session database, read-only (safe while {@code evse run} is
 * writing to the same file).
 *
 * <pre>{@code
 * List<SessionRecord> rows = SessionHistory.read(db, new SessionHistory.Filter(OptionalInt.of(1), Optional.empty()));
 * HistoryFormat.TABLE.write(rows, Instant.now(), System.out);
 * }</pre>
 */
public final class SessionHistory {

  /**
   * Which sessions to list.
   *
   * @param evse only this EVSE
   * @param since only sessions (or transactions) started at or after this instant
   */
  public record Filter(OptionalInt evse, Optional<Instant> since) {
    public static Filter all() {
      return new Filter(OptionalInt.empty(), Optional.empty());
    }
  }

  private SessionHistory() {}

  /**
   * The sessions of {@code db} matching {@code filter}, oldest first.
   *
   * @throws StoreException naming the file if it is missing, corrupt, or newer than this program
   */
  public static List<SessionRecord> read(Path db, Filter filter) {
    Path f = db.toAbsolutePath().normalize();
    if (!Files.isRegularFile(f)) {
      throw new StoreException(f, StoreException.Kind.IO, "no session database at " + f);
    }
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setReadOnly(true);
    cfg.setBusyTimeout(5000);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f, cfg.toProperties())) {
      int version = Schema.version(c);
      if (version > Schema.LATEST) {
        throw new StoreException(f, StoreException.Kind.TOO_NEW, "session database " + f
            + " was written by a newer version of evse (schema " + version + ", this program knows " + Schema.LATEST + ")");
      }
      if (version == 0) {
        return List.of();
      }
      return query(c, filter);
    } catch (SQLException e) {
      String msg = String.valueOf(e.getMessage());
      StoreException.Kind kind = msg.contains("not a database") || msg.contains("malformed")
          ? StoreException.Kind.CORRUPT : StoreException.Kind.IO;
      throw new StoreException(f, kind, "cannot read session database " + f
          + (kind == StoreException.Kind.CORRUPT ? " (corrupt)" : "") + ": " + msg, e);
    }
  }

  private static List<SessionRecord> query(Connection c, Filter filter) throws SQLException {
    long since = filter.since().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
    int evse = filter.evse().orElse(-1);
    Map<String, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT uuid, evse, started_ms, finished_ms, id_tag, start_wh, end_wh FROM sessions"
            + " WHERE (? < 0 OR evse = ?) ORDER BY started_ms, rowid")) {
      p.setInt(1, evse);
      p.setInt(2, evse);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Row row = new Row(r.getString(1), r.getInt(2), r.getLong(3));
          row.sessionEnd = instant(r, 4);
          row.sessionToken = Optional.ofNullable(r.getString(5));
          row.sessionStartWh = real(r, 6);
          row.sessionEndWh = real(r, 7);
          row.hasSessionRow = true;
          rows.put(row.uuid, row);
        }
      }
    }
    try (PreparedStatement p = c.prepareStatement(
        "SELECT uuid, evse, started_ms, finished_ms, id_tag, start_wh, end_wh, stop_reason, stop_id_tag"
            + " FROM transactions WHERE (? < 0 OR evse = ?) ORDER BY started_ms, rowid")) {
      p.setInt(1, evse);
      p.setInt(2, evse);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String uuid = r.getString(1);
          Row row = rows.get(uuid);
          if (row == null) {
            row = new Row(uuid, r.getInt(2), r.getLong(3));
            rows.put(uuid, row);
          }
          row.txStart = Optional.of(Instant.ofEpochMilli(r.getLong(3)));
          row.txEnd = instant(r, 4);
          row.txToken = Optional.ofNullable(r.getString(5));
          row.txStartWh = real(r, 6);
          row.txEndWh = real(r, 7);
          row.stopReason = Optional.ofNullable(r.getString(8));
          row.stopToken = Optional.ofNullable(r.getString(9));
        }
      }
    }
    // A session that never ended while a later one began on the same EVSE was cut by a restart.
    List<Row> ordered = new ArrayList<>(rows.values());
    ordered.sort(Comparator.comparingLong((Row x) -> x.startMs).thenComparing(x -> x.uuid));
    Map<Integer, Long> latestStart = new HashMap<>();
    for (Row row : ordered) {
      latestStart.merge(row.evse, row.startMs, Math::max);
    }
    List<SessionRecord> out = new ArrayList<>();
    for (Row row : ordered) {
      SessionRecord rec = row.toRecord(latestStart.get(row.evse) > row.startMs);
      boolean keep = filter.since().isEmpty() || rec.sessionStart().toEpochMilli() >= since
          || rec.transactionStart().map(t -> t.toEpochMilli() >= since).orElse(false);
      if (keep) {
        out.add(rec);
      }
    }
    return out;
  }

  private static Optional<Instant> instant(ResultSet r, int col) throws SQLException {
    long v = r.getLong(col);
    return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  private static Optional<Double> real(ResultSet r, int col) throws SQLException {
    double v = r.getDouble(col);
    return r.wasNull() ? Optional.empty() : Optional.of(v);
  }

  /** Collects the columns of one session from both tables. */
  private static final class Row {
    final String uuid;
    final int evse;
    final long startMs;
    boolean hasSessionRow;
    Optional<Instant> sessionEnd = Optional.empty();
    Optional<String> sessionToken = Optional.empty();
    Optional<Double> sessionStartWh = Optional.empty();
    Optional<Double> sessionEndWh = Optional.empty();
    Optional<Instant> txStart = Optional.empty();
    Optional<Instant> txEnd = Optional.empty();
    Optional<String> txToken = Optional.empty();
    Optional<Double> txStartWh = Optional.empty();
    Optional<Double> txEndWh = Optional.empty();
    Optional<String> stopReason = Optional.empty();
    Optional<String> stopToken = Optional.empty();

    Row(String uuid, int evse, long startMs) {
      this.uuid = uuid;
      this.evse = evse;
      this.startMs = startMs;
    }

    SessionRecord toRecord(boolean laterSessionExists) {
      boolean tx = txStart.isPresent();
      Optional<Instant> end = sessionEnd;
      if (end.isEmpty() && tx && txEnd.isPresent()
          && (stopReason.filter("PowerLoss"::equals).isPresent() || !hasSessionRow)) {
        end = txEnd;
      }
      SessionRecord.Status status;
      if (tx && txEnd.isEmpty()) {
        status = SessionRecord.Status.OPEN;
      } else if (end.isPresent()) {
        status = SessionRecord.Status.FINISHED;
      } else if (laterSessionExists) {
        status = SessionRecord.Status.INTERRUPTED;
      } else {
        status = SessionRecord.Status.ACTIVE;
      }
      return new SessionRecord(evse, uuid, Instant.ofEpochMilli(startMs), end, txStart, txEnd,
          txToken.or(() -> sessionToken),
          tx ? txStartWh : sessionStartWh,
          tx ? txEndWh : sessionEndWh,
          stopReason, stopToken, status);
    }
  }
}
