package dev.evse.app.store;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.evse.app.cli.SessionsCommand;
import dev.evse.store.SqliteStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code evse sessions} on a real session database, in all three formats. */
class SessionsCommandTest {
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

  @TempDir
  Path dir;
  Path db;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  static String ts(long minutes) {
    return Rfc3339.format(T0.plus(Duration.ofMinutes(minutes)));
  }

  static Powermeter meter(long minutes, double wh) {
    return Powermeter.of(ts(minutes), wh);
  }

  static SessionEvent event(String uuid, long min, SessionEventEnum kind, Optional<SessionStarted> started,
      Optional<SessionFinished> finished, Optional<TransactionStarted> txStarted, Optional<TransactionFinished> txFinished) {
    return new SessionEvent(uuid, ts(min), Optional.empty(), kind, started, finished, txStarted, txFinished,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** EVSE 1 charges 7.2 kWh in 2 h with CARD1; EVSE 2 sees a plug-in without authorisation. */
  @BeforeEach
  void fill() throws Exception {
    db = dir.resolve("evse.db");
    ProvidedIdToken card = ProvidedIdToken.of(IdToken.of("CARD1", IdTokenType.ISO14443), AuthorizationType.RFID);
    try (SqliteStore store = SqliteStore.open(db)) {
      for (SessionEvent e : List.of(
          event("s1", 0, SessionEventEnum.SessionStarted, Optional.of(new SessionStarted(StartSessionReason.EVConnected,
              Optional.empty(), meter(0, 10_000), Optional.empty(), Optional.empty(), Optional.empty())),
              Optional.empty(), Optional.empty(), Optional.empty()),
          event("s1", 1, SessionEventEnum.TransactionStarted, Optional.empty(), Optional.empty(),
              Optional.of(new TransactionStarted(card, meter(1, 10_000), Optional.empty(), Optional.empty())),
              Optional.empty()),
          event("s1", 121, SessionEventEnum.TransactionFinished, Optional.empty(), Optional.empty(), Optional.empty(),
              Optional.of(new TransactionFinished(meter(121, 17_200), Optional.empty(), Optional.empty(),
                  Optional.of(StopTransactionReason.Remote), Optional.empty()))),
          event("s1", 122, SessionEventEnum.SessionFinished, Optional.empty(),
              Optional.of(new SessionFinished(meter(122, 17_200))), Optional.empty(), Optional.empty()))) {
        store.forEvse(1).record(e).toCompletableFuture().get();
      }
      for (SessionEvent e : List.of(
          event("s2", 180, SessionEventEnum.SessionStarted, Optional.of(new SessionStarted(StartSessionReason.EVConnected,
              Optional.empty(), meter(180, 500), Optional.empty(), Optional.empty(), Optional.empty())),
              Optional.empty(), Optional.empty(), Optional.empty()),
          event("s2", 185, SessionEventEnum.SessionFinished, Optional.empty(),
              Optional.of(new SessionFinished(meter(185, 500))), Optional.empty(), Optional.empty()))) {
        store.forEvse(2).record(e).toCompletableFuture().get();
      }
    }
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new SessionsCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void tableIsTheDefault() {
    assertThat(run("--db", db.toString())).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("EVSE", "SESSION", "STARTED", "DURATION", "ENERGY kWh", "ID TOKEN", "STOP REASON");
    assertThat(lines.get(1)).contains("1  s1", "finished", "2026-05-01T08:01:00.000Z", "2h00m00s", "7.200", "CARD1",
        "Remote");
    assertThat(lines.get(2)).contains("2  s2", "finished", "5m00s", "0.000");
    assertThat(lines.get(3)).isEqualTo("2 session(s), 1 transaction(s), 7.200 kWh");
  }

  @Test
  void json() throws Exception {
    assertThat(run("--db", db.toString(), "--format", "json")).isZero();
    JsonNode rows = new ObjectMapper().readTree(out.toString());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("session_uuid").asText()).isEqualTo("s1");
    assertThat(rows.get(0).get("energy_wh").asDouble()).isEqualTo(7200.0);
    assertThat(rows.get(0).get("duration_s").asDouble()).isEqualTo(7200.0);
    assertThat(rows.get(0).get("id_token").asText()).isEqualTo("CARD1");
    assertThat(rows.get(0).get("stop_reason").asText()).isEqualTo("Remote");
    assertThat(rows.get(1).get("transaction_started").isNull()).isTrue();
  }

  @Test
  void csvFilteredByEvse() {
    assertThat(run("--db", db.toString(), "--format", "CSV", "--evse", "1")).isZero();
    List<String> lines = List.of(out.toString().split("\r\n"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("evse,session_uuid,status,started,finished,");
    assertThat(lines.get(1)).isEqualTo("1,s1,finished,2026-05-01T08:00:00.000Z,2026-05-01T10:02:00.000Z,"
        + "2026-05-01T08:01:00.000Z,2026-05-01T10:01:00.000Z,7200,7200,10000,17200,CARD1,Remote,");
  }

  @Test
  void since() {
    assertThat(run("--db", db.toString(), "--since", "2026-05-01T10:30:00Z", "--format", "csv")).isZero();
    String[] lines = out.toString().split("\r\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).startsWith("2,s2,");
  }

  @Test
  void aMissingDatabaseListsNothingAndSaysWhereItLooked() {
    Path none = dir.resolve("none.db");
    assertThat(run("--db", none.toString(), "--format", "json")).isZero();
    assertThat(out.toString().trim()).isEqualTo("[ ]");
    assertThat(err.toString()).contains(none.toString());
    assertThat(Files.exists(none)).isFalse();
  }

  @Test
  void badArgumentsAndABrokenFileGiveAClearError() throws Exception {
    assertThat(run("--db", db.toString(), "--format", "xml")).isEqualTo(2);
    assertThat(err.toString()).contains("table, json or csv");
    assertThat(run("--db", db.toString(), "--since", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("--since");
    Path junk = dir.resolve("junk.db");
    Files.writeString(junk, "not a database ".repeat(200));
    assertThat(run("--db", junk.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(junk.toString());
  }
}
