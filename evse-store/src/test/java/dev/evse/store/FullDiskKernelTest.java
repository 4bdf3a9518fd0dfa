package dev.evse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEventEnum;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction that cannot be recorded is not charged: no TransactionStarted, relays stay open. */
class FullDiskKernelTest {
  private static final Instant DAY = Instant.parse("2026-05-01T08:00:00Z");

  @TempDir
  Path dir;

  /** A token whose TransactionStarted needs several new pages (the certificate is 5 kB). */
  private static ProvidedIdToken bulkyToken() {
    return new ProvidedIdToken(Optional.empty(), IdToken.of("CARD1", IdTokenType.ISO14443), Optional.empty(),
        AuthorizationType.RFID, Optional.empty(), Optional.empty(), Optional.of("C".repeat(5400)), Optional.empty());
  }

  @Test
  void theDiskFillsUpJustBeforeTheTransactionStarts() throws Exception {
    Path db = dir.resolve("evse.db");
    try (SqliteStore store = SqliteStore.open(db);
        KernelRig rig = new KernelRig(store, store.forEvse(1), DAY, null)) {
      rig.start();
      rig.hw.car().execute("sleep 1;iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 3600");
      rig.advance(5_000);
      assertThat(rig.kinds()).contains(SessionEventEnum.SessionStarted, SessionEventEnum.AuthRequired);
      store.limitSize(1).get(5, TimeUnit.SECONDS); // full from now on
      rig.evse.authorizeResponse(bulkyToken(), KernelRig.ACCEPTED);
      rig.advance(120_000);

      assertThat(rig.kinds()).doesNotContain(SessionEventEnum.TransactionStarted, SessionEventEnum.ChargingStarted);
      assertThat(rig.relaysEverCommandedOn()).isFalse();
      assertThat(rig.hw.board().relaysClosed()).isFalse();
      assertThat(rig.hw.meter().openTransactions()).isEmpty(); // the meter's transaction was cancelled
      assertThat(rig.raised).anySatisfy(e -> {
        assertThat(e.type()).isEqualTo(ErrorTypes.EVSE_MANAGER_INTERNAL);
        assertThat(e.message()).contains(db.toAbsolutePath().toString()).contains("full");
      });
      assertThat(store.forEvse(1).openTransaction()).isEmpty();
    }
    try (Db d = new Db(db)) {
      assertThat(d.one("PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(d.count("SELECT count(*) FROM transactions")).isZero();
      assertThat(d.count("SELECT count(*) FROM events WHERE kind = 'SessionStarted'")).isEqualTo(1);
    }
  }

  @Test
  void aDatabaseFullFromTheStartNeverLetsTheEvseCharge() throws Exception {
    Path db = dir.resolve("evse.db");
    SqliteStore.open(db).close();
    long pages;
    try (Db d = new Db(db)) {
      pages = d.count("PRAGMA page_count");
    }
    try (SqliteStore store = SqliteStore.open(db, SqliteStore.Options.defaults().withMaxPageCount(pages));
        KernelRig rig = new KernelRig(store, store.forEvse(1), DAY, bulkyToken())) {
      rig.start();
      rig.hw.car().execute("sleep 1;iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 3600");
      rig.advance(120_000);
      assertThat(rig.kinds()).doesNotContain(SessionEventEnum.TransactionStarted, SessionEventEnum.ChargingStarted);
      assertThat(rig.relaysEverCommandedOn()).isFalse();
      assertThat(rig.raised).anySatisfy(e -> assertThat(e.message()).contains(db.toAbsolutePath().toString()));
    }
  }
}
