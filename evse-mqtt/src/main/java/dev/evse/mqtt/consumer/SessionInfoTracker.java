package dev.evse.mqtt.consumer;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.StopTransactionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Derives {@code session_info} (spec section 2.4) from session events, meter values and the
 * selected protocol. Published on every session event, and on meter values and protocol changes
 * while a session runs (state not Unplugged, Disabled or Unknown); nothing before the first event.
 *
 * <p>Differences from EVerest, allowed by the spec: energies and durations are computed from the
 * current sample, without EVerest's one-sample lag; durations end at the end time once known.
 * Thread-safe.
 */
public final class SessionInfoTracker {
  private static final Set<EvseStateEnum> IDLE =
      EnumSet.of(EvseStateEnum.Unknown, EvseStateEnum.Unplugged, EvseStateEnum.Disabled);

  private EvseStateEnum state = EvseStateEnum.Unknown;
  private Instant sessionStart;
  private Instant sessionEnd;
  private Instant transactionStart;
  private Instant transactionEnd;
  private boolean transactionRunning;
  private Double startImport;
  private Double endImport;
  private Double startExport;
  private Double endExport;
  private long latestTotalW;
  private String selectedProtocol;

  /** A session event: always gives the new info. */
  public synchronized SessionInfo onSessionEvent(SessionEvent e, Instant now) {
    Instant at = timestamp(e.timestamp(), now);
    switch (e.event()) {
      case Enabled -> state = EvseStateEnum.Unplugged;
      case Disabled -> state = EvseStateEnum.Disabled;
      case AuthRequired -> state = EvseStateEnum.AuthRequired;
      case SessionStarted -> {
        sessionStart = at;
        sessionEnd = null;
        transactionStart = null;
        transactionEnd = null;
        transactionRunning = false;
        selectedProtocol = null;
        latestTotalW = 0;
        Optional<Powermeter> m = e.sessionStarted().map(s -> s.meterValue());
        startImport = m.map(p -> p.energyWhImport().total()).orElse(endImport);
        endImport = startImport;
        startExport = m.flatMap(p -> p.energyWhExport()).map(x -> x.total()).orElse(endExport);
        endExport = startExport;
        state = EvseStateEnum.Preparing;
      }
      case PrepareCharging -> state = EvseStateEnum.Preparing;
      case TransactionStarted -> {
        state = EvseStateEnum.Preparing;
        transactionRunning = true;
        e.transactionStarted().ifPresent(t -> {
          startImport = t.meterValue().energyWhImport().total();
          endImport = startImport;
          t.meterValue().energyWhExport().ifPresent(x -> {
            startExport = x.total();
            endExport = x.total();
          });
          transactionStart = at;
          transactionEnd = null;
        });
      }
      case ChargingStarted -> state = EvseStateEnum.Charging;
      case ChargingPausedEV -> state = EvseStateEnum.ChargingPausedEV;
      case ChargingPausedEVSE -> state = EvseStateEnum.ChargingPausedEVSE;
      case ChargingFinished -> state = EvseStateEnum.Finished;
      case StoppingCharging -> state = EvseStateEnum.FinishedEV;
      case TransactionFinished -> {
        boolean local = e.transactionFinished().flatMap(t -> t.reason())
            .map(r -> r == StopTransactionReason.Local).orElse(false);
        state = local ? EvseStateEnum.FinishedEVSE : EvseStateEnum.Finished;
        transactionRunning = false;
        e.transactionFinished().ifPresent(t -> {
          endImport = t.meterValue().energyWhImport().total();
          t.meterValue().energyWhExport().ifPresent(x -> endExport = x.total());
        });
        transactionEnd = at;
      }
      case PluginTimeout -> state = EvseStateEnum.AuthTimeout;
      case SessionFinished -> {
        state = EvseStateEnum.Unplugged;
        sessionEnd = at;
      }
      default -> {
        // Authorized, Deauthorized, Reservation*, SwitchingPhases, SessionResumed: state unchanged
      }
    }
    return build(now);
  }

  /** A meter value: info while a session runs. */
  public synchronized Optional<SessionInfo> onPowermeter(Powermeter p, Instant now) {
    if (transactionRunning) {
      endImport = p.energyWhImport().total();
      p.energyWhExport().ifPresent(x -> endExport = x.total());
    }
    p.powerW().ifPresent(w -> latestTotalW = (long) w.total());
    return running() ? Optional.of(build(now)) : Optional.empty();
  }

  /** The selected protocol changed: info while a session runs. */
  public synchronized Optional<SessionInfo> onSelectedProtocol(String protocol, Instant now) {
    selectedProtocol = protocol;
    return running() ? Optional.of(build(now)) : Optional.empty();
  }

  /** The current info (e.g. to re-publish after a reconnect); empty before the first event. */
  public synchronized Optional<SessionInfo> snapshot(Instant now) {
    return state == EvseStateEnum.Unknown ? Optional.empty() : Optional.of(build(now));
  }

  public synchronized EvseStateEnum state() {
    return state;
  }

  private boolean running() {
    return !IDLE.contains(state);
  }

  private SessionInfo build(Instant now) {
    long charged = startImport != null && endImport != null ? Math.max(0, (long) (endImport - startImport)) : 0;
    long discharged = startExport != null && endExport != null ? Math.max(0, (long) (endExport - startExport)) : 0;
    long sessionS = sessionStart == null ? 0 : seconds(sessionStart, sessionEnd != null ? sessionEnd : now);
    Optional<Long> transactionS = transactionStart == null ? Optional.empty()
        : Optional.of(seconds(transactionStart, transactionEnd != null ? transactionEnd : now));
    return new SessionInfo(
        state,
        charged,
        discharged,
        latestTotalW,
        sessionS,
        Rfc3339.format(now),
        Optional.ofNullable(selectedProtocol),
        transactionS,
        Optional.ofNullable(sessionStart).map(Rfc3339::format),
        Optional.ofNullable(transactionStart).map(Rfc3339::format),
        Optional.ofNullable(sessionEnd).map(Rfc3339::format),
        Optional.ofNullable(transactionEnd).map(Rfc3339::format));
  }

  private static long seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).getSeconds());
  }

  private static Instant timestamp(String text, Instant fallback) {
    try {
      return Rfc3339.parse(text);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
