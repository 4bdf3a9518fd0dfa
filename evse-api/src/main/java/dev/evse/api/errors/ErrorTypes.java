package dev.evse.api.errors;

import java.util.Set;

/**
 * Every error type EVerest defines for the EVSE manager and the interfaces it requires, as the wire
 * string {@code <namespace>/<Name>} (namespace = error file name). The same name exists in several
 * namespaces ({@code MREC5OverVoltage}, {@code CommunicationFault}, ...), so always keep the
 * namespace. Constant prefixes: {@code EVSE_MANAGER}, {@code BSP} (evse_board_support), {@code
 * AC_RCD}, {@code CONNECTOR_LOCK}, {@code ISOLATION_MONITOR}, {@code OVER_VOLTAGE_MONITOR},
 * {@code POWER_SUPPLY_DC}, {@code GENERIC}.
 */
public final class ErrorTypes {
  private ErrorTypes() {}

  // --- evse_manager ---

  /** EvseManager state machine internal fault (raised High) */
  public static final String EVSE_MANAGER_INTERNAL = "evse_manager/Internal";

  /** EV drew more than allowed (soft over-current check, AC) (High) */
  public static final String EVSE_MANAGER_MREC4_OVER_CURRENT_FAILURE = "evse_manager/MREC4OverCurrentFailure";

  /** output voltage above negotiated limit (internal OV monitor; severity given by caller) */
  public static final String EVSE_MANAGER_MREC5_OVER_VOLTAGE = "evse_manager/MREC5OverVoltage";

  /** no authorization within timeout after plug-in (only if config raise_mrec9) (Medium) */
  public static final String EVSE_MANAGER_MREC9_AUTHORIZATION_TIMEOUT = "evse_manager/MREC9AuthorizationTimeout";

  /** meter refused/failed start_transaction (Medium) */
  public static final String EVSE_MANAGER_POWERMETER_TRANSACTION_START_FAILED = "evse_manager/PowermeterTransactionStartFailed";

  /** charging impossible, summary error caused by another (usually a requirement's) error; message carries cause type (High) */
  public static final String EVSE_MANAGER_INOPERATIVE = "evse_manager/Inoperative";

  /** isolation resistance too low during charging (IMD) (Medium) */
  public static final String EVSE_MANAGER_MREC22_RESISTANCE_FAULT = "evse_manager/MREC22ResistanceFault";

  /** cable check / IMD self test failed (sub_type `Self test failed`) (Medium) */
  public static final String EVSE_MANAGER_MREC11_CABLE_CHECK_FAULT = "evse_manager/MREC11CableCheckFault";

  /** voltage sources (PSU, meter, IMD, OVM) disagree beyond threshold for configured time (High) */
  public static final String EVSE_MANAGER_VOLTAGE_PLAUSIBILITY_FAULT = "evse_manager/VoltagePlausibilityFault";


  // --- evse_board_support ---

  /** EV CP diode shorted */
  public static final String BSP_DIODE_FAULT = "evse_board_support/DiodeFault";

  /** EV asked for state D, no ventilation */
  public static final String BSP_VENTILATION_NOT_AVAILABLE = "evse_board_support/VentilationNotAvailable";

  /** MCU/hardware brown-out */
  public static final String BSP_BROWN_OUT = "evse_board_support/BrownOut";

  /** external energy management failed */
  public static final String BSP_ENERGY_MANAGEMENT = "evse_board_support/EnergyManagement";

  /** EVSE broken, needs repair */
  public static final String BSP_PERMANENT_FAULT = "evse_board_support/PermanentFault";

  /** ground fault interrupter tripped */
  public static final String BSP_MREC2_GROUND_FAILURE = "evse_board_support/MREC2GroundFailure";

  /** internal over-temperature derating */
  public static final String BSP_MREC3_HIGH_TEMPERATURE = "evse_board_support/MREC3HighTemperature";

  /** over-current protection tripped */
  public static final String BSP_MREC4_OVER_CURRENT_FAILURE = "evse_board_support/MREC4OverCurrentFailure";

  /** voltage to vehicle too high */
  public static final String BSP_MREC5_OVER_VOLTAGE = "evse_board_support/MREC5OverVoltage";

  /** voltage to vehicle too low */
  public static final String BSP_MREC6_UNDER_VOLTAGE = "evse_board_support/MREC6UnderVoltage";

  /** emergency stop pressed */
  public static final String BSP_MREC8_EMERGENCY_STOP = "evse_board_support/MREC8EmergencyStop";

  /** vehicle in invalid mode for charging */
  public static final String BSP_MREC10_INVALID_VEHICLE_MODE = "evse_board_support/MREC10InvalidVehicleMode";

  /** CP voltage out of range */
  public static final String BSP_MREC14_PILOT_FAULT = "evse_board_support/MREC14PilotFault";

  /** mains failure, no power */
  public static final String BSP_MREC15_POWER_LOSS = "evse_board_support/MREC15PowerLoss";

  /** contactor failed to open/close (incl. welding) */
  public static final String BSP_MREC17_EVSE_CONTACTOR_FAULT = "evse_board_support/MREC17EVSEContactorFault";

  /** cable/connector hot, derating */
  public static final String BSP_MREC18_CABLE_OVER_TEMP_DERATE = "evse_board_support/MREC18CableOverTempDerate";

  /** cable/connector hot, stopped */
  public static final String BSP_MREC19_CABLE_OVER_TEMP_STOP = "evse_board_support/MREC19CableOverTempStop";

  /** latch raised, plug not fully inserted */
  public static final String BSP_MREC20_PARTIAL_INSERTION = "evse_board_support/MREC20PartialInsertion";

  /** PP voltage out of range */
  public static final String BSP_MREC23_PROXIMITY_FAULT = "evse_board_support/MREC23ProximityFault";

  /** voltage present before/after charging */
  public static final String BSP_MREC24_CONNECTOR_VOLTAGE_HIGH = "evse_board_support/MREC24ConnectorVoltageHigh";

  /** connector latch broken */
  public static final String BSP_MREC25_BROKEN_LATCH = "evse_board_support/MREC25BrokenLatch";

  /** output cable severed */
  public static final String BSP_MREC26_CUT_CABLE = "evse_board_support/MREC26CutCable";

  /** EVSE tilted */
  public static final String BSP_TILT_DETECTED = "evse_board_support/TiltDetected";

  /** water inside EVSE */
  public static final String BSP_WATER_INGRESS_DETECTED = "evse_board_support/WaterIngressDetected";

  /** door/panel open */
  public static final String BSP_ENCLOSURE_OPEN = "evse_board_support/EnclosureOpen";

  /** vendor specific, stops charging */
  public static final String BSP_VENDOR_ERROR = "evse_board_support/VendorError";

  /** vendor specific, charging may continue */
  public static final String BSP_VENDOR_WARNING = "evse_board_support/VendorWarning";

  /** lost communication with hardware/driver */
  public static final String BSP_COMMUNICATION_FAULT = "evse_board_support/CommunicationFault";


  // --- ac_rcd ---

  /** RCD self test failed, device permanently broken */
  public static final String AC_RCD_SELFTEST = "ac_rcd/Selftest";

  /** RCD tripped on DC residual current */
  public static final String AC_RCD_DC = "ac_rcd/DC";

  /** RCD tripped on AC residual current */
  public static final String AC_RCD_AC = "ac_rcd/AC";

  /** MREC ground failure code (raise alongside DC/AC) */
  public static final String AC_RCD_MREC2_GROUND_FAILURE = "ac_rcd/MREC2GroundFailure";

  /** vendor specific, stops charging */
  public static final String AC_RCD_VENDOR_ERROR = "ac_rcd/VendorError";

  /** vendor specific, charging may continue */
  public static final String AC_RCD_VENDOR_WARNING = "ac_rcd/VendorWarning";


  // --- connector_lock ---

  /** lock motor capacitor did not charge in time */
  public static final String CONNECTOR_LOCK_CONNECTOR_LOCK_CAP_NOT_CHARGED = "connector_lock/ConnectorLockCapNotCharged";

  /** feedback open while it should be locked */
  public static final String CONNECTOR_LOCK_CONNECTOR_LOCK_UNEXPECTED_OPEN = "connector_lock/ConnectorLockUnexpectedOpen";

  /** feedback closed while it should be open */
  public static final String CONNECTOR_LOCK_CONNECTOR_LOCK_UNEXPECTED_CLOSE = "connector_lock/ConnectorLockUnexpectedClose";

  /** lock attempt failed */
  public static final String CONNECTOR_LOCK_CONNECTOR_LOCK_FAILED_LOCK = "connector_lock/ConnectorLockFailedLock";

  /** unlock attempt failed */
  public static final String CONNECTOR_LOCK_CONNECTOR_LOCK_FAILED_UNLOCK = "connector_lock/ConnectorLockFailedUnlock";

  /** generic MREC lock failure (EVSE side); raise alongside a detailed one */
  public static final String CONNECTOR_LOCK_MREC1_CONNECTOR_LOCK_FAILURE = "connector_lock/MREC1ConnectorLockFailure";

  /** vendor specific, stops charging */
  public static final String CONNECTOR_LOCK_VENDOR_ERROR = "connector_lock/VendorError";

  /** vendor specific, charging may continue */
  public static final String CONNECTOR_LOCK_VENDOR_WARNING = "connector_lock/VendorWarning";


  // --- isolation_monitor ---

  /** IMD no longer able to measure (actual isolation faults are reported as resistance values, not errors) */
  public static final String ISOLATION_MONITOR_DEVICE_FAULT = "isolation_monitor/DeviceFault";

  /** lost communication with IMD */
  public static final String ISOLATION_MONITOR_COMMUNICATION_FAULT = "isolation_monitor/CommunicationFault";

  /** vendor specific, stops charging */
  public static final String ISOLATION_MONITOR_VENDOR_ERROR = "isolation_monitor/VendorError";

  /** vendor specific, charging may continue */
  public static final String ISOLATION_MONITOR_VENDOR_WARNING = "isolation_monitor/VendorWarning";


  // --- over_voltage_monitor ---

  /** over-voltage shutdown happened (High = emergency, Table 103; Medium/Low = error shutdown, Table 104); latched until reset_over_voltage_error */
  public static final String OVER_VOLTAGE_MONITOR_MREC5_OVER_VOLTAGE = "over_voltage_monitor/MREC5OverVoltage";

  /** OVM device not functional */
  public static final String OVER_VOLTAGE_MONITOR_DEVICE_FAULT = "over_voltage_monitor/DeviceFault";

  /** lost communication with OVM */
  public static final String OVER_VOLTAGE_MONITOR_COMMUNICATION_FAULT = "over_voltage_monitor/CommunicationFault";

  /** vendor specific, stops charging */
  public static final String OVER_VOLTAGE_MONITOR_VENDOR_ERROR = "over_voltage_monitor/VendorError";

  /** vendor specific, charging may continue */
  public static final String OVER_VOLTAGE_MONITOR_VENDOR_WARNING = "over_voltage_monitor/VendorWarning";


  // --- power_supply_DC ---

  /** lost communication with PSU (cache last mode/setpoints, restore before clearing) */
  public static final String POWER_SUPPLY_DC_COMMUNICATION_FAULT = "power_supply_DC/CommunicationFault";

  /** PSU reports hardware fault */
  public static final String POWER_SUPPLY_DC_HARDWARE_FAULT = "power_supply_DC/HardwareFault";

  /** PSU shut down hot */
  public static final String POWER_SUPPLY_DC_OVER_TEMPERATURE = "power_supply_DC/OverTemperature";

  /** PSU too cold to run */
  public static final String POWER_SUPPLY_DC_UNDER_TEMPERATURE = "power_supply_DC/UnderTemperature";

  /** AC input too low */
  public static final String POWER_SUPPLY_DC_UNDER_VOLTAGE_AC = "power_supply_DC/UnderVoltageAC";

  /** AC input too high */
  public static final String POWER_SUPPLY_DC_OVER_VOLTAGE_AC = "power_supply_DC/OverVoltageAC";

  /** DC output too low */
  public static final String POWER_SUPPLY_DC_UNDER_VOLTAGE_DC = "power_supply_DC/UnderVoltageDC";

  /** DC output too high */
  public static final String POWER_SUPPLY_DC_OVER_VOLTAGE_DC = "power_supply_DC/OverVoltageDC";

  /** AC input current too high */
  public static final String POWER_SUPPLY_DC_OVER_CURRENT_AC = "power_supply_DC/OverCurrentAC";

  /** DC output current too high */
  public static final String POWER_SUPPLY_DC_OVER_CURRENT_DC = "power_supply_DC/OverCurrentDC";

  /** vendor specific, stops charging */
  public static final String POWER_SUPPLY_DC_VENDOR_ERROR = "power_supply_DC/VendorError";

  /** vendor specific, charging may continue (the only PSU error that does not stop) */
  public static final String POWER_SUPPLY_DC_VENDOR_WARNING = "power_supply_DC/VendorWarning";


  // --- generic ---

  /** lost communication with device */
  public static final String GENERIC_COMMUNICATION_FAULT = "generic/CommunicationFault";

  /** vendor specific error */
  public static final String GENERIC_VENDOR_ERROR = "generic/VendorError";

  /** vendor specific warning */
  public static final String GENERIC_VENDOR_WARNING = "generic/VendorWarning";

  /** All error types above. */
  public static final Set<String> ALL =
      Set.of(
          EVSE_MANAGER_INTERNAL,
          EVSE_MANAGER_MREC4_OVER_CURRENT_FAILURE,
          EVSE_MANAGER_MREC5_OVER_VOLTAGE,
          EVSE_MANAGER_MREC9_AUTHORIZATION_TIMEOUT,
          EVSE_MANAGER_POWERMETER_TRANSACTION_START_FAILED,
          EVSE_MANAGER_INOPERATIVE,
          EVSE_MANAGER_MREC22_RESISTANCE_FAULT,
          EVSE_MANAGER_MREC11_CABLE_CHECK_FAULT,
          EVSE_MANAGER_VOLTAGE_PLAUSIBILITY_FAULT,
          BSP_DIODE_FAULT,
          BSP_VENTILATION_NOT_AVAILABLE,
          BSP_BROWN_OUT,
          BSP_ENERGY_MANAGEMENT,
          BSP_PERMANENT_FAULT,
          BSP_MREC2_GROUND_FAILURE,
          BSP_MREC3_HIGH_TEMPERATURE,
          BSP_MREC4_OVER_CURRENT_FAILURE,
          BSP_MREC5_OVER_VOLTAGE,
          BSP_MREC6_UNDER_VOLTAGE,
          BSP_MREC8_EMERGENCY_STOP,
          BSP_MREC10_INVALID_VEHICLE_MODE,
          BSP_MREC14_PILOT_FAULT,
          BSP_MREC15_POWER_LOSS,
          BSP_MREC17_EVSE_CONTACTOR_FAULT,
          BSP_MREC18_CABLE_OVER_TEMP_DERATE,
          BSP_MREC19_CABLE_OVER_TEMP_STOP,
          BSP_MREC20_PARTIAL_INSERTION,
          BSP_MREC23_PROXIMITY_FAULT,
          BSP_MREC24_CONNECTOR_VOLTAGE_HIGH,
          BSP_MREC25_BROKEN_LATCH,
          BSP_MREC26_CUT_CABLE,
          BSP_TILT_DETECTED,
          BSP_WATER_INGRESS_DETECTED,
          BSP_ENCLOSURE_OPEN,
          BSP_VENDOR_ERROR,
          BSP_VENDOR_WARNING,
          BSP_COMMUNICATION_FAULT,
          AC_RCD_SELFTEST,
          AC_RCD_DC,
          AC_RCD_AC,
          AC_RCD_MREC2_GROUND_FAILURE,
          AC_RCD_VENDOR_ERROR,
          AC_RCD_VENDOR_WARNING,
          CONNECTOR_LOCK_CONNECTOR_LOCK_CAP_NOT_CHARGED,
          CONNECTOR_LOCK_CONNECTOR_LOCK_UNEXPECTED_OPEN,
          CONNECTOR_LOCK_CONNECTOR_LOCK_UNEXPECTED_CLOSE,
          CONNECTOR_LOCK_CONNECTOR_LOCK_FAILED_LOCK,
          CONNECTOR_LOCK_CONNECTOR_LOCK_FAILED_UNLOCK,
          CONNECTOR_LOCK_MREC1_CONNECTOR_LOCK_FAILURE,
          CONNECTOR_LOCK_VENDOR_ERROR,
          CONNECTOR_LOCK_VENDOR_WARNING,
          ISOLATION_MONITOR_DEVICE_FAULT,
          ISOLATION_MONITOR_COMMUNICATION_FAULT,
          ISOLATION_MONITOR_VENDOR_ERROR,
          ISOLATION_MONITOR_VENDOR_WARNING,
          OVER_VOLTAGE_MONITOR_MREC5_OVER_VOLTAGE,
          OVER_VOLTAGE_MONITOR_DEVICE_FAULT,
          OVER_VOLTAGE_MONITOR_COMMUNICATION_FAULT,
          OVER_VOLTAGE_MONITOR_VENDOR_ERROR,
          OVER_VOLTAGE_MONITOR_VENDOR_WARNING,
          POWER_SUPPLY_DC_COMMUNICATION_FAULT,
          POWER_SUPPLY_DC_HARDWARE_FAULT,
          POWER_SUPPLY_DC_OVER_TEMPERATURE,
          POWER_SUPPLY_DC_UNDER_TEMPERATURE,
          POWER_SUPPLY_DC_UNDER_VOLTAGE_AC,
          POWER_SUPPLY_DC_OVER_VOLTAGE_AC,
          POWER_SUPPLY_DC_UNDER_VOLTAGE_DC,
          POWER_SUPPLY_DC_OVER_VOLTAGE_DC,
          POWER_SUPPLY_DC_OVER_CURRENT_AC,
          POWER_SUPPLY_DC_OVER_CURRENT_DC,
          POWER_SUPPLY_DC_VENDOR_ERROR,
          POWER_SUPPLY_DC_VENDOR_WARNING,
          GENERIC_COMMUNICATION_FAULT,
          GENERIC_VENDOR_ERROR,
          GENERIC_VENDOR_WARNING);

  /** Whether {@code type} is one of {@link #ALL}. */
  public static boolean isKnown(String type) {
    return type != null && ALL.contains(type);
  }

  /** The namespace part of {@code namespace/Name} (empty if there is no slash). */
  public static String namespace(String type) {
    int i = type.indexOf('/');
    return i < 0 ? "" : type.substring(0, i);
  }

  /** The name part of {@code namespace/Name} (the whole string if there is no slash). */
  public static String name(String type) {
    int i = type.indexOf('/');
    return i < 0 ? type : type.substring(i + 1);
  }

  /** Joins a namespace and a bare name, e.g. {@code of("evse_board_support", "MREC14PilotFault")}. */
  public static String of(String namespace, String name) {
    return namespace + "/" + name;
  }
}
