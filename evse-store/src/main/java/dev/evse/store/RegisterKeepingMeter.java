package dev.evse.store;

import dev.evse.api.types.Energy;
import dev.evse.api.types.Powermeter;
import dev.evse.core.port.PowerMeterListener;

/**
 * Makes a meter without a register of its own (the simulated one starts at 0 Wh in every process)
 * behave like a real billing meter across restarts: its readings reach the kernel shifted by the
 * import register the store last saw for that EVSE, so the register never goes back.
 *
 * <pre>{@code
 * hardware.connect(evse, RegisterKeepingMeter.over(evse, store, connectorId), evse);
 * }</pre>
 */
public final class RegisterKeepingMeter implements PowerMeterListener {
  private final PowerMeterListener kernel;
  private final double offsetWh;

  public RegisterKeepingMeter(PowerMeterListener kernel, double offsetWh) {
    this.kernel = kernel;
    this.offsetWh = offsetWh;
  }

  /** Shifts by the latest reading stored for {@code evse} (0 Wh on a new database). */
  public static RegisterKeepingMeter over(PowerMeterListener kernel, SqliteStore store, int evse) {
    return new RegisterKeepingMeter(kernel,
        store.lastMeterValue(evse).map(p -> p.energyWhImport().total()).orElse(0.0));
  }

  @Override
  public void onPowermeter(Powermeter r) {
    Energy e = r.energyWhImport();
    kernel.onPowermeter(new Powermeter(r.timestamp(), r.meterId(), r.phaseSeqError(),
        new Energy(e.total() + offsetWh, e.l1(), e.l2(), e.l3()), r.energyWhExport(), r.powerW(), r.voltageV(),
        r.reactivePower(), r.currentA(), r.frequencyHz(), r.energyWhImportSigned(), r.energyWhExportSigned(),
        r.powerWSigned(), r.voltageVSigned(), r.reactivePowerSigned(), r.currentASigned(), r.frequencyHzSigned(),
        r.signedMeterValue(), r.temperatures()));
  }

  @Override
  public void onPublicKeyOcmf(String publicKey) {
    kernel.onPublicKeyOcmf(publicKey);
  }
}
