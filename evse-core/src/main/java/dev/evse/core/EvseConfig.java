package dev.evse.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.core.charger.SessionIdType;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of one EVSE manager, with EVerest's manifest names and defaults (spec 9). Options that
 * only concern ISO 15118 or DC are accepted so an EVerest config loads unchanged; this kernel
 * charges AC basic (IEC 61851-1) and ignores them.
 */
public final class EvseConfig {
  @JsonProperty("connector_id") public int connectorId = 1;
  @JsonProperty("connector_type") public ConnectorTypeEnum connectorType = ConnectorTypeEnum.Unknown;
  @JsonProperty("evse_id") public String evseId = "DE*PNX*E1234567*1";
  @JsonProperty("evse_id_din") public String evseIdDin = "49A80737A45678";
  @JsonProperty("payment_enable_eim") public boolean paymentEnableEim = true;
  @JsonProperty("payment_enable_contract") public boolean paymentEnableContract = true;
  @JsonProperty("ac_nominal_voltage") public double acNominalVoltage = 230.0;
  @JsonProperty("ev_receipt_required") public boolean evReceiptRequired = false;
  @JsonProperty("session_logging") public boolean sessionLogging = false;
  @JsonProperty("session_logging_path") public String sessionLoggingPath = "/tmp";
  @JsonProperty("session_logging_xml") public boolean sessionLoggingXml = true;
  @JsonProperty("has_ventilation") public boolean hasVentilation = true;
  @JsonProperty("charge_mode") public String chargeMode = "AC";
  @JsonProperty("supported_iso_ac_bpt") public boolean supportedIsoAcBpt = false;
  @JsonProperty("ac_hlc_enabled") public boolean acHlcEnabled = false;
  @JsonProperty("ac_hlc_use_5percent") public boolean acHlcUse5percent = true;
  @JsonProperty("ac_enforce_hlc") public boolean acEnforceHlc = false;
  @JsonProperty("ac_with_soc") public boolean acWithSoc = false;
  @JsonProperty("internal_over_voltage_duration_ms") public int internalOverVoltageDurationMs = 400;
  @JsonProperty("dbg_hlc_auth_after_tstep") public boolean dbgHlcAuthAfterTstep = false;
  @JsonProperty("dc_isolation_voltage_V") public int dcIsolationVoltageV = 0;
  @JsonProperty("cable_check_wait_number_of_imd_measurements") public int cableCheckWaitNumberOfImdMeasurements = 1;
  @JsonProperty("cable_check_enable_imd_self_test") public boolean cableCheckEnableImdSelfTest = true;
  @JsonProperty("cable_check_enable_imd_self_test_relays_open") public boolean cableCheckEnableImdSelfTestRelaysOpen = false;
  @JsonProperty("cable_check_relays_open_voltage_V") public double cableCheckRelaysOpenVoltageV = 48;
  @JsonProperty("cable_check_relays_closed_timeout_s") public int cableCheckRelaysClosedTimeoutS = 5;
  @JsonProperty("cable_check_wait_below_60V_before_finish") public boolean cableCheckWaitBelow60VBeforeFinish = true;
  @JsonProperty("hack_skoda_enyaq") public boolean hackSkodaEnyaq = false;
  @JsonProperty("hack_present_current_offset") public int hackPresentCurrentOffset = 0;
  @JsonProperty("hack_pause_imd_during_precharge") public boolean hackPauseImdDuringPrecharge = false;
  @JsonProperty("hack_allow_bpt_with_iso2") public boolean hackAllowBptWithIso2 = false;
  @JsonProperty("hack_simplified_mode_limit_10A") public boolean hackSimplifiedModeLimit10A = false;
  @JsonProperty("autocharge_use_slac_instead_of_hlc") public boolean autochargeUseSlacInsteadOfHlc = false;
  @JsonProperty("enable_autocharge") public boolean enableAutocharge = false;
  @JsonProperty("logfile_suffix") public String logfileSuffix = "session_uuid";
  @JsonProperty("soft_over_current_tolerance_percent") public double softOverCurrentTolerancePercent = 10.0;
  @JsonProperty("soft_over_current_measurement_noise_A") public double softOverCurrentMeasurementNoiseA = 0.5;
  @JsonProperty("hack_fix_hlc_integer_current_requests") public boolean hackFixHlcIntegerCurrentRequests = false;
  @JsonProperty("disable_authentication") public boolean disableAuthentication = false;
  @JsonProperty("sae_j2847_2_bpt_enabled") public boolean saeJ28472BptEnabled = false;
  @JsonProperty("sae_j2847_2_bpt_mode") public String saeJ28472BptMode = "V2G";
  @JsonProperty("request_zero_power_in_idle") public boolean requestZeroPowerInIdle = false;
  @JsonProperty("external_ready_to_start_charging") public boolean externalReadyToStartCharging = false;
  @JsonProperty("uk_smartcharging_random_delay_enable") public boolean ukSmartchargingRandomDelayEnable = false;
  @JsonProperty("uk_smartcharging_random_delay_max_duration") public int ukSmartchargingRandomDelayMaxDuration = 600;
  @JsonProperty("uk_smartcharging_random_delay_at_any_change") public boolean ukSmartchargingRandomDelayAtAnyChange = true;
  @JsonProperty("initial_meter_value_timeout_ms") public int initialMeterValueTimeoutMs = 5000;
  @JsonProperty("switch_3ph1ph_delay_s") public int switch3ph1phDelayS = 10;
  @JsonProperty("switch_3ph1ph_cp_state") public String switch3ph1phCpState = "X1";
  @JsonProperty("soft_over_current_timeout_ms") public int softOverCurrentTimeoutMs = 7000;
  @JsonProperty("lock_connector_in_state_b") public boolean lockConnectorInStateB = true;
  @JsonProperty("state_F_after_fault_ms") public int stateFAfterFaultMs = 300;
  @JsonProperty("fail_on_powermeter_errors") public boolean failOnPowermeterErrors = true;
  @JsonProperty("raise_mrec9") public boolean raiseMrec9 = false;
  @JsonProperty("sleep_before_enabling_pwm_hlc_mode_ms") public int sleepBeforeEnablingPwmHlcModeMs = 500;
  @JsonProperty("central_contract_validation_allowed") public boolean centralContractValidationAllowed = false;
  @JsonProperty("contract_certificate_installation_enabled") public boolean contractCertificateInstallationEnabled = true;
  @JsonProperty("inoperative_error_use_vendor_id") public boolean inoperativeErrorUseVendorId = false;
  @JsonProperty("voltage_plausibility_max_spread_threshold_V") public double voltagePlausibilityMaxSpreadThresholdV = 50.0;
  @JsonProperty("voltage_plausibility_fault_duration_ms") public int voltagePlausibilityFaultDurationMs = 30000;
  @JsonProperty("session_id_type") public SessionIdType sessionIdType = SessionIdType.UUID;
  @JsonProperty("zero_power_ignore_pause") public boolean zeroPowerIgnorePause = true;
  @JsonProperty("zero_power_allow_ev_to_ignore_pause") public boolean zeroPowerAllowEvToIgnorePause = false;
  @JsonProperty("bpt_channel") public String bptChannel = "None";
  @JsonProperty("bpt_generator_mode") public String bptGeneratorMode = "None";
  @JsonProperty("bpt_grid_code_island_method") public String bptGridCodeIslandMethod = "None";
  @JsonProperty("hlc_charge_loop_without_energy_timeout_s") public int hlcChargeLoopWithoutEnergyTimeoutS = 5;
  @JsonProperty("dc_ramp_ampere_per_second") public int dcRampAmperePerSecond = 25;

  /** Every option problem found, one message each; empty when the config is usable. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (connectorId < 1 || connectorId > 128) {
      p.add("connector_id: " + connectorId + " is outside 1..128");
    }
    if (!"AC".equals(chargeMode)) {
      p.add("charge_mode: " + chargeMode + " is not supported (this kernel charges AC)");
    }
    if (!(acNominalVoltage > 0 && acNominalVoltage <= 1000)) {
      p.add("ac_nominal_voltage: " + acNominalVoltage + " is outside (0, 1000] V");
    }
    if (softOverCurrentTimeoutMs < 6000) {
      p.add("soft_over_current_timeout_ms: " + softOverCurrentTimeoutMs + " is below the minimum 6000");
    }
    if (!"X1".equals(switch3ph1phCpState) && !"F".equals(switch3ph1phCpState)) {
      p.add("switch_3ph1ph_cp_state: " + switch3ph1phCpState + " must be X1 or F");
    }
    if (stateFAfterFaultMs < 0 || switch3ph1phDelayS < 0 || initialMeterValueTimeoutMs < 0) {
      p.add("durations must not be negative");
    }
    if (softOverCurrentTolerancePercent < 0 || softOverCurrentMeasurementNoiseA < 0) {
      p.add("soft over-current tolerance and noise must not be negative");
    }
    if (evseId == null || evseId.isBlank()) {
      p.add("evse_id: must not be empty");
    }
    return p;
  }
}
