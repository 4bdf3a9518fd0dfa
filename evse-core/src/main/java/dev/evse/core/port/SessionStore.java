package dev.evse.core.port;

import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Durable memory of one EVSE's sessions. The kernel hands it every session event and publishes
 * the event only once {@link #record} has completed, so a transaction reported as started is
 * never lost; from TransactionStarted and TransactionFinished the store knows which transaction
 * is open. Implementations do their I/O off the event loop and complete the stage when the event
 * is on disk; a failed stage means it could not be recorded.
 */
public interface SessionStore {

  /** The transaction still open from before a restart (read once, at start-up). */
  Optional<OpenTransaction> openTransaction();

  /** Stores one session event durably. */
  CompletionStage<Void> record(SessionEvent event);

  /** A transaction that was open when the process stopped. */
  record OpenTransaction(String sessionUuid, Optional<Powermeter> lastKnownMeterValue) {}

  /** A store that forgets everything: no recovery after a restart. */
  SessionStore NONE = new SessionStore() {
    private final CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    @Override
    public Optional<OpenTransaction> openTransaction() {
      return Optional.empty();
    }

    @Override
    public CompletionStage<Void> record(SessionEvent event) {
      return done;
    }
  };
}
