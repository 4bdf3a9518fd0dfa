package dev.evse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.core.port.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
  @TempDir
  Path dir;

  private Path db() {
    return dir.resolve("sub/folder/evse.db");
  }

  @Test
  void createsFileAndFolderOnFirstUseWithWalAndLatestSchema() {
    try (SqliteStore store = SqliteStore.open(db())) {
      assertThat(store.file()).isEqualTo(db().toAbsolutePath());
    }
    assertThat(Files.isRegularFile(db())).isTrue();
    try (Db d = new Db(db())) {
      assertThat(d.one("PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(d.one("PRAGMA user_version")).isEqualTo(Integer.toString(Schema.LATEST));
      assertThat(d.one("PRAGMA integrity_check")).isEqualTo("ok");
    }
  }

  @Test
  void roundTripOfEveryEventKind() throws Exception {
    List<SessionEvent> events = Events.everyKind("s-1");
    assertThat(events).extracting(SessionEvent::event).containsExactlyInAnyOrder(SessionEventEnum.values());
    try (SqliteStore store = SqliteStore.open(db())) {
      SessionStore s = store.forEvse(2);
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (SessionEvent e : events) {
        done.add(s.record(e).toCompletableFuture());
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
    try (Db d = new Db(db())) {
      List<List<String>> rows = d.rows("SELECT evse, uuid, kind, timestamp, payload FROM events ORDER BY seq");
      assertThat(rows).hasSize(events.size());
      for (int i = 0; i < events.size(); i++) {
        SessionEvent e = events.get(i);
        assertThat(rows.get(i).subList(0, 4)).containsExactly("2", e.uuid(), e.event().name(), e.timestamp());
        assertThat(WireCodec.decode(rows.get(i).get(4), SessionEvent.class)).isEqualTo(e);
      }
      assertThat(d.rows("SELECT uuid, evse, start_reason, start_wh, end_wh, logging_path, started_at, finished_at FROM sessions"))
          .containsExactly(List.of("s-1", "2", "EVConnected", "1000.0", "1200.0", "/tmp/x", Events.ts(100), Events.ts(900)));
      assertThat(d.rows("SELECT uuid, evse, id_tag, id_tag_type, reservation_id, start_wh, end_wh, stop_reason, stop_id_tag,"
          + " started_at, finished_at FROM transactions"))
          .containsExactly(List.of("s-1", "2", "TOKEN1", "ISO14443", "7", "1000.0", "1200.0", "EVDisconnected", "STOPPER",
              Events.ts(300), Events.ts(800)));
      String[] signed = d.rows("SELECT start_signed_json, end_start_signed_json, end_signed_json FROM transactions")
          .get(0).toArray(String[]::new);
      assertThat(signed[0]).contains("OCMF|start");
      assertThat(signed[1]).contains("OCMF|start");
      assertThat(signed[2]).contains("OCMF|start+end");
      // every event with a meter value left a reading
      assertThat(d.rows("SELECT boundary, energy_wh_import FROM meter_readings ORDER BY seq"))
          .extracting(r -> r.get(0) + "=" + r.get(1))
          .containsExactly("SessionStarted=1000.0", "Authorized=1000.0", "TransactionStarted=1000.0",
              "ChargingStarted=1000.0", "ChargingPausedEV=1100.0", "ChargingPausedEVSE=1150.0",
              "TransactionFinished=1200.0", "Deauthorized=1200.0", "SessionFinished=1200.0");
    }
  }

  @Test
  void openTransactionIsKnownAfterRestartWithItsLatestReadingAndGoneOnceFinished() throws Exception {
    try (SqliteStore store = SqliteStore.open(db())) {
      EvseStore s = store.forEvse(1);
      assertThat(s.openTransaction()).isEmpty();
      s.record(Events.sessionStarted("a", 0, 500)).toCompletableFuture().get();
      s.record(Events.transactionStarted("a", 100, 500, "T")).toCompletableFuture().get();
      assertThat(s.openTransaction()).map(SessionStore.OpenTransaction::sessionUuid).contains("a");
      s.record(Events.chargingState("a", 200, SessionEventEnum.ChargingStarted, 510)).toCompletableFuture().get();
      // another EVSE is independent
      store.forEvse(2).record(Events.transactionStarted("b", 150, 42, "U")).toCompletableFuture().get();
    }
    try (SqliteStore store = SqliteStore.open(db())) {
      SessionStore.OpenTransaction open = store.forEvse(1).openTransaction().orElseThrow();
      assertThat(open.sessionUuid()).isEqualTo("a");
      assertThat(open.lastKnownMeterValue().orElseThrow().energyWhImport().total()).isEqualTo(510.0);
      assertThat(store.forEvse(2).openTransaction().orElseThrow().sessionUuid()).isEqualTo("b");
      assertThat(store.forEvse(3).openTransaction()).isEmpty();
      assertThat(store.lastMeterValue(1).orElseThrow().energyWhImport().total()).isEqualTo(510.0);
      store.forEvse(1).record(Events.transactionFinished("a", 300, 520, StopTransactionReason.PowerLoss))
          .toCompletableFuture().get();
      assertThat(store.forEvse(1).openTransaction()).isEmpty();
    }
    try (SqliteStore store = SqliteStore.open(db())) {
      assertThat(store.forEvse(1).openTransaction()).isEmpty();
      assertThat(store.forEvse(2).openTransaction()).isPresent();
    }
  }

  @Test
  void aSecondOpenTransactionOrAReusedUuidIsRefusedAndNothingElseFails() throws Exception {
    try (SqliteStore store = SqliteStore.open(db())) {
      EvseStore s = store.forEvse(1);
      s.record(Events.transactionStarted("a", 0, 1, "T")).toCompletableFuture().get();
      CompletableFuture<Void> second = s.record(Events.transactionStarted("b", 10, 1, "T")).toCompletableFuture();
      CompletableFuture<Void> neighbour = s.record(Events.of("b", 11, SessionEventEnum.AuthRequired)).toCompletableFuture();
      assertThatThrownBy(second::join).hasCauseInstanceOf(StoreException.class)
          .hasMessageContaining(store.file().toString()).hasMessageContaining("refused");
      neighbour.get(5, TimeUnit.SECONDS);
      s.record(Events.transactionFinished("a", 20, 2, StopTransactionReason.Local)).toCompletableFuture().get();
      // the uuid of a finished transaction never comes back
      CompletableFuture<Void> reused = s.record(Events.transactionStarted("a", 30, 2, "T")).toCompletableFuture();
      assertThatThrownBy(reused::join).hasCauseInstanceOf(StoreException.class);
      assertThat(failure(reused).kind()).isEqualTo(StoreException.Kind.REFUSED);
      assertThat(s.openTransaction()).isEmpty();
    }
  }

  @Test
  void futuresCompleteOnlyAfterTheCommitInOrderAndNeverOnTheCallersThread() throws Exception {
    int producers = 4;
    int perProducer = 300;
    Map<Integer, List<Integer>> completionOrder = new ConcurrentHashMap<>();
    List<String> problems = new CopyOnWriteArrayList<>();
    try (SqliteStore store = SqliteStore.open(db()); Db reader = new Db(db())) {
      List<Thread> threads = new ArrayList<>();
      List<CompletableFuture<Void>> all = new CopyOnWriteArrayList<>();
      for (int p = 1; p <= producers; p++) {
        int evse = p;
        completionOrder.put(evse, new CopyOnWriteArrayList<>());
        Thread t = new Thread(() -> {
          SessionStore s = store.forEvse(evse);
          Thread caller = Thread.currentThread();
          for (int i = 0; i < perProducer; i++) {
            int n = i;
            String uuid = "e" + evse + "-" + n;
            CompletableFuture<Void> f = s.record(Events.of(uuid, n, SessionEventEnum.AuthRequired)).toCompletableFuture();
            all.add(f.whenComplete((v, e) -> {
              if (e != null) {
                problems.add("failed: " + e);
              }
              if (Thread.currentThread() == caller && !f.isDone()) {
                problems.add("completed on the caller's thread");
              }
              completionOrder.get(evse).add(n);
            }));
            // every 50th: check from another connection that a completed event is on disk
            if (n % 50 == 0) {
              f.join();
              if (reader.count("SELECT count(*) FROM events WHERE uuid = '" + uuid + "'") != 1) {
                problems.add(uuid + " completed but not visible to another connection");
              }
            }
          }
        });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      SqliteStore.Stats stats = store.stats();
      assertThat(stats.eventsCommitted()).isEqualTo(producers * perProducer);
      assertThat(stats.commits()).isLessThan(producers * perProducer); // grouped
      assertThat(stats.largestBatch()).isGreaterThan(1);
    }
    assertThat(problems).isEmpty();
    try (Db d = new Db(db())) {
      for (int p = 1; p <= producers; p++) {
        List<Integer> onDisk = d.rows("SELECT timestamp FROM events WHERE evse = " + p + " ORDER BY seq").stream()
            .map(r -> (int) java.time.Duration.between(Events.T0, java.time.Instant.parse(r.get(0))).toMillis())
            .toList();
        List<Integer> expected = java.util.stream.IntStream.range(0, perProducer).boxed().toList();
        assertThat(onDisk).as("evse %d on disk in the order recorded", p).isEqualTo(expected);
        assertThat(completionOrder.get(p)).as("evse %d completed in order", p).isEqualTo(expected);
      }
    }
  }

  @Test
  void closeCommitsWhatIsQueuedAndLaterRecordsFail() throws Exception {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    SqliteStore store = SqliteStore.open(db());
    for (int i = 0; i < 200; i++) {
      done.add(store.forEvse(1).record(Events.of("u" + i, i, SessionEventEnum.AuthRequired)).toCompletableFuture());
    }
    store.close();
    assertThat(done).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    CompletableFuture<Void> late = store.forEvse(1).record(Events.of("late", 0, SessionEventEnum.AuthRequired))
        .toCompletableFuture();
    assertThatThrownBy(late::join).hasMessageContaining("closed").hasMessageContaining(store.file().toString());
    try (Db d = new Db(db())) {
      assertThat(d.count("SELECT count(*) FROM events")).isEqualTo(200);
    }
  }

  @Test
  void meterCheckpointsWhileATransactionIsOpen() throws Exception {
    try (SqliteStore store = SqliteStore.open(db(), SqliteStore.Options.defaults().withCheckpointPeriodMillis(10_000))) {
      EvseStore s = store.forEvse(1);
      s.onPowermeter(Events.meter(0, 1)); // no transaction: ignored
      s.record(Events.transactionStarted("a", 0, 1, "T")).toCompletableFuture().get();
      for (int sec = 1; sec <= 35; sec++) {
        s.onPowermeter(Events.meter(sec * 1000L, 1 + sec));
      }
      store.flush().toCompletableFuture().get();
      assertThat(s.openTransaction().orElseThrow().lastKnownMeterValue().orElseThrow().energyWhImport().total())
          .isEqualTo(32.0);
    }
    try (Db d = new Db(db())) {
      assertThat(d.rows("SELECT energy_wh_import FROM meter_readings WHERE boundary = 'Checkpoint' ORDER BY seq"))
          .extracting(r -> r.get(0)).containsExactly("12.0", "22.0", "32.0");
    }
  }

  @Test
  void aSecondProcessOnTheSameFileIsRefused() {
    try (SqliteStore store = SqliteStore.open(db())) {
      assertThatThrownBy(() -> SqliteStore.open(db()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(store.file().toString())
          .hasMessageContaining("in use");
    }
    SqliteStore.open(db()).close();
  }

  @Test
  void defaultPathFollowsXdg() {
    assertThat(StorePaths.defaultDatabase(Map.of("XDG_DATA_HOME", "/data"), "/home/u"))
        .isEqualTo(Path.of("/data/evse/evse.db"));
    assertThat(StorePaths.defaultDatabase(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.local/share/evse/evse.db"));
    assertThat(StorePaths.defaultDatabase(Map.of("XDG_DATA_HOME", "relative"), "/home/u"))
        .isEqualTo(Path.of("/home/u/.local/share/evse/evse.db"));
  }

  /** The StoreException a failed future holds. */
  static StoreException failure(CompletableFuture<?> f) {
    Throwable e = f.handle((v, x) -> x).join();
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return (StoreException) e;
  }
}
