package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.codec.Rfc3339;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One meter sample (var {@code powermeter}, {@code meter_value} of session events): energy in Wh
 * (meter registers), power in W (+ import, - export), voltage in V, current in A, frequency in Hz.
 */
@EverestType(file = "powermeter", name = "Powermeter")
public record Powermeter(
    @JsonProperty(value = "timestamp", required = true) String timestamp,
    @JsonProperty("meter_id") Optional<String> meterId,
    @JsonProperty("phase_seq_error") Optional<Boolean> phaseSeqError,
    @JsonProperty(value = "energy_Wh_import", required = true) Energy energyWhImport,
    @JsonProperty("energy_Wh_export") Optional<Energy> energyWhExport,
    @JsonProperty("power_W") Optional<Power> powerW,
    @JsonProperty("voltage_V") Optional<Voltage> voltageV,
    @JsonProperty("VAR") Optional<ReactivePower> reactivePower,
    @JsonProperty("current_A") Optional<Current> currentA,
    @JsonProperty("frequency_Hz") Optional<Frequency> frequencyHz,
    @JsonProperty("energy_Wh_import_signed") Optional<SignedEnergy> energyWhImportSigned,
    @JsonProperty("energy_Wh_export_signed") Optional<SignedEnergy> energyWhExportSigned,
    @JsonProperty("power_W_signed") Optional<SignedPower> powerWSigned,
    @JsonProperty("voltage_V_signed") Optional<SignedVoltage> voltageVSigned,
    @JsonProperty("VAR_signed") Optional<SignedReactivePower> reactivePowerSigned,
    @JsonProperty("current_A_signed") Optional<SignedCurrent> currentASigned,
    @JsonProperty("frequency_Hz_signed") Optional<SignedFrequency> frequencyHzSigned,
    @JsonProperty("signed_meter_value") Optional<SignedMeterValue> signedMeterValue,
    @JsonProperty("temperatures") Optional<List<Temperature>> temperatures) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public Powermeter {
    timestamp = WireChecks.timestamp("timestamp", timestamp);
    meterId = WireChecks.optional(meterId);
    phaseSeqError = WireChecks.optional(phaseSeqError);
    WireChecks.require("energy_Wh_import", energyWhImport);
    energyWhExport = WireChecks.optional(energyWhExport);
    powerW = WireChecks.optional(powerW);
    voltageV = WireChecks.optional(voltageV);
    reactivePower = WireChecks.optional(reactivePower);
    currentA = WireChecks.optional(currentA);
    frequencyHz = WireChecks.optional(frequencyHz);
    energyWhImportSigned = WireChecks.optional(energyWhImportSigned);
    energyWhExportSigned = WireChecks.optional(energyWhExportSigned);
    powerWSigned = WireChecks.optional(powerWSigned);
    voltageVSigned = WireChecks.optional(voltageVSigned);
    reactivePowerSigned = WireChecks.optional(reactivePowerSigned);
    currentASigned = WireChecks.optional(currentASigned);
    frequencyHzSigned = WireChecks.optional(frequencyHzSigned);
    signedMeterValue = WireChecks.optional(signedMeterValue);
    temperatures = WireChecks.optionalList("temperatures", temperatures);
  }

  /** A minimal sample: RFC 3339 timestamp and the imported-energy register in Wh. */
  public static Powermeter of(String timestamp, double energyWhImport) {
    return new Powermeter(
        timestamp,
        Optional.empty(),
        Optional.empty(),
        Energy.of(energyWhImport),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** A minimal sample taken at {@code timestamp} with the imported-energy register in Wh. */
  public static Powermeter of(Instant timestamp, double energyWhImport) {
    return of(Rfc3339.format(timestamp), energyWhImport);
  }
}
