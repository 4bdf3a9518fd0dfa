package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * One event of the charging session life cycle (var {@code session_event}); {@code event} says
 * which payload is set.
 */
@EverestType(file = "evse_manager", name = "SessionEvent")
public record SessionEvent(
    @JsonProperty(value = "uuid", required = true) String uuid,
    @JsonProperty(value = "timestamp", required = true) String timestamp,
    @JsonProperty("connector_id") Optional<Integer> connectorId,
    @JsonProperty(value = "event", required = true) SessionEventEnum event,
    @JsonProperty("session_started") Optional<SessionStarted> sessionStarted,
    @JsonProperty("session_finished") Optional<SessionFinished> sessionFinished,
    @JsonProperty("transaction_started") Optional<TransactionStarted> transactionStarted,
    @JsonProperty("transaction_finished") Optional<TransactionFinished> transactionFinished,
    @JsonProperty("charging_paused_evse") Optional<ChargingPausedEVSEReasons> chargingPausedEvse,
    @JsonProperty("charging_state_changed_event") Optional<ChargingStateChangedEvent> chargingStateChangedEvent,
    @JsonProperty("authorization_event") Optional<AuthorizationEvent> authorizationEvent,
    @JsonProperty("source") Optional<EnableDisableSource> source) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public SessionEvent {
    WireChecks.require("uuid", uuid);
    timestamp = WireChecks.timestamp("timestamp", timestamp);
    connectorId = WireChecks.optional(connectorId);
    WireChecks.require("event", event);
    sessionStarted = WireChecks.optional(sessionStarted);
    sessionFinished = WireChecks.optional(sessionFinished);
    transactionStarted = WireChecks.optional(transactionStarted);
    transactionFinished = WireChecks.optional(transactionFinished);
    chargingPausedEvse = WireChecks.optional(chargingPausedEvse);
    chargingStateChangedEvent = WireChecks.optional(chargingStateChangedEvent);
    authorizationEvent = WireChecks.optional(authorizationEvent);
    source = WireChecks.optional(source);
  }

  /** An event without connector id or payload (e.g. AuthRequired, PrepareCharging). */
  public static SessionEvent of(String uuid, String timestamp, SessionEventEnum event) {
    return new SessionEvent(
        uuid,
        timestamp,
        Optional.empty(),
        event,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The connector this event is about; an absent {@code connector_id} means 1. */
  public int connectorIdOrDefault() {
    return connectorId.orElse(1);
  }
}
