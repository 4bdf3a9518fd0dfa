package dev.evse.core.charger;

import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.OCMFIdentificationType;
import dev.evse.api.types.OCMFUserIdentificationStatus;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SignedMeterValue;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionRequestStatus;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.port.PowerMeter;
import dev.evse.core.port.SessionStore;
import dev.evse.core.runtime.EventLoop;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the transaction of a session at the billing meters and in the store, and
 * publishes TransactionStarted, ChargingFinished and TransactionFinished (spec 4.4). Meter
 * answers arrive asynchronously; meanwhile {@link #isBusy()} holds the state machine back.
 */
public final class TransactionControl {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionControl.class);

  /** A meter that has not answered by then is taken as failed. */
  public static final long METER_REPLY_TIMEOUT_MS = 10_000;

  /** What transaction bookkeeping needs from the manager around it. */
  public interface Hooks {
    Optional<Integer> reservationId();

    /** The reservation was used by a transaction: it ends without ReservationEnd. */
    void consumeReservation();

    /** Raises {@code evse_manager/PowermeterTransactionStartFailed}. */
    void raiseStartFailed(String message);

    /** Raises {@code evse_manager/Internal}: the transaction could not be recorded. */
    void raiseNotRecorded(String message);
  }

  private final EventLoop loop;
  private final List<PowerMeter> meters;
  private final SessionEventPublisher events;
  private final SessionStore store;
  private final java.util.function.Supplier<Optional<dev.evse.api.types.Powermeter>> liveMeterValue;
  private final String evseId;
  private final boolean failOnPowermeterErrors;
  private final Hooks hooks;

  private String activeId;
  private boolean busy;
  private boolean startFailed;

  public TransactionControl(
      EventLoop loop,
      List<PowerMeter> meters,
      SessionEventPublisher events,
      SessionStore store,
      java.util.function.Supplier<Optional<dev.evse.api.types.Powermeter>> liveMeterValue,
      String evseId,
      boolean failOnPowermeterErrors,
      Hooks hooks) {
    this.loop = loop;
    this.meters = List.copyOf(meters);
    this.events = events;
    this.store = store;
    this.liveMeterValue = liveMeterValue;
    this.evseId = evseId;
    this.failOnPowermeterErrors = failOnPowermeterErrors;
    this.hooks = hooks;
  }

  public boolean isActive() {
    return activeId != null;
  }

  /** True while a meter request is under way. */
  public boolean isBusy() {
    return busy;
  }

  /** True after a failed start, until the session ends. */
  public boolean startFailed() {
    return startFailed;
  }

  public void resetStartFailure() {
    startFailed = false;
  }

  /** Starts the transaction of {@code session}; {@code done} runs on the loop afterwards. */
  public void start(Session session, ProvidedIdToken token, ValidationResult validation, Runnable done) {
    if (busy || activeId != null) {
      return;
    }
    busy = true;
    TransactionReq request = requestFor(session.uuid(), token, validation);
    MeterReplies.<PowerMeter, TransactionStartResponse>ask(
        loop, meters, m -> m.startTransaction(request), METER_REPLY_TIMEOUT_MS, answers -> {
          Optional<String> failure = startFailure(answers);
          if (failure.isPresent() && failOnPowermeterErrors) {
            busy = false;
            startFailed = true;
            hooks.raiseStartFailed(failure.get());
            done.run();
            return;
          }
          failure.ifPresent(f -> LOG.warn("meter failed to start transaction {}: {} (ignored)", session.uuid(), f));
          var recorded = events.transactionStarted(token, hooks.reservationId()).toCompletableFuture();
          if (recorded.isDone()) {
            afterStartRecorded(session.uuid(), recorded, done);
          } else {
            recorded.whenComplete((v, e) -> loop.post(() -> afterStartRecorded(session.uuid(), recorded, done)));
          }
        });
  }

  /** Only a start on record counts: otherwise the meter's transaction is cancelled and we stay safe. */
  private void afterStartRecorded(String uuid, java.util.concurrent.CompletableFuture<Void> recorded, Runnable done) {
    if (recorded.isCompletedExceptionally()) {
      String why = recorded.handle((v, e) -> String.valueOf(e.getMessage())).join();
      startFailed = true;
      MeterReplies.<PowerMeter, TransactionStopResponse>ask(
          loop, meters, m -> m.stopTransaction(uuid), METER_REPLY_TIMEOUT_MS, a -> {
            busy = false;
            hooks.raiseNotRecorded("transaction " + uuid + " could not be recorded: " + why);
            done.run();
          });
      return;
    }
    busy = false;
    activeId = uuid;
    hooks.consumeReservation();
    done.run();
  }

  private static Optional<String> startFailure(List<Optional<TransactionStartResponse>> answers) {
    for (Optional<TransactionStartResponse> a : answers) {
      if (a.isEmpty()) {
        return Optional.of("no answer from the power meter");
      }
      if (a.get().status() == TransactionRequestStatus.UNEXPECTED_ERROR) {
        return Optional.of(a.get().error().orElse("UNEXPECTED_ERROR"));
      }
    }
    return Optional.empty();
  }

  /** Stops the open transaction and publishes ChargingFinished and TransactionFinished. */
  public void stop(Session session, StopTransactionReason reason, Optional<ProvidedIdToken> by, Runnable done) {
    if (busy || activeId == null) {
      return;
    }
    busy = true;
    String id = activeId;
    stopAtMeters(id, signed -> {
      busy = false;
      activeId = null;
      events.simple(dev.evse.api.types.SessionEventEnum.ChargingFinished);
      events.transactionFinished(reason, by, signed.start(), signed.stop());
      done.run();
    });
  }

  /**
   * Start-up clean-up after a power loss (spec 4.6 j, decision Q8): ends the transaction the
   * store still holds, with its uuid and reason PowerLoss, then cancels whatever the meters have
   * open. {@code done} runs on the loop when all is settled.
   */
  public void recoverAfterPowerLoss(Runnable done) {
    Optional<SessionStore.OpenTransaction> open = store.openTransaction();
    if (open.isEmpty()) {
      MeterReplies.<PowerMeter, TransactionStopResponse>ask(
          loop, meters, m -> m.stopTransaction(""), METER_REPLY_TIMEOUT_MS, a -> done.run());
      return;
    }
    String id = open.get().sessionUuid();
    events.sessionResumed(id);
    busy = true;
    stopAtMeters(id, signed -> {
      // The live reading if the meter gave one, else the last one on record.
      Optional<dev.evse.api.types.Powermeter> best = liveMeterValue.get().or(() -> open.get().lastKnownMeterValue());
      events.transactionFinishedAfterPowerLoss(id, best, signed.start(), signed.stop());
      MeterReplies.<PowerMeter, TransactionStopResponse>ask(
          loop, meters, m -> m.stopTransaction(""), METER_REPLY_TIMEOUT_MS, a -> {
            busy = false;
            done.run();
          });
    });
  }

  private record Signed(Optional<SignedMeterValue> start, Optional<SignedMeterValue> stop) {}

  private void stopAtMeters(String id, Consumer<Signed> then) {
    MeterReplies.<PowerMeter, TransactionStopResponse>ask(
        loop, meters, m -> m.stopTransaction(id), METER_REPLY_TIMEOUT_MS, answers -> {
          Signed signed = new Signed(Optional.empty(), Optional.empty());
          for (Optional<TransactionStopResponse> a : answers) {
            if (a.isPresent() && a.get().status() == TransactionRequestStatus.OK) {
              signed = new Signed(a.get().startSignedMeterValue(), a.get().signedMeterValue());
              break;
            }
            if (a.isEmpty() || a.get().status() == TransactionRequestStatus.UNEXPECTED_ERROR) {
              LOG.warn("meter failed to stop transaction {}: {}", id,
                  a.flatMap(TransactionStopResponse::error).orElse("no answer"));
            }
          }
          then.accept(signed);
        });
  }

  private TransactionReq requestFor(String transactionId, ProvidedIdToken token, ValidationResult validation) {
    Optional<String> tariff = validation == null || validation.tariffMessages().isEmpty()
        ? Optional.empty()
        : Optional.of(validation.tariffMessages().get(0).content());
    return new TransactionReq(
        evseId,
        transactionId,
        OCMFUserIdentificationStatus.ASSIGNED,
        Optional.empty(),
        List.of(),
        identificationType(token.idToken().type()),
        Optional.of(token.idToken().value()),
        tariff);
  }

  static OCMFIdentificationType identificationType(IdTokenType type) {
    return switch (type) {
      case Central -> OCMFIdentificationType.CENTRAL;
      case eMAID -> OCMFIdentificationType.EMAID;
      case ISO14443 -> OCMFIdentificationType.ISO14443;
      case ISO15693 -> OCMFIdentificationType.ISO15693;
      case KeyCode -> OCMFIdentificationType.KEY_CODE;
      case Local -> OCMFIdentificationType.LOCAL;
      case NoAuthorization -> OCMFIdentificationType.NONE;
      case MacAddress -> OCMFIdentificationType.UNDEFINED;
    };
  }
}
