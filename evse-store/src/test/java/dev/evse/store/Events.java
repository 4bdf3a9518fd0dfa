package dev.evse.store;

import dev.evse.api.types.AuthorizationEvent;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.ChargingPausedEVSEReasons;
import dev.evse.api.types.ChargingStateChangedEvent;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnableSource;
import dev.evse.api.types.EnableState;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.PauseChargingEVSEReasonEnum;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.SessionFinished;
import dev.evse.api.types.SessionStarted;
import dev.evse.api.types.SignedMeterValue;
import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.TransactionFinished;
import dev.evse.api.types.TransactionStarted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Session events of every kind, as the kernel makes them, for store tests. */
final class Events {
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

  private Events() {}

  static String ts(long ms) {
    return dev.evse.api.codec.Rfc3339.format(T0.plusMillis(ms));
  }

  static Powermeter meter(long ms, double wh) {
    return Powermeter.of(ts(ms), wh);
  }

  static ProvidedIdToken token(String value) {
    return ProvidedIdToken.of(IdToken.of(value, IdTokenType.ISO14443), AuthorizationType.RFID);
  }

  static SignedMeterValue signed(String data) {
    return new SignedMeterValue(data, "ECDSA-secp256r1-SHA256", "OCMF", Optional.of("3059"), Optional.of(ts(0)));
  }

  static SessionEvent of(String uuid, long ms, SessionEventEnum kind) {
    return SessionEvent.of(uuid, ts(ms), kind);
  }

  static SessionEvent sessionStarted(String uuid, long ms, double wh) {
    return new SessionEvent(uuid, ts(ms), Optional.empty(), SessionEventEnum.SessionStarted,
        Optional.of(new SessionStarted(StartSessionReason.EVConnected, Optional.empty(), meter(ms, wh), Optional.empty(),
            Optional.empty(), Optional.of("/tmp/x"))),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  static SessionEvent sessionFinished(String uuid, long ms, double wh) {
    return new SessionEvent(uuid, ts(ms), Optional.empty(), SessionEventEnum.SessionFinished, Optional.empty(),
        Optional.of(new SessionFinished(meter(ms, wh))), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  static SessionEvent transactionStarted(String uuid, long ms, double wh, String token) {
    return new SessionEvent(uuid, ts(ms), Optional.empty(), SessionEventEnum.TransactionStarted, Optional.empty(),
        Optional.empty(),
        Optional.of(new TransactionStarted(token(token), meter(ms, wh), Optional.of(signed("OCMF|start")), Optional.of(7))),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static SessionEvent transactionFinished(String uuid, long ms, double wh, StopTransactionReason reason) {
    return new SessionEvent(uuid, ts(ms), Optional.empty(), SessionEventEnum.TransactionFinished, Optional.empty(),
        Optional.empty(), Optional.empty(),
        Optional.of(new TransactionFinished(meter(ms, wh), Optional.of(signed("OCMF|start")),
            Optional.of(signed("OCMF|start+end")), Optional.of(reason), Optional.of(token("STOPPER")))),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static SessionEvent chargingState(String uuid, long ms, SessionEventEnum kind, double wh) {
    return new SessionEvent(uuid, ts(ms), Optional.empty(), kind, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(new ChargingStateChangedEvent(meter(ms, wh))), Optional.empty(),
        Optional.empty());
  }

  static SessionEvent pausedEvse(String uuid, long ms, double wh) {
    return new SessionEvent(uuid, ts(ms), Optional.empty(), SessionEventEnum.ChargingPausedEVSE, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new ChargingPausedEVSEReasons(List.of(PauseChargingEVSEReasonEnum.NoEnergy))),
        Optional.of(new ChargingStateChangedEvent(meter(ms, wh))), Optional.empty(), Optional.empty());
  }

  static SessionEvent authorization(String uuid, long ms, SessionEventEnum kind, double wh) {
    return new SessionEvent(uuid, ts(ms), Optional.empty(), kind, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new AuthorizationEvent(meter(ms, wh))),
        Optional.empty());
  }

  static SessionEvent enableState(String uuid, long ms, boolean enabled) {
    return new SessionEvent(uuid, ts(ms), Optional.of(1), enabled ? SessionEventEnum.Enabled : SessionEventEnum.Disabled,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(new EnableDisableSource(EnableSource.LocalAPI,
            enabled ? EnableState.Enable : EnableState.Disable, 100)));
  }

  /** One event of each of the 20 kinds, in a plausible order, for session {@code uuid}. */
  static List<SessionEvent> everyKind(String uuid) {
    return List.of(
        enableState(uuid, 0, true),
        of("", 10, SessionEventEnum.ReservationStart),
        sessionStarted(uuid, 100, 1000),
        of(uuid, 110, SessionEventEnum.AuthRequired),
        authorization(uuid, 200, SessionEventEnum.Authorized, 1000),
        of("", 201, SessionEventEnum.ReservationEnd),
        transactionStarted(uuid, 300, 1000, "TOKEN1"),
        of(uuid, 310, SessionEventEnum.PrepareCharging),
        chargingState(uuid, 400, SessionEventEnum.ChargingStarted, 1000),
        of(uuid, 450, SessionEventEnum.SwitchingPhases),
        chargingState(uuid, 500, SessionEventEnum.ChargingPausedEV, 1100),
        pausedEvse(uuid, 600, 1150),
        of(uuid, 700, SessionEventEnum.StoppingCharging),
        of(uuid, 710, SessionEventEnum.ChargingFinished),
        transactionFinished(uuid, 800, 1200, StopTransactionReason.EVDisconnected),
        authorization(uuid, 810, SessionEventEnum.Deauthorized, 1200),
        of(uuid, 820, SessionEventEnum.PluginTimeout),
        sessionFinished(uuid, 900, 1200),
        of(uuid, 950, SessionEventEnum.SessionResumed),
        enableState(uuid, 1000, false));
  }
}
