package dev.evse.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.BspEvent;
import dev.evse.api.types.CountDown;
import dev.evse.api.types.DcSupplyCapabilities;
import dev.evse.api.types.EVInfo;
import dev.evse.api.types.EnergyFlowRequest;
import dev.evse.api.types.EnergyTransferMode;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.Evse;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.HlcSessionFailedEvent;
import dev.evse.api.types.IsolationMeasurement;
import dev.evse.api.types.Limits;
import dev.evse.api.types.PlugAndChargeConfiguration;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;
import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import dev.evse.api.types.ValidationResult;
import dev.evse.api.types.VoltageCurrent;
import java.util.List;

/** Literal EVerest-style JSON payloads, written by hand, shared by the round-trip and schema tests. */
public final class WireExamples {
  private WireExamples() {}

  /**
   * One example payload.
   *
   * @param name what it shows
   * @param type the Java type it decodes to (a Class or a TypeReference)
   * @param schemaRef the EVerest type as {@code file#Type}, or null when EVerest has no type schema
   * @param array whether the payload is an array of {@code schemaRef} items
   * @param json the payload
   */
  public record Example(String name, Object type, String schemaRef, boolean array, String json) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String METER = """
      {"timestamp": "2024-05-06T09:51:28.123Z", "energy_Wh_import": {"total": 1200.0}}""";

  static final String SIGNED = """
      {"signed_meter_data": "OCMF|{\\"FV\\":\\"1.0\\",\\"RD\\":[{\\"RV\\":1.2}]}|{\\"SD\\":\\"3045\\"}",
       "signing_method": "ECDSA-secp256r1-SHA256", "encoding_method": "OCMF",
       "public_key": "3059301306072A8648CE3D020106082A8648CE3D030107034200",
       "timestamp": "2024-05-06T10:40:00.000Z"}""";

  static final String TOKEN = """
      {"id_token": {"value": "04A1B2C3D4E5F6", "type": "ISO14443"}, "authorization_type": "RFID"}""";

  /** All examples. */
  public static List<Example> all() {
    return List.of(
        new Example("SessionEvent SessionStarted", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "2f1c8a9e-5b7d-4c1e-9a3f-0d6e8b4c2a11", "timestamp": "2024-05-06T09:51:28.123Z",
             "connector_id": 1, "event": "SessionStarted",
             "session_started": {"reason": "Authorized", "id_tag": %s, "meter_value": %s,
                                 "reservation_id": 42, "logging_path": "/tmp/everest-logs/incomplete-2024-05-06"}}
            """.formatted(TOKEN, METER)),
        new Example("SessionEvent SessionStarted by plug-in", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "s-1", "timestamp": "2024-05-06T09:51:28.123Z", "event": "SessionStarted",
             "session_started": {"reason": "EVConnected", "meter_value": %s, "signed_meter_value": %s}}
            """.formatted(METER, SIGNED)),
        new Example("SessionEvent TransactionStarted", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "s-1", "timestamp": "2024-05-06T09:52:00.500Z", "event": "TransactionStarted",
             "transaction_started": {"id_tag": {"id_token": {"value": "EMP77TWTW99999", "type": "eMAID"},
                                                "authorization_type": "PlugAndCharge", "request_id": 7,
                                                "prevalidated": true},
                                     "meter_value": %s, "signed_meter_value": %s, "reservation_id": 3}}
            """.formatted(METER, SIGNED)),
        new Example("SessionEvent TransactionFinished", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "s-1", "timestamp": "2024-05-06T10:40:00.001Z", "event": "TransactionFinished",
             "transaction_finished": {"meter_value": {"timestamp": "2024-05-06T10:40:00.000Z",
                                                      "energy_Wh_import": {"total": 15234.25}},
                                      "start_signed_meter_value": %s, "signed_meter_value": %s,
                                      "reason": "DeAuthorized", "id_tag": %s}}
            """.formatted(SIGNED, SIGNED, TOKEN)),
        new Example("SessionEvent ChargingPausedEVSE", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "s-1", "timestamp": "2024-05-06T10:00:00.000Z", "event": "ChargingPausedEVSE",
             "charging_state_changed_event": {"meter_value": %s},
             "charging_paused_evse": {"reasons": ["UserPause", "NoEnergy"]}}
            """.formatted(METER)),
        new Example("SessionEvent Enabled", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "", "timestamp": "2024-05-06T08:00:00.000Z", "connector_id": 1, "event": "Enabled",
             "source": {"enable_source": "CSMS", "enable_state": "Enable", "enable_priority": 5000}}
            """),
        new Example("SessionEvent Authorized", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "s-1", "timestamp": "2024-05-06T09:51:30.000Z", "event": "Authorized",
             "authorization_event": {"meter_value": %s}}
            """.formatted(METER)),
        new Example("SessionEvent SessionFinished", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "s-1", "timestamp": "2024-05-06T10:41:00.000Z", "event": "SessionFinished",
             "session_finished": {"meter_value": %s}}
            """.formatted(METER)),
        new Example("SessionEvent AuthRequired", SessionEvent.class, "evse_manager#SessionEvent", false, """
            {"uuid": "s-1", "timestamp": "2024-05-06T09:51:28.200Z", "event": "AuthRequired"}
            """),
        new Example("Powermeter", Powermeter.class, "powermeter#Powermeter", false, """
            {"timestamp": "2024-05-06T09:51:28.123Z", "meter_id": "SIM-METER-1", "phase_seq_error": false,
             "energy_Wh_import": {"total": 12345.5, "L1": 4115.0, "L2": 4115.5, "L3": 4115.0},
             "energy_Wh_export": {"total": 0.0},
             "power_W": {"total": 11040.0, "L1": 3680.0, "L2": 3680.0, "L3": 3680.0},
             "voltage_V": {"L1": 230.1, "L2": 229.8, "L3": 230.4},
             "VAR": {"total": 12.5, "L1": 4.0},
             "current_A": {"L1": 16.0, "L2": 16.0, "L3": 15.9, "N": 0.2},
             "frequency_Hz": {"L1": 50.01, "L2": 50.0, "L3": 49.99},
             "energy_Wh_import_signed": {"total": %s},
             "power_W_signed": {"L1": %s},
             "signed_meter_value": %s,
             "temperatures": [{"temperature": 31.5, "identification": "T1", "location": "terminal block"},
                              {"temperature": -4.25}]}
            """.formatted(SIGNED, SIGNED, SIGNED)),
        new Example("Powermeter DC minimal", Powermeter.class, "powermeter#Powermeter", false, """
            {"timestamp": "2024-05-06T09:51:28+02:00", "energy_Wh_import": {"total": 0.0},
             "voltage_V": {"DC": 400.5}, "current_A": {"DC": -100.0}}
            """),
        new Example("ProvidedIdToken", ProvidedIdToken.class, "authorization#ProvidedIdToken", false, """
            {"request_id": 123, "id_token": {"value": "EMP77TWTW99999", "type": "eMAID",
                                             "additional_info": [{"value": "x", "type": "PlateNumber"}]},
             "parent_id_token": {"value": "GROUP1", "type": "Central"}, "authorization_type": "PlugAndCharge",
             "connectors": [1, 2], "prevalidated": false, "certificate": "-----BEGIN CERTIFICATE-----",
             "iso15118CertificateHashData": [{"hashAlgorithm": "SHA256", "issuerNameHash": "abc",
                                              "issuerKeyHash": "def", "serialNumber": "0A1B",
                                              "responderURL": "http://ocsp.example.org"}]}
            """),
        new Example("ValidationResult", ValidationResult.class, "authorization#ValidationResult", false, """
            {"authorization_status": "Accepted", "certificate_status": "Accepted",
             "tariff_messages": [{"content": "0.39 EUR/kWh", "format": "UTF8", "language": "en"}],
             "expiry_time": "2024-05-07T00:00:00.000Z", "parent_id_token": {"value": "GROUP1", "type": "Central"},
             "evse_ids": [1], "reservation_id": 4, "allowed_energy_transfer_modes": ["AC_three_phase_core", "DC"]}
            """),
        new Example("ValidationResult minimal", ValidationResult.class, "authorization#ValidationResult", false, """
            {"authorization_status": "Blocked", "tariff_messages": []}
            """),
        new Example("HardwareCapabilities", HardwareCapabilities.class, "evse_board_support#HardwareCapabilities", false, """
            {"max_current_A_import": 32.0, "min_current_A_import": 6.0, "max_phase_count_import": 3,
             "min_phase_count_import": 1, "max_current_A_export": 0.0, "min_current_A_export": 0.0,
             "max_phase_count_export": 3, "min_phase_count_export": 1,
             "supports_changing_phases_during_charging": true, "supports_cp_state_E": false,
             "max_plug_temperature_C": 90.0, "connector_type": "IEC62196Type2Socket"}
            """),
        new Example("Telemetry", Telemetry.class, "evse_board_support#Telemetry", false, """
            {"evse_temperature_C": 35.5, "plug_temperature_C": 41.0, "fan_rpm": 0.0,
             "supply_voltage_12V": 12.1, "supply_voltage_minus_12V": -11.9, "relais_on": true}
            """),
        new Example("Limits", Limits.class, "evse_manager#Limits", false, """
            {"uuid": "evse_manager_1", "max_current": 16.0, "nr_of_phases_available": 3}
            """),
        new Example("EVInfo", EVInfo.class, "evse_manager#EVInfo", false, """
            {"soc": 55.5, "present_voltage": 398.0, "present_current": 120.5, "target_voltage": 400.0,
             "target_current": 125.0, "maximum_current_limit": 200.0, "maximum_voltage_limit": 450.0,
             "maximum_power_limit": 80000.0, "estimated_time_full": "2024-05-06T11:00:00.000Z",
             "evcc_id": "ab:cd:ef:01:23:45", "battery_capacity": 77000.0, "battery_full_soc": 100.0,
             "battery_bulk_soc": 80.0, "ac_present_reactive_power": 0.0}
            """),
        new Example("Evse", Evse.class, "evse_manager#Evse", false, """
            {"id": 1, "connectors": [{"id": 1, "type": "cType2"}, {"id": 2, "type": "sCEE_7_7"}, {"id": 3}]}
            """),
        new Example("EnforcedLimits", EnforcedLimits.class, "energy#EnforcedLimits", false, """
            {"uuid": "evse_manager_1_energy", "valid_for": 10,
             "limits_root_side": {"total_power_W": {"value": 11000.0, "source": "EnergyManager"},
                                  "ac_max_current_A": {"value": 16.0, "source": "GridConnection"},
                                  "ac_max_phase_count": {"value": 3, "source": "EnergyManager"}},
             "schedule": [{"timestamp": "2024-05-06T10:00:00.000Z",
                           "limits_to_root": {"ac_max_current_A": {"value": -16.0, "source": "ocpp"}},
                           "price_per_kwh": {"timestamp": "2024-05-06T10:00:00.000Z", "value": 0.31,
                                             "currency": "EUR"}}]}
            """),
        new Example("EnergyFlowRequest", EnergyFlowRequest.class, "energy#EnergyFlowRequest", false, """
            {"children": [], "uuid": "evse_manager_1_energy", "node_type": "Evse", "priority_request": false,
             "evse_state": "Charging",
             "optimizer_target": {"energy_amount_needed": 20.0, "car_battery_soc": 40.0,
                                  "leave_time": "2024-05-06T17:00:00Z", "full_autonomy": false},
             "energy_usage_root": %s,
             "schedule_import": [{"timestamp": "2024-05-06T10:00:00.000Z",
                                  "limits_to_root": {"ac_max_current_A": {"value": 32.0, "source": "BSP"},
                                                     "ac_min_current_A": {"value": 6.0, "source": "BSP"},
                                                     "ac_max_phase_count": {"value": 3, "source": "BSP"},
                                                     "ac_min_phase_count": {"value": 1, "source": "BSP"},
                                                     "ac_supports_changing_phases_during_charging": true,
                                                     "ac_number_of_active_phases": 3},
                                  "limits_to_leaves": {"total_power_W": {"value": 22000.0, "source": "EVSE"}},
                                  "conversion_efficiency": 0.95}],
             "schedule_export": [],
             "schedule_setpoints": [{"timestamp": "2024-05-06T10:00:00.000Z",
                                     "setpoint": {"total_power_W": -3000.0, "priority": 10, "source": "HEMS",
                                                  "frequency_table": [{"frequency_Hz": 50.0, "total_power_W": 0.0},
                                                                      {"frequency_Hz": 50.2, "total_power_W": -1000.0}]}}]}
            """.formatted(METER)),
        new Example("BspEvent", BspEvent.class, "board_support_common#BspEvent", false, """
            {"event": "B"}
            """),
        new Example("BspEvent PowerOn", BspEvent.class, "board_support_common#BspEvent", false, """
            {"event": "PowerOn"}
            """),
        new Example("PowerOnOff", PowerOnOff.class, "evse_board_support#PowerOnOff", false, """
            {"allow_power_on": true, "reason": "FullPowerCharging"}
            """),
        new Example("StopTransactionRequest", StopTransactionRequest.class, "evse_manager#StopTransactionRequest", false, """
            {"reason": "Local", "id_tag": %s}
            """.formatted(TOKEN)),
        new Example("TransactionReq", TransactionReq.class, "powermeter#TransactionReq", false, """
            {"evse_id": "DE*PNX*E123456*1", "transaction_id": "2f1c8a9e-5b7d-4c1e-9a3f-0d6e8b4c2a11",
             "identification_status": "ASSIGNED", "identification_level": "HEARSAY",
             "identification_flags": ["RFID_PLAIN", "OCPP_AUTH"], "identification_type": "ISO14443",
             "identification_data": "04A1B2C3D4E5F6", "tariff_text": "0.39 EUR/kWh"}
            """),
        new Example("TransactionStartResponse", TransactionStartResponse.class, "powermeter#TransactionStartResponse", false, """
            {"status": "OK", "transaction_min_stop_time": "2024-05-06T09:53:00.000Z",
             "transaction_max_stop_time": "2024-05-07T09:52:00.000Z"}
            """),
        new Example("TransactionStopResponse", TransactionStopResponse.class, "powermeter#TransactionStopResponse", false, """
            {"status": "UNEXPECTED_ERROR", "error": "meter busy", "start_signed_meter_value": %s,
             "signed_meter_value": %s}
            """.formatted(SIGNED, SIGNED)),
        new Example("HlcSessionFailedEvent", HlcSessionFailedEvent.class, "evse_manager#HlcSessionFailedEvent", false, """
            {"uuid": "s-1", "reason": "FailedTLSHandshake"}
            """),
        new Example("PlugAndChargeConfiguration", PlugAndChargeConfiguration.class, "evse_manager#PlugAndChargeConfiguration", false, """
            {"pnc_enabled": true, "contract_certificate_installation_enabled": false}
            """),
        new Example("DcSupplyCapabilities", DcSupplyCapabilities.class, "power_supply_DC#Capabilities", false, """
            {"bidirectional": true, "current_regulation_tolerance_A": 1.0, "peak_current_ripple_A": 0.5,
             "max_export_voltage_V": 1000.0, "min_export_voltage_V": 150.0, "max_export_current_A": 200.0,
             "min_export_current_A": 0.0, "max_export_power_W": 150000.0, "max_import_voltage_V": 1000.0,
             "max_import_current_A": 100.0, "conversion_efficiency_export": 0.96}
            """),
        new Example("VoltageCurrent", VoltageCurrent.class, "power_supply_DC#VoltageCurrent", false, """
            {"voltage_V": 400.0, "current_A": 99.5}
            """),
        new Example("IsolationMeasurement", IsolationMeasurement.class, "isolation_monitor#IsolationMeasurement", false, """
            {"resistance_F_Ohm": 1200000.0, "voltage_V": 500.0}
            """),
        new Example("CountDown", CountDown.class, "uk_random_delay#CountDown", false, """
            {"countdown_s": 300, "current_limit_after_delay_A": 32.0, "current_limit_during_delay_A": 0.0,
             "start_time": "2024-05-06T09:51:28.123Z"}
            """),
        new Example("supported_energy_transfer_modes", new TypeReference<List<EnergyTransferMode>>() {},
            "iso15118#EnergyTransferMode", true, """
            ["AC_single_phase_core", "AC_three_phase_core", "DC_extended", "MCS_BPT"]
            """),
        new Example("RaisedError framework", RaisedError.class, null, false, """
            {"type": "evse_manager/Inoperative", "sub_type": "", "description": "MREC14PilotFault",
             "message": "evse_board_support/MREC14PilotFault",
             "origin": {"module_id": "evse_manager_1", "implementation_id": "evse",
                        "mapping": {"evse": 1, "connector": 1}},
             "vendor_id": "EVerest", "severity": "High", "timestamp": "2024-05-06T09:51:28.123Z",
             "uuid": "7e3b1f0c-2d4a-4b8e-9c1d-5f6a7b8c9d0e", "state": "Active"}
            """),
        new Example("RaisedError minimal", RaisedError.class, null, false, """
            {"type": "evse_board_support/VendorWarning", "sub_type": "FAN", "description": "",
             "message": "fan slow", "vendor_id": "acme", "severity": "Low"}
            """));
  }
}
