package dev.evse.mqtt;

import dev.evse.core.EvseManager;
import dev.evse.mqtt.driver.MqttBoardSupport;
import dev.evse.mqtt.driver.MqttPowerMeter;
import java.util.Optional;

/**
 * The kernel's ports of one EVSE, backed by MQTT drivers: the board support (which also serves as
 * connector lock, as EVerest's BSP API provides {@code connector_lock}) and the optional meter.
 */
public record EvsePorts(MqttBoardSupport board, Optional<MqttPowerMeter> meter) {

  /** Adds the meter (if any) and, with {@code lock}, the BSP's connector lock to a kernel builder. */
  public EvseManager.Builder applyTo(EvseManager.Builder builder, boolean lock) {
    meter.ifPresent(builder::powerMeter);
    if (lock) {
      builder.connectorLock(board);
    }
    return builder;
  }
}
