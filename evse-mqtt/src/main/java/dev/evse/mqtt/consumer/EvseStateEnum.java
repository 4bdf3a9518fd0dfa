package dev.evse.mqtt.consumer;

/**
 * {@code EvseStateEnum} of the API's {@code session_info} (evse_manager_consumer_API.yaml).
 * {@code Reserved} is in the spec but never emitted (as in EVerest).
 */
public enum EvseStateEnum {
  Unknown,
  Unplugged,
  Disabled,
  Preparing,
  Reserved,
  AuthRequired,
  ChargingPausedEV,
  ChargingPausedEVSE,
  Charging,
  AuthTimeout,
  Finished,
  FinishedEVSE,
  FinishedEV
}
