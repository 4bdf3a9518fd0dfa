package dev.evse.mqtt.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Payload of {@code e2m/session_info}, an API-only summary the bridge derives from session events
 * and meter values (spec section 2.4). Energies in Wh, power in W, durations in s, times RFC 3339.
 */
public record SessionInfo(
    @JsonProperty("state") EvseStateEnum state,
    @JsonProperty("charged_energy_wh") long chargedEnergyWh,
    @JsonProperty("discharged_energy_wh") long dischargedEnergyWh,
    @JsonProperty("latest_total_w") long latestTotalW,
    @JsonProperty("session_duration_s") long sessionDurationS,
    @JsonProperty("timestamp") String timestamp,
    @JsonProperty("selected_protocol") Optional<String> selectedProtocol,
    @JsonProperty("transaction_duration_s") Optional<Long> transactionDurationS,
    @JsonProperty("session_start_time") Optional<String> sessionStartTime,
    @JsonProperty("transaction_start_time") Optional<String> transactionStartTime,
    @JsonProperty("session_end_time") Optional<String> sessionEndTime,
    @JsonProperty("transaction_end_time") Optional<String> transactionEndTime) {}
