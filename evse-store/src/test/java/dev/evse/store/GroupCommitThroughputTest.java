package dev.evse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events per second committed with {@code synchronous=FULL}: one commit (and fsync) per event
 * against group commit, with several EVSEs recording at once. Prints the figures.
 */
class GroupCommitThroughputTest {
  private static final int EVSES = 8;

  @TempDir
  Path dir;

  private double eventsPerSecond(SqliteStore.Options options, int perEvse, String name) throws Exception {
    try (SqliteStore store = SqliteStore.open(dir.resolve(name), options)) {
      // warm up: JIT and the first pages
      store.forEvse(1).record(Events.sessionStarted("warm", 0, 0)).toCompletableFuture().get();
      long t0 = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      List<CompletableFuture<Void>> last = new ArrayList<>();
      for (int evse = 1; evse <= EVSES; evse++) {
        EvseStore s = store.forEvse(evse);
        int e = evse;
        CompletableFuture<Void> lastOfEvse = new CompletableFuture<>();
        last.add(lastOfEvse);
        Thread t = new Thread(() -> {
          CompletableFuture<Void> f = null;
          for (int i = 0; i < perEvse; i++) {
            SessionEvent ev = i % 3 == 0
                ? Events.chargingState("s" + e + "-" + i, i, SessionEventEnum.ChargingStarted, i)
                : Events.of("s" + e + "-" + i, i, SessionEventEnum.PrepareCharging);
            f = s.record(ev).toCompletableFuture();
          }
          f.whenComplete((v, x) -> lastOfEvse.complete(null));
        });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      SqliteStore.Stats stats = store.stats();
      double rate = EVSES * perEvse / seconds;
      System.out.printf(Locale.ROOT, "store throughput %-13s %8.0f events/s (%d events, %d commits, largest batch %d)%n",
          name, rate, stats.eventsCommitted(), stats.commits(), stats.largestBatch());
      return rate;
    }
  }

  @Test
  void groupCommitBeatsOneCommitPerEvent() throws Exception {
    double single = eventsPerSecond(SqliteStore.Options.defaults().withMaxBatch(1), 100, "single.db");
    double grouped = eventsPerSecond(SqliteStore.Options.defaults(), 2500, "grouped.db");
    assertThat(grouped).isGreaterThan(single * 2);
  }
}
