package dev.evse.app;

import dev.evse.app.config.EnergyOptions;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.Cancellable;

/**
 * Grants one EVSE a fixed current, renewed periodically with a limited validity, as EVerest's
 * EnergyManager does for a single charger. If this stops, the EVSE's budget expires and charging
 * pauses: the kernel never charges on a stale grant.
 */
public final class LocalEnergySupply {
  private final EvseManager evse;
  private final EnergyOptions options;
  private Cancellable timer = Cancellable.NONE;

  public LocalEnergySupply(EvseManager evse, EnergyOptions options) {
    this.evse = evse;
    this.options = options;
  }

  public void start() {
    grant();
    timer = evse.loop().every(options.updateIntervalMs, this::grant);
  }

  public void stop() {
    timer.cancel();
  }

  /** Changes the granted current from the next renewal on (and now). */
  public void setMaxCurrent(double amps) {
    evse.loop().post(() -> {
      options.maxCurrentA = amps;
      grant();
    });
  }

  private void grant() {
    evse.setMaxCurrent(options.maxCurrentA, options.validForS * 1000L);
  }
}
