package dev.evse.mqtt.limits;

import dev.evse.api.types.ExternalLimits;

/**
 * Receives the limits a client sets through {@code external_energy_limits_consumer}
 * ({@code set_external_limits}); the site energy manager applies them to its node. Called on the
 * MQTT thread: must not block.
 */
@FunctionalInterface
public interface ExternalLimitsListener {

  /**
   * @param moduleId the API module the limits arrived on (names the energy node they are for)
   * @param limits import, export and setpoint schedules; the first entry applies at once
   */
  void onExternalLimits(String moduleId, ExternalLimits limits);
}
