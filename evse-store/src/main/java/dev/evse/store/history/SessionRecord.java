package dev.evse.store.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One past (or running) session of the history, with its transaction if it had one.
 *
 * @param evse the EVSE's connector id
 * @param sessionUuid the session's uuid (also the transaction id)
 * @param sessionStart when the session started; for a transaction whose SessionStarted is not on
 *     record, the transaction's start
 * @param sessionEnd SessionFinished, or the end of a transaction closed after a power loss
 * @param transactionStart TransactionStarted, empty for a session without transaction
 * @param transactionEnd TransactionFinished
 * @param idToken the token of the transaction (else of the session)
 * @param startWh the import register at the start of the transaction (else of the session)
 * @param endWh the import register at its end
 * @param stopReason the reason of TransactionFinished
 * @param stopIdToken the token that stopped the transaction
 * @param status see {@link Status}
 */
public record SessionRecord(
    int evse,
    String sessionUuid,
    Instant sessionStart,
    Optional<Instant> sessionEnd,
    Optional<Instant> transactionStart,
    Optional<Instant> transactionEnd,
    Optional<String> idToken,
    Optional<Double> startWh,
    Optional<Double> endWh,
    Optional<String> stopReason,
    Optional<String> stopIdToken,
    Status status) {

  /** Where a session stands. */
  public enum Status {
    /** Its transaction is still open. */
    OPEN,
    /** Running, without an open transaction (before authorisation, or after the transaction). */
    ACTIVE,
    /** Ended (SessionFinished, or its transaction was closed after a power loss). */
    FINISHED,
    /** Never ended on record: the EVSE restarted and a later session began. */
    INTERRUPTED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean hasTransaction() {
    return transactionStart.isPresent();
  }

  /** Energy charged: end minus start register, when both are known. */
  public Optional<Double> energyWh() {
    if (startWh.isPresent() && endWh.isPresent()) {
      return Optional.of(Math.max(0, endWh.get() - startWh.get()));
    }
    return Optional.empty();
  }

  /**
   * How long the transaction (else the session) lasted; up to {@code now} while it still runs,
   * empty for an interrupted session.
   */
  public Optional<Duration> duration(Instant now) {
    Instant start = transactionStart.orElse(sessionStart);
    Optional<Instant> end = hasTransaction() ? transactionEnd : sessionEnd;
    if (end.isPresent()) {
      return Optional.of(Duration.between(start, end.get()));
    }
    if (status == Status.INTERRUPTED) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(start, now).isNegative() ? Duration.ZERO : Duration.between(start, now));
  }
}
