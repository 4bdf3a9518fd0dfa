package dev.evse.mqtt.driverside;

/**
 * Options of the driver side (a hardware driver talking to an EVSE manager over EVerest's API).
 *
 * @param communicationCheckIntervalMs how often {@code m2e/communication_check true} is sent
 *     (1000, as ChargeBridge; 0 or less: never)
 * @param everestLostAfterMs silence on {@code e2m/heartbeat} after which the EVSE manager counts
 *     as lost (2000, as ChargeBridge); watched only once a first heartbeat was seen
 * @param failSafeOnLoss when the manager is lost, open the relays ({@code allow_power_on false})
 *     and stop the PWM ({@code cp_state_X1}) on the local board
 * @param capabilitiesResendMs re-send the capabilities this often (10000, as ChargeBridge; 0 or
 *     less: only on connect and when the manager comes back)
 * @param publishTelemetry publish the board's telemetry on {@code m2e/telemetry} (this project's
 *     extension; EVerest ignores the topic)
 */
public record DriverOptions(
    long communicationCheckIntervalMs,
    long everestLostAfterMs,
    boolean failSafeOnLoss,
    long capabilitiesResendMs,
    boolean publishTelemetry) {

  public static DriverOptions defaults() {
    return new DriverOptions(1000, 2000, true, 10_000, true);
  }

  public DriverOptions withCommunicationCheckIntervalMs(long ms) {
    return new DriverOptions(ms, everestLostAfterMs, failSafeOnLoss, capabilitiesResendMs, publishTelemetry);
  }

  public DriverOptions withEverestLostAfterMs(long ms) {
    return new DriverOptions(communicationCheckIntervalMs, ms, failSafeOnLoss, capabilitiesResendMs, publishTelemetry);
  }

  public DriverOptions withFailSafeOnLoss(boolean on) {
    return new DriverOptions(communicationCheckIntervalMs, everestLostAfterMs, on, capabilitiesResendMs,
        publishTelemetry);
  }

  public DriverOptions withCapabilitiesResendMs(long ms) {
    return new DriverOptions(communicationCheckIntervalMs, everestLostAfterMs, failSafeOnLoss, ms, publishTelemetry);
  }

  public DriverOptions withPublishTelemetry(boolean on) {
    return new DriverOptions(communicationCheckIntervalMs, everestLostAfterMs, failSafeOnLoss, capabilitiesResendMs,
        on);
  }
}
