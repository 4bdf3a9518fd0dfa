package dev.evse.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema of the session database. The version is SQLite's {@code user_version};
 * each migration runs in its own transaction together with the version bump, so a crash during a
 * migration leaves the previous version intact and the next start runs it again.
 *
 * <p>Version 1: {@code meta}, {@code sessions}, {@code transactions} (at most one open per EVSE),
 * {@code events}. Version 2: {@code meter_readings} (backfilled from the transactions of version
 * 1) and the time indexes used by the session history.
 */
public final class Schema {
  /** The version this build writes. */
  public static final int LATEST = 2;

  private static final List<List<String>> MIGRATIONS = List.of(
      // 0 -> 1
      List.of(
          """
          CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL)""",
          """
          CREATE TABLE sessions (
            uuid           TEXT PRIMARY KEY,
            evse           INTEGER NOT NULL,
            started_at     TEXT NOT NULL,
            started_ms     INTEGER NOT NULL,
            start_reason   TEXT,
            id_tag         TEXT,
            reservation_id INTEGER,
            start_wh       REAL,
            logging_path   TEXT,
            finished_at    TEXT,
            finished_ms    INTEGER,
            end_wh         REAL)""",
          """
          CREATE TABLE transactions (
            uuid                  TEXT PRIMARY KEY,
            evse                  INTEGER NOT NULL,
            id_tag                TEXT NOT NULL,
            id_tag_type           TEXT NOT NULL,
            id_tag_json           TEXT NOT NULL,
            reservation_id        INTEGER,
            started_at            TEXT NOT NULL,
            started_ms            INTEGER NOT NULL,
            start_wh              REAL NOT NULL,
            start_meter_json      TEXT NOT NULL,
            start_signed_json     TEXT,
            finished_at           TEXT,
            finished_ms           INTEGER,
            stop_reason           TEXT,
            stop_id_tag           TEXT,
            stop_id_tag_json      TEXT,
            end_wh                REAL,
            end_meter_json        TEXT,
            end_start_signed_json TEXT,
            end_signed_json       TEXT)""",
          "CREATE UNIQUE INDEX transactions_one_open_per_evse ON transactions(evse) WHERE finished_at IS NULL",
          """
          CREATE TABLE events (
            seq       INTEGER PRIMARY KEY AUTOINCREMENT,
            evse      INTEGER NOT NULL,
            uuid      TEXT NOT NULL,
            kind      TEXT NOT NULL,
            timestamp TEXT NOT NULL,
            payload   TEXT NOT NULL)""",
          "CREATE INDEX events_by_session ON events(uuid, seq)",
          "INSERT INTO meta(key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"),
      // 1 -> 2
      List.of(
          """
          CREATE TABLE meter_readings (
            seq              INTEGER PRIMARY KEY AUTOINCREMENT,
            evse             INTEGER NOT NULL,
            uuid             TEXT NOT NULL,
            boundary         TEXT NOT NULL,
            timestamp        TEXT NOT NULL,
            energy_wh_import REAL NOT NULL,
            energy_wh_export REAL,
            meter_id         TEXT,
            reading          TEXT NOT NULL)""",
          "CREATE INDEX meter_readings_by_session ON meter_readings(uuid, seq)",
          "CREATE INDEX sessions_by_start ON sessions(evse, started_ms)",
          "CREATE INDEX transactions_by_start ON transactions(evse, started_ms)",
          """
          INSERT INTO meter_readings(evse, uuid, boundary, timestamp, energy_wh_import, energy_wh_export, meter_id, reading)
          SELECT evse, uuid, boundary, ts, wh, json_extract(reading, '$.energy_Wh_export.total'),
                 json_extract(reading, '$.meter_id'), reading
          FROM (
            SELECT evse, uuid, 'TransactionStarted' AS boundary, started_ms AS at, 0 AS ord,
                   json_extract(start_meter_json, '$.timestamp') AS ts, start_wh AS wh, start_meter_json AS reading
            FROM transactions
            UNION ALL
            SELECT evse, uuid, 'TransactionFinished', finished_ms, 1,
                   json_extract(end_meter_json, '$.timestamp'), end_wh, end_meter_json
            FROM transactions WHERE end_meter_json IS NOT NULL)
          ORDER BY at, ord"""));

  private Schema() {}

  /** The version of the open database (0 for a new, empty file). */
  public static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  /**
   * Brings the database from its version up to {@code target}, one version per transaction.
   * The connection must be in auto-commit mode; it is left so.
   *
   * @return the version found before migrating
   * @throws IllegalStateException if the file is newer than {@code target}
   */
  public static int migrate(Connection c, int target) throws SQLException {
    if (target < 0 || target > LATEST) {
      throw new IllegalArgumentException("no schema version " + target + " (latest is " + LATEST + ")");
    }
    int found = version(c);
    if (found > target) {
      throw new IllegalStateException("schema version " + found + " is newer than this program's " + target);
    }
    for (int v = found; v < target; v++) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : MIGRATIONS.get(v)) {
          s.execute(sql);
        }
        s.execute("PRAGMA user_version = " + (v + 1));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return found;
  }
}
