package dev.evse.store.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.SessionFinished;
import dev.evse.api.types.SessionStarted;
import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.TransactionFinished;
import dev.evse.core.EvseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLogWriterTest {
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

  @TempDir
  Path root;

  static SessionEvent started(String uuid, Optional<String> path) {
    return new SessionEvent(uuid, Rfc3339.format(T0), Optional.empty(), SessionEventEnum.SessionStarted,
        Optional.of(new SessionStarted(StartSessionReason.EVConnected, Optional.empty(), Powermeter.of(T0, 1),
            Optional.empty(), Optional.empty(), path)),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  static SessionEvent finished(String uuid) {
    return new SessionEvent(uuid, Rfc3339.format(T0.plusSeconds(60)), Optional.empty(), SessionEventEnum.SessionFinished,
        Optional.empty(), Optional.of(new SessionFinished(Powermeter.of(T0.plusSeconds(60), 2))), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static SessionEvent powerLoss(String uuid) {
    return new SessionEvent(uuid, Rfc3339.format(T0.plusSeconds(3600)), Optional.empty(),
        SessionEventEnum.TransactionFinished, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new TransactionFinished(Powermeter.of(T0.plusSeconds(3600), 5), Optional.empty(), Optional.empty(),
            Optional.of(StopTransactionReason.PowerLoss), Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private SessionLogWriter writer(String suffix) {
    return new SessionLogWriter(root, suffix, () -> T0.plusSeconds(30));
  }

  private static void flush(SessionLogWriter w) throws Exception {
    w.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void oneFolderPerSessionCompletedAtSessionFinished() throws Exception {
    try (SessionLogWriter w = writer(SessionLogWriter.SUFFIX_UUID)) {
      String path = w.begin("u1", T0).orElseThrow();
      Path folder = root.resolve("2026-05-01T08:00:00.000Z-u1");
      assertThat(Path.of(path)).isEqualTo(folder);
      w.onSessionEvent(started("u1", Optional.of(path)));
      w.onSessionEvent(SessionEvent.of("u1", Rfc3339.format(T0.plusSeconds(1)), SessionEventEnum.AuthRequired));
      w.onErrorRaised(RaisedError.of("evse_manager/Internal", "", "store full", Severity.High));
      flush(w);
      assertThat(folder.resolve(SessionLogWriter.INCOMPLETE)).exists();
      assertThat(folder.resolve(SessionLogWriter.COMPLETE)).doesNotExist();

      w.onSessionEvent(finished("u1"));
      flush(w);
      assertThat(folder.resolve(SessionLogWriter.INCOMPLETE)).doesNotExist();
      List<String> rows = Files.readAllLines(folder.resolve(SessionLogWriter.COMPLETE));
      assertThat(rows).hasSize(4);
      assertThat(rows.get(0)).startsWith("2026-05-01T08:00:00.000Z,EVSE,SessionStarted,\"{\"\"uuid\"\":\"\"u1\"\"");
      assertThat(rows.get(1)).startsWith("2026-05-01T08:00:01.000Z,EVSE,AuthRequired,");
      assertThat(rows.get(2)).isEqualTo("2026-05-01T08:00:30.000Z,SYS,Error raised: evse_manager/Internal,store full");
      assertThat(rows.get(3)).startsWith("2026-05-01T08:01:00.000Z,EVSE,SessionFinished,");
      // events of other sessions or of no session are not written here
      w.onSessionEvent(SessionEvent.of("", Rfc3339.format(T0), SessionEventEnum.ReservationStart));
      flush(w);
      assertThat(Files.readAllLines(folder.resolve(SessionLogWriter.COMPLETE))).hasSize(4);
    }
  }

  @Test
  void withoutTheKernelAskingTheFolderIsMadeAtSessionStarted() throws Exception {
    try (SessionLogWriter w = writer(SessionLogWriter.SUFFIX_UUID)) {
      w.onSessionEvent(started("u2", Optional.empty()));
      w.onSessionEvent(finished("u2"));
      flush(w);
    }
    assertThat(root.resolve("2026-05-01T08:00:00.000Z-u2").resolve(SessionLogWriter.COMPLETE)).exists();
  }

  @Test
  void aFixedSuffixCannotLeaveTheRoot() throws Exception {
    try (SessionLogWriter w = writer("../../etc/passwd")) {
      Path folder = Path.of(w.begin("u3", T0).orElseThrow());
      assertThat(folder.getParent()).isEqualTo(root);
      assertThat(folder.getFileName().toString()).isEqualTo("2026-05-01T08:00:00.000Z-.._.._etc_passwd");
      assertThat(Path.of(writer("..").begin("u", T0).orElseThrow()).getParent()).isEqualTo(root);
    }
  }

  @Test
  void aSessionResumedAfterARestartCompletesItsOldLog() throws Exception {
    try (SessionLogWriter before = writer(SessionLogWriter.SUFFIX_UUID)) {
      before.onSessionEvent(started("u4", Optional.empty()));
      flush(before);
    }
    try (SessionLogWriter after = writer(SessionLogWriter.SUFFIX_UUID)) {
      after.onSessionEvent(SessionEvent.of("u4", Rfc3339.format(T0.plusSeconds(3600)), SessionEventEnum.SessionResumed));
      after.onSessionEvent(powerLoss("u4"));
      flush(after);
    }
    Path folder = root.resolve("2026-05-01T08:00:00.000Z-u4");
    assertThat(folder.resolve(SessionLogWriter.INCOMPLETE)).doesNotExist();
    assertThat(Files.readAllLines(folder.resolve(SessionLogWriter.COMPLETE)))
        .extracting(l -> l.split(",")[2])
        .containsExactly("SessionStarted", "SessionResumed", "TransactionFinished");
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.count()).isEqualTo(1);
    }
  }

  @Test
  void fromTheEvseOptions() {
    EvseConfig c = new EvseConfig();
    assertThat(SessionLogWriter.forConfig(c, Instant::now)).isEmpty();
    c.sessionLogging = true;
    c.sessionLoggingPath = root.toString();
    try (SessionLogWriter w = SessionLogWriter.forConfig(c, Instant::now).orElseThrow()) {
      assertThat(w.root()).isEqualTo(root);
    }
  }
}
