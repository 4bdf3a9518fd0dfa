package dev.evse.store.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.SessionFinished;
import dev.evse.api.types.SessionStarted;
import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.TransactionFinished;
import dev.evse.api.types.TransactionStarted;
import dev.evse.store.SqliteStore;
import dev.evse.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionHistoryTest {
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  static final Instant NOW = T0.plus(Duration.ofHours(10));

  @TempDir
  Path dir;
  Path db;

  static String ts(long minutes) {
    return Rfc3339.format(T0.plus(Duration.ofMinutes(minutes)));
  }

  static Powermeter meter(long minutes, double wh) {
    return Powermeter.of(ts(minutes), wh);
  }

  static ProvidedIdToken token(String v) {
    return ProvidedIdToken.of(IdToken.of(v, IdTokenType.ISO14443), AuthorizationType.RFID);
  }

  static SessionEvent started(String uuid, long min, double wh) {
    return new SessionEvent(uuid, ts(min), Optional.empty(), SessionEventEnum.SessionStarted,
        Optional.of(new SessionStarted(StartSessionReason.EVConnected, Optional.empty(), meter(min, wh), Optional.empty(),
            Optional.empty(), Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  static SessionEvent finished(String uuid, long min, double wh) {
    return new SessionEvent(uuid, ts(min), Optional.empty(), SessionEventEnum.SessionFinished, Optional.empty(),
        Optional.of(new SessionFinished(meter(min, wh))), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  static SessionEvent txStarted(String uuid, long min, double wh, String tag) {
    return new SessionEvent(uuid, ts(min), Optional.empty(), SessionEventEnum.TransactionStarted, Optional.empty(),
        Optional.empty(), Optional.of(new TransactionStarted(token(tag), meter(min, wh), Optional.empty(), Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static SessionEvent txFinished(String uuid, long min, double wh, StopTransactionReason reason) {
    return new SessionEvent(uuid, ts(min), Optional.empty(), SessionEventEnum.TransactionFinished, Optional.empty(),
        Optional.empty(), Optional.empty(),
        Optional.of(new TransactionFinished(meter(min, wh), Optional.empty(), Optional.empty(), Optional.of(reason),
            Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * EVSE 1: "a" charged 3.5 kWh in 61 min (CARD,1), "c" was cut by a power loss and closed at restart.
   * EVSE 2: "b" plugged in without authorisation, "d" never ended on record, "e" is charging now.
   */
  @BeforeEach
  void fill() throws Exception {
    db = dir.resolve("evse.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      var s1 = store.forEvse(1);
      var s2 = store.forEvse(2);
      for (SessionEvent e : List.of(started("a", 0, 1000), txStarted("a", 1, 1000, "CARD,1"),
          txFinished("a", 62, 4500, StopTransactionReason.EVDisconnected), finished("a", 63, 4500),
          started("c", 120, 4500), txStarted("c", 121, 4500, "CARD2"),
          SessionEvent.of("c", ts(300), SessionEventEnum.SessionResumed),
          txFinished("c", 300, 5000, StopTransactionReason.PowerLoss))) {
        s1.record(e).toCompletableFuture().get();
      }
      for (SessionEvent e : List.of(started("b", 10, 0), finished("b", 12, 0), started("d", 200, 0),
          started("e", 400, 0), txStarted("e", 401, 0, "CARD3"))) {
        s2.record(e).toCompletableFuture().get();
      }
    }
  }

  private static String row(SessionRecord r) {
    return r.evse() + " " + r.sessionUuid() + " " + r.status().wire() + " " + r.energyWh().orElse(-1.0) + " "
        + r.duration(NOW).map(Duration::toMinutes).orElse(-1L) + " " + r.idToken().orElse("-") + " "
        + r.stopReason().orElse("-");
  }

  @Test
  void listsSessionsWithEnergyDurationTokenAndReasonOldestFirst() {
    assertThat(SessionHistory.read(db, SessionHistory.Filter.all())).extracting(SessionHistoryTest::row).containsExactly(
        "1 a finished 3500.0 61 CARD,1 EVDisconnected",
        "2 b finished 0.0 2 - -",
        "1 c finished 500.0 179 CARD2 PowerLoss",
        "2 d interrupted -1.0 -1 - -",
        "2 e open -1.0 199 CARD3 -");
  }

  @Test
  void filtersByEvseAndSince() {
    assertThat(SessionHistory.read(db, new SessionHistory.Filter(OptionalInt.of(2), Optional.empty())))
        .extracting(SessionRecord::sessionUuid).containsExactly("b", "d", "e");
    Instant since = Since.parse("2026-05-01T10:00:00Z", NOW, ZoneOffset.UTC);
    assertThat(SessionHistory.read(db, new SessionHistory.Filter(OptionalInt.empty(), Optional.of(since))))
        .extracting(SessionRecord::sessionUuid).containsExactly("c", "d", "e");
    assertThat(SessionHistory.read(db, new SessionHistory.Filter(OptionalInt.of(1), Optional.of(since))))
        .extracting(SessionRecord::sessionUuid).containsExactly("c");
  }

  @Test
  void sinceUnderstandsTimesDaysAndAges() {
    ZoneOffset utc = ZoneOffset.UTC;
    assertThat(Since.parse("24h", NOW, utc)).isEqualTo(NOW.minus(Duration.ofHours(24)));
    assertThat(Since.parse("90m", NOW, utc)).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
    assertThat(Since.parse("7d", NOW, utc)).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(Since.parse("2w", NOW, utc)).isEqualTo(NOW.minus(Duration.ofDays(14)));
    assertThat(Since.parse("2026-04-30", NOW, utc)).isEqualTo(Instant.parse("2026-04-30T00:00:00Z"));
    assertThat(Since.parse("today", NOW, utc)).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(Since.parse("yesterday", NOW, utc)).isEqualTo(Instant.parse("2026-04-30T00:00:00Z"));
    assertThat(Since.parse("2026-05-01T10:00:00+02:00", NOW, utc)).isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
    assertThatThrownBy(() -> Since.parse("last tuesday", NOW, utc)).hasMessageContaining("--since")
        .hasMessageContaining("24h");
  }

  private String print(HistoryFormat f, List<SessionRecord> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    f.write(rows, NOW, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void tableFormat() {
    String out = print(HistoryFormat.TABLE, SessionHistory.read(db, SessionHistory.Filter.all()));
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).startsWith("EVSE  SESSION  STATUS       STARTED                   DURATION  ENERGY kWh  ID TOKEN  STOP REASON");
    assertThat(lines.get(1)).isEqualTo(
        "   1  a        finished     2026-05-01T08:01:00.000Z  1h01m00s       3.500  CARD,1    EVDisconnected");
    assertThat(lines.get(4)).isEqualTo(
        "   2  d        interrupted  2026-05-01T11:20:00.000Z  -                  -  -         -");
    assertThat(lines.get(6)).isEqualTo("5 session(s), 3 transaction(s), 4.000 kWh");
  }

  @Test
  void jsonFormat() throws Exception {
    String out = print(HistoryFormat.JSON, SessionHistory.read(db, SessionHistory.Filter.all()));
    JsonNode array = new ObjectMapper().readTree(out);
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(5);
    JsonNode a = array.get(0);
    assertThat(a.get("evse").asInt()).isEqualTo(1);
    assertThat(a.get("session_uuid").asText()).isEqualTo("a");
    assertThat(a.get("status").asText()).isEqualTo("finished");
    assertThat(a.get("started").asText()).isEqualTo("2026-05-01T08:00:00.000Z");
    assertThat(a.get("finished").asText()).isEqualTo("2026-05-01T09:03:00.000Z");
    assertThat(a.get("transaction_started").asText()).isEqualTo("2026-05-01T08:01:00.000Z");
    assertThat(a.get("duration_s").asDouble()).isEqualTo(3660.0);
    assertThat(a.get("energy_wh").asDouble()).isEqualTo(3500.0);
    assertThat(a.get("id_token").asText()).isEqualTo("CARD,1");
    assertThat(a.get("stop_reason").asText()).isEqualTo("EVDisconnected");
    assertThat(a.get("stop_id_token").isNull()).isTrue();
    JsonNode b = array.get(1);
    assertThat(b.get("transaction_started").isNull()).isTrue();
    assertThat(b.get("energy_wh").asDouble()).isZero();
    assertThat(array.get(4).get("status").asText()).isEqualTo("open");
    List<String> keys = new java.util.ArrayList<>();
    a.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isEqualTo(HistoryFormat.COLUMNS);
  }

  @Test
  void csvFormat() {
    String out = print(HistoryFormat.CSV, SessionHistory.read(db, SessionHistory.Filter.all()));
    List<String> lines = List.of(out.split("\r\n"));
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo(String.join(",", HistoryFormat.COLUMNS));
    assertThat(lines.get(1)).isEqualTo("1,a,finished,2026-05-01T08:00:00.000Z,2026-05-01T09:03:00.000Z,"
        + "2026-05-01T08:01:00.000Z,2026-05-01T09:02:00.000Z,3660,3500,1000,4500,\"CARD,1\",EVDisconnected,");
    assertThat(lines.get(2)).isEqualTo("2,b,finished,2026-05-01T08:10:00.000Z,2026-05-01T08:12:00.000Z,,,120,0,0,0,,,");
  }

  @Test
  void emptyHistoryAndMissingOrBrokenFiles() throws Exception {
    Path fresh = dir.resolve("fresh.db");
    SqliteStore.open(fresh).close();
    assertThat(SessionHistory.read(fresh, SessionHistory.Filter.all())).isEmpty();
    assertThat(print(HistoryFormat.JSON, List.of()).trim()).isEqualTo("[ ]");
    assertThatThrownBy(() -> SessionHistory.read(dir.resolve("none.db"), SessionHistory.Filter.all()))
        .isInstanceOf(StoreException.class).hasMessageContaining("none.db");
    Path junk = dir.resolve("junk.db");
    Files.writeString(junk, "this is not a database, not at all, not even close to one".repeat(100));
    assertThatThrownBy(() -> SessionHistory.read(junk, SessionHistory.Filter.all()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
        .hasMessageContaining("junk.db");
  }

  @Test
  void readsWhileTheStoreIsWriting() throws Exception {
    try (SqliteStore store = SqliteStore.open(db)) {
      store.forEvse(3).record(started("f", 500, 0)).toCompletableFuture().get();
      assertThat(SessionHistory.read(db, SessionHistory.Filter.all())).extracting(SessionRecord::sessionUuid)
          .contains("f");
    }
  }
}
