package dev.evse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.TransactionFinished;
import dev.evse.core.port.SessionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 4.6 j with decision Q8, on a real database and the kernel in virtual time. */
class RecoveryTest {
  private static final Instant DAY = Instant.parse("2026-05-01T08:00:00Z");
  private static final String CHARGE_FOR_AN_HOUR = "sleep 1;iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 3600";

  @TempDir
  Path dir;

  /** Runs a session until it charges, then "loses power": everything committed stays, nothing else happens. */
  private String chargeThenLosePower(Path db) {
    try (SqliteStore store = SqliteStore.open(db);
        KernelRig rig = new KernelRig(store, store.forEvse(1), DAY, Events.token("CARD1"))) {
      rig.start();
      rig.hw.car().execute(CHARGE_FOR_AN_HOUR);
      rig.advance(120_000);
      assertThat(rig.kinds()).contains(SessionEventEnum.TransactionStarted, SessionEventEnum.ChargingStarted);
      assertThat(rig.relaysEverCommandedOn()).isTrue();
      return rig.of(SessionEventEnum.TransactionStarted).get(0).uuid();
    }
  }

  @Test
  void theOpenTransactionIsFinishedWithPowerLossItsUuidAndTheBestMeterValueExactlyOnce() {
    Path db = dir.resolve("evse.db");
    String uuid = chargeThenLosePower(db);
    double startWh;
    double lastStoredWh;
    try (Db d = new Db(db)) {
      startWh = Double.parseDouble(d.one("SELECT start_wh FROM transactions WHERE uuid = '" + uuid + "'"));
      lastStoredWh = Double.parseDouble(d.one("SELECT energy_wh_import FROM meter_readings ORDER BY seq DESC LIMIT 1"));
    }
    assertThat(lastStoredWh).isGreaterThanOrEqualTo(startWh);

    try (SqliteStore store = SqliteStore.open(db);
        KernelRig rig = new KernelRig(store, store.forEvse(1), DAY.plus(Duration.ofHours(2)), null)) {
      assertThat(store.forEvse(1).openTransaction()).map(SessionStore.OpenTransaction::sessionUuid).contains(uuid);
      rig.start();
      rig.advance(10_000);
      assertThat(rig.kinds()).startsWith(SessionEventEnum.SessionResumed, SessionEventEnum.TransactionFinished,
          SessionEventEnum.Enabled);
      assertThat(rig.published.get(0).uuid()).isEqualTo(uuid);
      SessionEvent finished = rig.published.get(1);
      assertThat(finished.uuid()).isEqualTo(uuid);
      TransactionFinished t = finished.transactionFinished().orElseThrow();
      assertThat(t.reason()).contains(StopTransactionReason.PowerLoss);
      assertThat(t.idTag()).isEmpty();
      assertThat(t.meterValue().energyWhImport().total()).isGreaterThanOrEqualTo(lastStoredWh);
      // the meters were asked to stop the stored transaction, then everything
      assertThat(rig.hw.meter().commandLog()).extracting(r -> r.name() + " " + r.argument())
          .contains("stop_transaction " + uuid);
      assertThat(store.forEvse(1).openTransaction()).isEmpty();
      assertThat(rig.relaysEverCommandedOn()).isFalse();
    }
    try (Db d = new Db(db)) {
      assertThat(d.rows("SELECT stop_reason, finished_at IS NOT NULL FROM transactions WHERE uuid = '" + uuid + "'"))
          .containsExactly(java.util.List.of("PowerLoss", "1"));
    }
    // a further restart has nothing to recover
    try (SqliteStore store = SqliteStore.open(db);
        KernelRig rig = new KernelRig(store, store.forEvse(1), DAY.plus(Duration.ofHours(3)), null)) {
      rig.start();
      rig.advance(10_000);
      assertThat(rig.kinds()).doesNotContain(SessionEventEnum.SessionResumed, SessionEventEnum.TransactionFinished);
    }
    try (Db d = new Db(db)) {
      assertThat(d.count("SELECT count(*) FROM events WHERE kind = 'TransactionFinished' AND uuid = '" + uuid + "'"))
          .isEqualTo(1);
    }
  }

  @Test
  void dyingAgainDuringRecoveryStillFinishesTheTransactionExactlyOnce() {
    Path db = dir.resolve("evse.db");
    String uuid = chargeThenLosePower(db);

    // Restart, but the process dies before TransactionFinished reaches the disk.
    try (SqliteStore store = SqliteStore.open(db)) {
      SessionStore dying = new SessionStore() {
        @Override
        public Optional<OpenTransaction> openTransaction() {
          return store.forEvse(1).openTransaction();
        }

        @Override
        public CompletionStage<Void> record(SessionEvent event) {
          if (event.event() == SessionEventEnum.TransactionFinished) {
            return new CompletableFuture<>(); // never written: power is gone
          }
          return store.forEvse(1).record(event);
        }
      };
      try (KernelRig rig = new KernelRig(store, dying, DAY.plus(Duration.ofHours(1)), null)) {
        rig.start();
        rig.advance(5_000);
        assertThat(rig.kinds()).containsExactly(SessionEventEnum.SessionResumed);
      }
    }
    try (SqliteStore store = SqliteStore.open(db);
        KernelRig rig = new KernelRig(store, store.forEvse(1), DAY.plus(Duration.ofHours(2)), null)) {
      assertThat(store.forEvse(1).openTransaction()).isPresent();
      rig.start();
      rig.advance(5_000);
      assertThat(rig.kinds()).startsWith(SessionEventEnum.SessionResumed, SessionEventEnum.TransactionFinished);
      assertThat(rig.of(SessionEventEnum.TransactionFinished)).singleElement()
          .satisfies(e -> assertThat(e.uuid()).isEqualTo(uuid));
    }
    try (Db d = new Db(db)) {
      assertThat(d.count("SELECT count(*) FROM events WHERE kind = 'SessionResumed' AND uuid = '" + uuid + "'"))
          .isEqualTo(2);
      assertThat(d.count("SELECT count(*) FROM events WHERE kind = 'TransactionFinished' AND uuid = '" + uuid + "'"))
          .isEqualTo(1);
      assertThat(d.count("SELECT count(*) FROM transactions WHERE finished_at IS NULL")).isZero();
    }
  }

  @Test
  void aCarStillPluggedInAfterRecoveryGetsABrandNewTransaction() {
    Path db = dir.resolve("evse.db");
    String uuid = chargeThenLosePower(db);
    try (SqliteStore store = SqliteStore.open(db);
        KernelRig rig = new KernelRig(store, store.forEvse(1), DAY.plus(Duration.ofHours(1)), Events.token("CARD1"))) {
      rig.start();
      rig.hw.car().execute(CHARGE_FOR_AN_HOUR);
      rig.advance(60_000);
      assertThat(rig.of(SessionEventEnum.TransactionFinished)).singleElement()
          .satisfies(e -> assertThat(e.uuid()).isEqualTo(uuid));
      assertThat(rig.of(SessionEventEnum.TransactionStarted)).singleElement()
          .satisfies(e -> assertThat(e.uuid()).isNotEqualTo(uuid));
      assertThat(store.forEvse(1).openTransaction().orElseThrow().sessionUuid()).isNotEqualTo(uuid);
    }
  }
}
