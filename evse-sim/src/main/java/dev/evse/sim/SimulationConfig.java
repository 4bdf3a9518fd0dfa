package dev.evse.sim;

import dev.evse.api.types.BspConnectorType;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Settings of the simulated hardware. {@link #defaults()} gives a Yeti-like AC board (32 A / 6 A
 * import, 1..3 phases, 16 A export, phase switching, no CP state E, fixed cable), a 230 V meter
 * and a car of 16 A three-phase with 30 % SoC. Change single values with {@link #toBuilder()}.
 *
 * @param maxCurrentImportA capability {@code max_current_A_import}
 * @param minCurrentImportA capability {@code min_current_A_import}
 * @param maxPhaseCountImport capability {@code max_phase_count_import}
 * @param minPhaseCountImport capability {@code min_phase_count_import}
 * @param maxCurrentExportA capability {@code max_current_A_export}
 * @param minCurrentExportA capability {@code min_current_A_export}
 * @param maxPhaseCountExport capability {@code max_phase_count_export}
 * @param minPhaseCountExport capability {@code min_phase_count_export}
 * @param supportsChangingPhasesDuringCharging capability of the same name
 * @param supportsCpStateE capability {@code supports_cp_state_E}
 * @param connectorType capability {@code connector_type}
 * @param nominalVoltageV phase-to-neutral voltage used by the meter
 * @param meterId {@code meter_id} of the readings
 * @param ocmfKeySeed seed for the meter's signing key (same seed, same key and signatures); empty = random key
 * @param resetEnergyOnPlugin reset the meter register to 0 on CP A→B, as EVerest's Yeti simulator does (default false: a billing register never goes back)
 * @param rcdTripMilliamps residual current above which {@code ac_rcd/DC} is raised
 * @param carMaxCurrentA the car's max current before any {@code draw_power_*} command
 * @param carThreePhases whether the car draws on three phases before any {@code draw_power_*}
 * @param carSocPercent the car's initial state of charge
 * @param carAutoExec run {@link #carAutoExecCommands} when the simulation starts
 * @param carAutoExecCommands the script run at start when {@link #carAutoExec}
 * @param carAutoExecInfinite restart a finished script
 * @param pluginCommands what the {@code plugin} command turns the script into
 */
public record SimulationConfig(
    double maxCurrentImportA,
    double minCurrentImportA,
    int maxPhaseCountImport,
    int minPhaseCountImport,
    double maxCurrentExportA,
    double minCurrentExportA,
    int maxPhaseCountExport,
    int minPhaseCountExport,
    boolean supportsChangingPhasesDuringCharging,
    boolean supportsCpStateE,
    BspConnectorType connectorType,
    double nominalVoltageV,
    String meterId,
    OptionalLong ocmfKeySeed,
    boolean resetEnergyOnPlugin,
    double rcdTripMilliamps,
    double carMaxCurrentA,
    boolean carThreePhases,
    double carSocPercent,
    boolean carAutoExec,
    String carAutoExecCommands,
    boolean carAutoExecInfinite,
    String pluginCommands) {

  /** EVerest's SIL default charging script. */
  public static final String SIL_DEFAULT_SCRIPT =
      "sleep 1;iec_wait_pwr_ready;sleep 1;draw_power_regulated 16,3;sleep 30;unplug";

  public SimulationConfig {
    Objects.requireNonNull(connectorType, "connectorType");
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(ocmfKeySeed, "ocmfKeySeed");
    Objects.requireNonNull(carAutoExecCommands, "carAutoExecCommands");
    Objects.requireNonNull(pluginCommands, "pluginCommands");
    checkPhases("import", minPhaseCountImport, maxPhaseCountImport);
    checkPhases("export", minPhaseCountExport, maxPhaseCountExport);
    if (!(nominalVoltageV > 0)) {
      throw new IllegalArgumentException("nominalVoltageV must be > 0: " + nominalVoltageV);
    }
    if (carSocPercent < 0 || carSocPercent > 100) {
      throw new IllegalArgumentException("carSocPercent must be in 0..100: " + carSocPercent);
    }
    // Fail early on scripts that could never run.
    ScriptParser.parse(carAutoExecCommands);
    boolean recursive =
        ScriptParser.parse(pluginCommands).stream().anyMatch(c -> c.type() == ScriptCommandType.PLUGIN);
    if (recursive) {
      throw new IllegalArgumentException("pluginCommands must not contain 'plugin' itself: " + pluginCommands);
    }
  }

  private static void checkPhases(String what, int min, int max) {
    if (min < 1 || max > 3 || min > max) {
      throw new IllegalArgumentException(what + " phase counts must satisfy 1 <= min <= max <= 3: " + min + ".." + max);
    }
  }

  public static SimulationConfig defaults() {
    return new Builder().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; start from {@link SimulationConfig#builder()} (defaults) or {@link #toBuilder()}. */
  public static final class Builder {
    private double maxCurrentImportA = 32;
    private double minCurrentImportA = 6;
    private int maxPhaseCountImport = 3;
    private int minPhaseCountImport = 1;
    private double maxCurrentExportA = 16;
    private double minCurrentExportA = 0;
    private int maxPhaseCountExport = 3;
    private int minPhaseCountExport = 1;
    private boolean supportsChangingPhasesDuringCharging = true;
    private boolean supportsCpStateE = false;
    private BspConnectorType connectorType = BspConnectorType.IEC62196Type2Cable;
    private double nominalVoltageV = 230;
    private String meterId = "SIM-METER-1";
    private OptionalLong ocmfKeySeed = OptionalLong.empty();
    private boolean resetEnergyOnPlugin = false;
    private double rcdTripMilliamps = 5;
    private double carMaxCurrentA = 16;
    private boolean carThreePhases = true;
    private double carSocPercent = 30;
    private boolean carAutoExec = false;
    private String carAutoExecCommands = "";
    private boolean carAutoExecInfinite = false;
    private String pluginCommands = SIL_DEFAULT_SCRIPT;

    private Builder() {}

    private Builder(SimulationConfig c) {
      maxCurrentImportA = c.maxCurrentImportA;
      minCurrentImportA = c.minCurrentImportA;
      maxPhaseCountImport = c.maxPhaseCountImport;
      minPhaseCountImport = c.minPhaseCountImport;
      maxCurrentExportA = c.maxCurrentExportA;
      minCurrentExportA = c.minCurrentExportA;
      maxPhaseCountExport = c.maxPhaseCountExport;
      minPhaseCountExport = c.minPhaseCountExport;
      supportsChangingPhasesDuringCharging = c.supportsChangingPhasesDuringCharging;
      supportsCpStateE = c.supportsCpStateE;
      connectorType = c.connectorType;
      nominalVoltageV = c.nominalVoltageV;
      meterId = c.meterId;
      ocmfKeySeed = c.ocmfKeySeed;
      resetEnergyOnPlugin = c.resetEnergyOnPlugin;
      rcdTripMilliamps = c.rcdTripMilliamps;
      carMaxCurrentA = c.carMaxCurrentA;
      carThreePhases = c.carThreePhases;
      carSocPercent = c.carSocPercent;
      carAutoExec = c.carAutoExec;
      carAutoExecCommands = c.carAutoExecCommands;
      carAutoExecInfinite = c.carAutoExecInfinite;
      pluginCommands = c.pluginCommands;
    }

    public Builder maxCurrentImportA(double v) { maxCurrentImportA = v; return this; }
    public Builder minCurrentImportA(double v) { minCurrentImportA = v; return this; }
    public Builder maxPhaseCountImport(int v) { maxPhaseCountImport = v; return this; }
    public Builder minPhaseCountImport(int v) { minPhaseCountImport = v; return this; }
    public Builder maxCurrentExportA(double v) { maxCurrentExportA = v; return this; }
    public Builder minCurrentExportA(double v) { minCurrentExportA = v; return this; }
    public Builder maxPhaseCountExport(int v) { maxPhaseCountExport = v; return this; }
    public Builder minPhaseCountExport(int v) { minPhaseCountExport = v; return this; }
    public Builder supportsChangingPhasesDuringCharging(boolean v) { supportsChangingPhasesDuringCharging = v; return this; }
    public Builder supportsCpStateE(boolean v) { supportsCpStateE = v; return this; }
    public Builder connectorType(BspConnectorType v) { connectorType = v; return this; }
    public Builder nominalVoltageV(double v) { nominalVoltageV = v; return this; }
    public Builder meterId(String v) { meterId = v; return this; }
    public Builder ocmfKeySeed(long seed) { ocmfKeySeed = OptionalLong.of(seed); return this; }
    public Builder randomOcmfKey() { ocmfKeySeed = OptionalLong.empty(); return this; }
    public Builder resetEnergyOnPlugin(boolean v) { resetEnergyOnPlugin = v; return this; }
    public Builder rcdTripMilliamps(double v) { rcdTripMilliamps = v; return this; }
    public Builder carMaxCurrentA(double v) { carMaxCurrentA = v; return this; }
    public Builder carThreePhases(boolean v) { carThreePhases = v; return this; }
    public Builder carSocPercent(double v) { carSocPercent = v; return this; }
    public Builder carAutoExec(boolean v) { carAutoExec = v; return this; }
    public Builder carAutoExecCommands(String v) { carAutoExecCommands = v; return this; }
    public Builder carAutoExecInfinite(boolean v) { carAutoExecInfinite = v; return this; }
    public Builder pluginCommands(String v) { pluginCommands = v; return this; }

    public SimulationConfig build() {
      return new SimulationConfig(
          maxCurrentImportA, minCurrentImportA, maxPhaseCountImport, minPhaseCountImport,
          maxCurrentExportA, minCurrentExportA, maxPhaseCountExport, minPhaseCountExport,
          supportsChangingPhasesDuringCharging, supportsCpStateE, connectorType, nominalVoltageV,
          meterId, ocmfKeySeed, resetEnergyOnPlugin, rcdTripMilliamps, carMaxCurrentA,
          carThreePhases, carSocPercent, carAutoExec, carAutoExecCommands, carAutoExecInfinite,
          pluginCommands);
    }
  }
}
