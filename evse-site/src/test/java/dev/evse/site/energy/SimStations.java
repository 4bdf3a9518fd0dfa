package dev.evse.site.energy;

import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.EventLoop;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * {@link SiteSimulation.Station}s on evse-sim's simulated hardware. (evse-site does not depend on
 * evse-sim outside its tests; the application, which has both, can use a copy of this class.)
 */
final class SimStations {
  private SimStations() {}

  static SiteSimulation.StationFactory factory() {
    return factory(i -> SimulationConfig.builder().ocmfKeySeed(i).build());
  }

  static SiteSimulation.StationFactory factory(IntFunction<SimulationConfig> sim) {
    return (loop, config, index) -> station(loop, config, sim.apply(index), index);
  }

  /** The simulated hardware behind a station, for tests that look inside. */
  interface SimStation extends SiteSimulation.Station {
    SimulatedHardware hardware();
  }

  static SimStation station(EventLoop loop, EvseConfig config, SimulationConfig sim, int index) {
    SimulatedHardware hw = new SimulatedHardware(loop, sim.toBuilder().nominalVoltageV(config.acNominalVoltage).build());
    EvseManager evse = EvseManager.builder(loop, hw.board())
        .config(config)
        .connectorLock(hw.lock())
        .powerMeter(hw.meter())
        .random(new Random(index))
        .build();
    hw.connect(evse, evse, evse);
    return new SimStation() {
      @Override
      public EvseManager evse() {
        return evse;
      }

      @Override
      public double[] lineCurrentsA() {
        return hw.board().lineCurrentsA();
      }

      @Override
      public void start() {
        hw.start();
        evse.start();
      }

      @Override
      public void runScript(String script) {
        loop.post(() -> hw.car().execute(script));
      }

      @Override
      public SimulatedHardware hardware() {
        return hw;
      }
    };
  }
}
