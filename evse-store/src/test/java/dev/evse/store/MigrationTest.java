package dev.evse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evse.api.codec.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  @TempDir
  Path dir;

  @Test
  void anEmptyFileIsMigratedToTheLatestSchema() throws Exception {
    Path db = dir.resolve("evse.db");
    Files.createFile(db);
    try (SqliteStore store = SqliteStore.open(db)) {
      store.forEvse(1).record(Events.sessionStarted("s", 0, 1)).toCompletableFuture().get();
    }
    try (Db d = new Db(db)) {
      assertThat(d.one("PRAGMA user_version")).isEqualTo(Integer.toString(Schema.LATEST));
      assertThat(d.count("SELECT count(*) FROM sessions")).isEqualTo(1);
      assertThat(d.count("SELECT count(*) FROM meta WHERE key = 'created_at'")).isEqualTo(1);
    }
  }

  @Test
  void migratesFromThePreviousVersionKeepingEverythingAndBackfillingReadings() throws Exception {
    Path db = dir.resolve("evse.db");
    try (Db d = new Db(db)) {
      assertThat(Schema.migrate(d.connection(), Schema.LATEST - 1)).isZero();
      String startMeter = WireCodec.encode(Events.meter(0, 100));
      String endMeter = WireCodec.encode(Events.meter(60_000, 150));
      String token = WireCodec.encode(Events.token("OLD"));
      d.exec("INSERT INTO sessions(uuid, evse, started_at, started_ms, start_reason, start_wh) VALUES"
          + " ('done', 1, '" + Events.ts(0) + "', " + Events.T0.toEpochMilli() + ", 'EVConnected', 100)");
      d.exec("INSERT INTO transactions(uuid, evse, id_tag, id_tag_type, id_tag_json, started_at, started_ms, start_wh,"
          + " start_meter_json, finished_at, finished_ms, stop_reason, end_wh, end_meter_json) VALUES"
          + " ('done', 1, 'OLD', 'ISO14443', '" + token + "', '" + Events.ts(0) + "', " + Events.T0.toEpochMilli()
          + ", 100, '" + startMeter + "', '" + Events.ts(60_000) + "', " + (Events.T0.toEpochMilli() + 60_000)
          + ", 'EVDisconnected', 150, '" + endMeter + "')");
      String openMeter = WireCodec.encode(Events.meter(120_000, 150));
      d.exec("INSERT INTO transactions(uuid, evse, id_tag, id_tag_type, id_tag_json, started_at, started_ms, start_wh,"
          + " start_meter_json) VALUES ('open', 1, 'OLD', 'ISO14443', '" + token + "', '" + Events.ts(120_000) + "', "
          + (Events.T0.toEpochMilli() + 120_000) + ", 150, '" + openMeter + "')");
      d.exec("INSERT INTO events(evse, uuid, kind, timestamp, payload) VALUES (1, 'done', 'AuthRequired', '"
          + Events.ts(1) + "', '{}')");
      assertThat(d.one("PRAGMA user_version")).isEqualTo(Integer.toString(Schema.LATEST - 1));
    }
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.forEvse(1).openTransaction().orElseThrow().sessionUuid()).isEqualTo("open");
      assertThat(store.forEvse(1).openTransaction().orElseThrow().lastKnownMeterValue().orElseThrow()
          .energyWhImport().total()).isEqualTo(150.0);
    }
    try (Db d = new Db(db)) {
      assertThat(d.one("PRAGMA user_version")).isEqualTo(Integer.toString(Schema.LATEST));
      assertThat(d.count("SELECT count(*) FROM sessions")).isEqualTo(1);
      assertThat(d.count("SELECT count(*) FROM transactions")).isEqualTo(2);
      assertThat(d.count("SELECT count(*) FROM events")).isEqualTo(1);
      assertThat(d.rows("SELECT uuid, boundary, energy_wh_import, meter_id IS NULL FROM meter_readings ORDER BY seq"))
          .extracting(r -> String.join(" ", r))
          .containsExactly("done TransactionStarted 100.0 1", "done TransactionFinished 150.0 1",
              "open TransactionStarted 150.0 1");
      assertThat(d.one("PRAGMA integrity_check")).isEqualTo("ok");
    }
  }

  @Test
  void aFileFromANewerVersionIsRefusedAndLeftAlone() throws Exception {
    Path db = dir.resolve("evse.db");
    try (Db d = new Db(db)) {
      Schema.migrate(d.connection(), Schema.LATEST);
      d.exec("PRAGMA user_version = " + (Schema.LATEST + 1));
    }
    assertThatThrownBy(() -> SqliteStore.open(db))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.TOO_NEW))
        .hasMessageContaining(db.toString())
        .hasMessageContaining("newer");
    try (Db d = new Db(db)) {
      assertThat(d.one("PRAGMA user_version")).isEqualTo(Integer.toString(Schema.LATEST + 1));
    }
  }

  @Test
  void migratingTwiceChangesNothing() throws Exception {
    Path db = dir.resolve("evse.db");
    SqliteStore.open(db).close();
    try (Db d = new Db(db)) {
      assertThat(Schema.migrate(d.connection(), Schema.LATEST)).isEqualTo(Schema.LATEST);
    }
  }
}
