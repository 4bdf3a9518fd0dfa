package dev.evse.app.web;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Follows the session events of one EVSE: the session in progress (for its card), a readable
 * timeline line per event, and a {@link SessionSummary} when a session finishes. Not thread-safe:
 * the dashboard uses it from its own thread only.
 */
final class SessionTracker {

  /** The session in progress. {@code txStartWh} is null until a transaction starts. */
  record Current(String uuid, Instant start, String token, Double txStartWh, Double txEndWh, String stopReason) {
    Current withToken(String t) {
      return new Current(uuid, start, t, txStartWh, txEndWh, stopReason);
    }

    Current withTxStart(String t, double wh) {
      return new Current(uuid, start, t, wh, null, stopReason);
    }

    Current withTxEnd(double wh, String reason) {
      return new Current(uuid, start, token, txStartWh, wh, reason);
    }

    /** Energy of the transaction so far, given the meter now (0 without a transaction). */
    double energyWh(double meterNowWh) {
      if (txStartWh == null) {
        return 0.0;
      }
      double end = txEndWh != null ? txEndWh : meterNowWh;
      return Math.max(0.0, end - txStartWh);
    }
  }

  /** One line of the timeline; {@code kind} is session, error or control. */
  record TimelineEntry(long timeMs, int evseId, String kind, String event, String text) {}

  private final int evseId;
  private Current current;

  SessionTracker(int evseId) {
    this.evseId = evseId;
  }

  Optional<Current> current() {
    return Optional.ofNullable(current);
  }

  /** The result of one event: its timeline line, and the session it finished, if any. */
  record Outcome(TimelineEntry entry, Optional<SessionSummary> finished) {}

  Outcome onSessionEvent(SessionEvent e, Instant now) {
    Instant at = parseTime(e.timestamp(), now);
    Optional<SessionSummary> finished = Optional.empty();
    switch (e.event()) {
      case SessionStarted -> {
        String token = e.sessionStarted().flatMap(s -> s.idTag()).map(t -> t.idToken().value()).orElse("");
        current = new Current(e.uuid(), at, token, null, null, "");
      }
      case TransactionStarted -> e.transactionStarted().ifPresent(t -> {
        ensureCurrent(e, at);
        current = current.withTxStart(t.idTag().idToken().value(), energyOf(t.meterValue()));
      });
      case TransactionFinished -> e.transactionFinished().ifPresent(t -> {
        ensureCurrent(e, at);
        current = current.withTxEnd(energyOf(t.meterValue()), t.reason().map(Enum::name).orElse(""));
      });
      case SessionFinished -> {
        if (current != null) {
          double wh = current.txEndWh != null ? current.energyWh(current.txEndWh) : 0.0;
          finished = Optional.of(new SessionSummary(current.uuid, evseId, current.start, at, current.token, wh,
              current.stopReason));
        }
        current = null;
      }
      default -> { }
    }
    return new Outcome(new TimelineEntry(at.toEpochMilli(), evseId, "session", e.event().name(), describe(e)),
        finished);
  }

  private void ensureCurrent(SessionEvent e, Instant at) {
    if (current == null) {
      current = new Current(e.uuid(), at, "", null, null, "");
    }
  }

  private static double energyOf(Powermeter m) {
    return m.energyWhImport().total();
  }

  static Instant parseTime(String timestamp, Instant fallback) {
    try {
      return Rfc3339.parse(timestamp);
    } catch (RuntimeException ex) {
      return fallback;
    }
  }

  /** A sentence a newcomer understands, with the payload that matters. */
  String describe(SessionEvent e) {
    return switch (e.event()) {
      case SessionStarted -> "Session started" + e.sessionStarted()
          .map(s -> s.reason().name().equals("EVConnected") ? " (car plugged in)" : " (authorized first)")
          .orElse("");
      case AuthRequired -> "Waiting for authorization (present a token)";
      case Authorized -> "Authorized";
      case Deauthorized -> "Authorization withdrawn";
      case TransactionStarted -> e.transactionStarted()
          .map(t -> "Transaction started with token " + t.idTag().idToken().value() + ", meter at "
              + kwh(energyOf(t.meterValue())))
          .orElse("Transaction started");
      case PrepareCharging -> "Preparing to charge";
      case ChargingStarted -> "Charging started";
      case ChargingPausedEV -> "Car paused charging";
      case ChargingPausedEVSE -> "Charger paused charging" + e.chargingPausedEvse()
          .map(p -> " (" + p.reasons().stream().map(Enum::name).collect(Collectors.joining(", ")) + ")")
          .orElse("");
      case SessionResumed -> "Session resumed";
      case StoppingCharging -> "Stopping charging";
      case ChargingFinished -> "Charging finished";
      case TransactionFinished -> e.transactionFinished()
          .map(t -> "Transaction finished" + t.reason().map(r -> " (" + r.name() + ")").orElse("")
              + (current != null && current.txStartWh != null ? ", " + kwh(current.energyWh(energyOf(t.meterValue())))
                  + " charged" : ""))
          .orElse("Transaction finished");
      case SessionFinished -> "Session finished (car unplugged)";
      case ReservationStart -> "Reserved";
      case ReservationEnd -> "Reservation ended";
      case PluginTimeout -> "No authorization in time after plug-in";
      case SwitchingPhases -> "Switching phases";
      case Enabled -> "Enabled" + e.source().map(s -> " by " + s.enableSource()).orElse("");
      case Disabled -> "Disabled" + e.source().map(s -> " by " + s.enableSource()).orElse("");
    };
  }

  static String kwh(double wh) {
    return String.format(Locale.ROOT, "%.3f kWh", wh / 1000.0);
  }
}
