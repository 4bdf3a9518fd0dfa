package dev.evse.api;

import java.util.Optional;

/** The fifteen vars of EVerest's {@code evse_manager} interface, with their wire names. */
public enum EvseManagerVar {
  /** {@code SessionEvent}. */
  SESSION_EVENT("session_event"),
  /** {@code HlcSessionFailedEvent}. */
  HLC_SESSION_FAILED("hlc_session_failed"),
  /** {@code Limits}. */
  LIMITS("limits"),
  /** {@code EVInfo}. */
  EV_INFO("ev_info"),
  /** {@code CarManufacturer} (enum string). */
  CAR_MANUFACTURER("car_manufacturer"),
  /** {@code Telemetry}. */
  TELEMETRY("telemetry"),
  /** {@code Powermeter}. */
  POWERMETER("powermeter"),
  /** String. */
  POWERMETER_PUBLIC_KEY_OCMF("powermeter_public_key_ocmf"),
  /** String. */
  EVSE_ID("evse_id"),
  /** {@code HardwareCapabilities}. */
  HW_CAPABILITIES("hw_capabilities"),
  /** {@code EnforcedLimits}. */
  ENFORCED_LIMITS("enforced_limits"),
  /** Boolean. */
  WAITING_FOR_EXTERNAL_READY("waiting_for_external_ready"),
  /** Boolean. */
  READY("ready"),
  /** String. */
  SELECTED_PROTOCOL("selected_protocol"),
  /** Array of {@code EnergyTransferMode} strings. */
  SUPPORTED_ENERGY_TRANSFER_MODES("supported_energy_transfer_modes");

  private final String wireName;

  EvseManagerVar(String wireName) {
    this.wireName = wireName;
  }

  /** The var's name on the wire, e.g. {@code session_event}. */
  public String wireName() {
    return wireName;
  }

  /** The var with this wire name, if any. */
  public static Optional<EvseManagerVar> fromWireName(String wireName) {
    for (EvseManagerVar v : values()) {
      if (v.wireName.equals(wireName)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
