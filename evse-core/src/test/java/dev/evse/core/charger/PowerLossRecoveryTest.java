package dev.evse.core.charger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.core.port.SessionStore;
import dev.evse.core.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Spec 4.6 (j) with decision Q8, and durable publication through the store port. */
class PowerLossRecoveryTest {

  /** A store that remembers one open transaction and can be told to hold or fail writes. */
  static final class MemoryStore implements SessionStore {
    String open;
    final List<SessionEvent> recorded = new ArrayList<>();
    /** The kind of event whose recording fails, or null. */
    dev.evse.api.types.SessionEventEnum failOn;
    final List<CompletableFuture<Void>> held = new ArrayList<>();
    boolean hold;

    @Override
    public Optional<OpenTransaction> openTransaction() {
      return Optional.ofNullable(open).map(id -> new OpenTransaction(id, Optional.empty()));
    }

    @Override
    public CompletionStage<Void> record(SessionEvent e) {
      if (e.event() == failOn) {
        return CompletableFuture.failedFuture(new java.io.IOException("disk full: /data/evse.db"));
      }
      recorded.add(e);
      switch (e.event()) {
        case TransactionStarted -> open = e.uuid();
        case TransactionFinished -> open = null;
        default -> { }
      }
      if (hold) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        held.add(f);
        return f;
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void openTransactionIsFinishedWithPowerLossAndItsUuidBeforeReady() {
    MemoryStore store = new MemoryStore();
    store.open = "0b2d5d0e-1111-4222-8333-444455556666";
    Harness h = new Harness(c -> { }, store);
    h.evse.start();
    h.time.runUntilIdle();

    assertThat(h.eventNames()).containsExactly("SessionResumed", "TransactionFinished", "Enabled");
    assertThat(h.events.get(0).uuid()).isEqualTo("0b2d5d0e-1111-4222-8333-444455556666");
    SessionEvent finished = h.events.get(1);
    assertThat(finished.uuid()).isEqualTo("0b2d5d0e-1111-4222-8333-444455556666");
    assertThat(finished.transactionFinished().get().reason()).contains(StopTransactionReason.PowerLoss);
    assertThat(finished.transactionFinished().get().idTag()).isEmpty();
    assertThat(h.meter.stops).containsExactly("0b2d5d0e-1111-4222-8333-444455556666", "");
    assertThat(store.open).isNull();
  }

  @Test
  void withoutOpenTransactionTheMetersAreStillToldToCloseEverything() {
    Harness h = new Harness();
    h.evse.start();
    h.time.runUntilIdle();
    assertThat(h.eventNames()).containsExactly("Enabled");
    assertThat(h.meter.stops).containsExactly("");
  }

  @Test
  void eventsArePublishedOnlyAfterTheStoreHasThemAndInOrder() {
    MemoryStore store = new MemoryStore();
    Harness h = new Harness(c -> { }, store).started();
    store.hold = true;
    h.cp(dev.evse.api.types.BspEventKind.B);
    assertThat(h.events).isEmpty();
    store.held.get(1).complete(null); // AuthRequired written before SessionStarted: still held back
    h.time.runUntilIdle();
    assertThat(h.events).isEmpty();
    store.held.get(0).complete(null);
    h.time.runUntilIdle();
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired");
  }

  @Test
  void aTransactionTheStoreCannotRecordDoesNotStartAndNoRelayCloses() {
    MemoryStore store = new MemoryStore();
    Harness h = new Harness(c -> { }, store).started();
    h.cp(dev.evse.api.types.BspEventKind.B);
    store.failOn = dev.evse.api.types.SessionEventEnum.TransactionStarted;
    h.authorize("CARD1");
    h.cp(dev.evse.api.types.BspEventKind.C);

    assertThat(h.eventNames()).doesNotContain("TransactionStarted", "ChargingStarted");
    assertThat(h.board.relaysOn()).isFalse();
    assertThat(h.timeline.all()).noneMatch(l -> l.contains("allow_power_on true"));
    assertThat(h.raised).extracting(e -> e.type()).contains("evse_manager/Internal", "evse_manager/Inoperative");
    assertThat(h.meter.starts).hasSize(1);
    assertThat(h.meter.stops).containsExactly("", h.meter.starts.get(0).transactionId()); // the start is cancelled
    assertThat(h.state()).isEqualTo(ChargerState.Finished);
  }
}
