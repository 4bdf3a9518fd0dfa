package dev.evse.core.charger;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.AuthorizationEvent;
import dev.evse.api.types.ChargingPausedEVSEReasons;
import dev.evse.api.types.ChargingStateChangedEvent;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.PauseChargingEVSEReasonEnum;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.SessionFinished;
import dev.evse.api.types.SessionStarted;
import dev.evse.api.types.SignedMeterValue;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.TransactionFinished;
import dev.evse.api.types.TransactionStarted;
import dev.evse.core.port.SessionStore;
import dev.evse.core.runtime.Clock;
import dev.evse.core.runtime.EventLoop;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one place session events are made: stamps the session uuid and an RFC 3339 timestamp,
 * attaches the payload and the latest meter value of spec 4.2, and republishes
 * {@code selected_protocol} after each simple event.
 */
public final class SessionEventPublisher {
  public static final String PROTOCOL_IEC = "IEC61851-1";
  public static final String PROTOCOL_UNKNOWN = "Unknown";

  private final Clock clock;
  private final Supplier<Powermeter> meterValue;
  private final EvseManagerListener out;
  private final DurablePublication durable;
  private dev.evse.core.port.SessionLog sessionLog = dev.evse.core.port.SessionLog.NONE;
  private String uuid = "";
  private String protocol = PROTOCOL_UNKNOWN;

  /**
   * @param storeFailed told when the store could not record an event (the event is published
   *     anyway, except a TransactionStarted, which then did not happen)
   */
  public SessionEventPublisher(EventLoop loop, Supplier<Powermeter> meterValue, EvseManagerListener out,
      SessionStore store, Consumer<Throwable> storeFailed) {
    this.clock = loop.clock();
    this.meterValue = meterValue;
    this.out = out;
    this.durable = new DurablePublication(loop, store, out, storeFailed);
  }

  /** Where session logs go; their folder becomes SessionStarted's {@code logging_path}. */
  public void sessionLog(dev.evse.core.port.SessionLog log) {
    this.sessionLog = log;
  }

  /** The uuid of the session in progress, empty between sessions. */
  public String uuid() {
    return uuid;
  }

  public void sessionStarted(Session session, Optional<ProvidedIdToken> idTag) {
    uuid = session.uuid();
    protocol = PROTOCOL_IEC;
    publish(event(SessionEventEnum.SessionStarted).sessionStarted(new SessionStarted(
        session.startReason(), idTag, meter(), Optional.empty(), session.reservationId(),
        sessionLog.begin(session.uuid(), clock.wallTime()))));
  }

  public void sessionFinished() {
    protocol = PROTOCOL_UNKNOWN;
    publish(event(SessionEventEnum.SessionFinished).sessionFinished(new SessionFinished(meter())));
    uuid = "";
    out.onSelectedProtocol(protocol);
  }

  /** Completes once the start is recorded; a failed stage means no TransactionStarted was published. */
  public CompletionStage<Void> transactionStarted(ProvidedIdToken idTag, Optional<Integer> reservationId) {
    return durable.publish(build(event(SessionEventEnum.TransactionStarted).transactionStarted(
        new TransactionStarted(idTag, meter(), Optional.empty(), reservationId))), true);
  }

  public void transactionFinished(
      StopTransactionReason reason,
      Optional<ProvidedIdToken> idTag,
      Optional<SignedMeterValue> startSigned,
      Optional<SignedMeterValue> signed) {
    protocol = PROTOCOL_UNKNOWN;
    publish(event(SessionEventEnum.TransactionFinished).transactionFinished(
        new TransactionFinished(meter(), startSigned, signed, Optional.of(reason), idTag)));
  }

  /** Start-up clean-up: the transaction open before the restart ends (decision Q8: its uuid). */
  public void transactionFinishedAfterPowerLoss(String oldUuid, Optional<Powermeter> meterValue,
      Optional<SignedMeterValue> startSigned, Optional<SignedMeterValue> signed) {
    publish(new Builder(oldUuid, SessionEventEnum.TransactionFinished).transactionFinished(
        new TransactionFinished(meterValue.orElseGet(this::meter), startSigned, signed,
            Optional.of(StopTransactionReason.PowerLoss), Optional.empty())));
  }

  public void sessionResumed(String oldUuid) {
    publish(new Builder(oldUuid, SessionEventEnum.SessionResumed));
  }

  /** Events without payload: AuthRequired, PrepareCharging, StoppingCharging, ChargingFinished, ... */
  public void simple(SessionEventEnum kind) {
    publish(event(kind));
    out.onSelectedProtocol(protocol);
  }

  /** ChargingStarted and ChargingPausedEV, with the meter value. */
  public void chargingState(SessionEventEnum kind) {
    publish(event(kind).chargingState(new ChargingStateChangedEvent(meter())));
    out.onSelectedProtocol(protocol);
  }

  public void pausedEvse(List<PauseChargingEVSEReasonEnum> reasons) {
    publish(event(SessionEventEnum.ChargingPausedEVSE)
        .pausedEvse(new ChargingPausedEVSEReasons(reasons))
        .chargingState(new ChargingStateChangedEvent(meter())));
  }

  /** Authorized and Deauthorized, with the meter value. */
  public void authorization(SessionEventEnum kind) {
    publish(event(kind).authorization(new AuthorizationEvent(meter())));
    out.onSelectedProtocol(protocol);
  }

  /** Enabled or Disabled, with the winning source; connector 1 when the command named one. */
  public void enableState(boolean enabled, EnableDisableSource source, boolean connectorLevel) {
    Builder b = event(enabled ? SessionEventEnum.Enabled : SessionEventEnum.Disabled).source(source);
    if (connectorLevel) {
      b.connectorId = Optional.of(1);
    }
    publish(b);
    out.onSelectedProtocol(protocol);
  }

  /** ReservationStart / ReservationEnd: no session, but a timestamp (decision Q7). */
  public void reservation(SessionEventEnum kind) {
    publish(new Builder("", kind));
  }

  private Powermeter meter() {
    return meterValue.get();
  }

  private Builder event(SessionEventEnum kind) {
    return new Builder(uuid, kind);
  }

  private void publish(Builder b) {
    durable.publish(build(b), false);
  }

  private SessionEvent build(Builder b) {
    return new SessionEvent(b.uuid, Rfc3339.format(clock.wallTime()), b.connectorId, b.kind,
        b.sessionStarted, b.sessionFinished, b.transactionStarted, b.transactionFinished, b.pausedEvse,
        b.chargingState, b.authorization, b.source);
  }

  /** Collects the optional parts of one event. */
  private static final class Builder {
    final String uuid;
    final SessionEventEnum kind;
    Optional<Integer> connectorId = Optional.empty();
    Optional<SessionStarted> sessionStarted = Optional.empty();
    Optional<SessionFinished> sessionFinished = Optional.empty();
    Optional<TransactionStarted> transactionStarted = Optional.empty();
    Optional<TransactionFinished> transactionFinished = Optional.empty();
    Optional<ChargingPausedEVSEReasons> pausedEvse = Optional.empty();
    Optional<ChargingStateChangedEvent> chargingState = Optional.empty();
    Optional<AuthorizationEvent> authorization = Optional.empty();
    Optional<EnableDisableSource> source = Optional.empty();

    Builder(String uuid, SessionEventEnum kind) {
      this.uuid = uuid;
      this.kind = kind;
    }

    Builder sessionStarted(SessionStarted v) {
      sessionStarted = Optional.of(v);
      return this;
    }

    Builder sessionFinished(SessionFinished v) {
      sessionFinished = Optional.of(v);
      return this;
    }

    Builder transactionStarted(TransactionStarted v) {
      transactionStarted = Optional.of(v);
      return this;
    }

    Builder transactionFinished(TransactionFinished v) {
      transactionFinished = Optional.of(v);
      return this;
    }

    Builder pausedEvse(ChargingPausedEVSEReasons v) {
      pausedEvse = Optional.of(v);
      return this;
    }

    Builder chargingState(ChargingStateChangedEvent v) {
      chargingState = Optional.of(v);
      return this;
    }

    Builder authorization(AuthorizationEvent v) {
      authorization = Optional.of(v);
      return this;
    }

    Builder source(EnableDisableSource v) {
      source = Optional.of(v);
      return this;
    }
  }
}
