package dev.evse.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The local energy supply used when no energy manager is configured: every second it grants
 * each EVSE {@code max_current_A} for {@code valid_for_s}, as EVerest's EnergyManager does.
 */
public final class EnergyOptions {
  @JsonProperty("max_current_A")
  public double maxCurrentA = 32.0;

  @JsonProperty("valid_for_s")
  public int validForS = 10;

  @JsonProperty("update_interval_ms")
  public long updateIntervalMs = 1000;
}
