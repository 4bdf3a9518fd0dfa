package dev.evse.app;

import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.EventLoop;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import dev.evse.site.energy.SiteSimulation;
import java.util.Random;

/** EVSEs of a simulated site ({@code evse simulate --evses N}) on evse-sim's hardware. */
public final class SimulatedSiteStations {
  private SimulatedSiteStations() {}

  static SiteSimulation.StationFactory factory() {
    return (loop, config, index) -> station(loop, config, index);
  }

  private static SiteSimulation.Station station(EventLoop loop, EvseConfig config, int index) {
    SimulatedHardware hw = new SimulatedHardware(loop, SimulationConfig.builder().ocmfKeySeed(index)
        .nominalVoltageV(config.acNominalVoltage).build());
    EvseManager evse = EvseManager.builder(loop, hw.board())
        .config(config)
        .connectorLock(hw.lock())
        .powerMeter(hw.meter())
        .random(new Random(index))
        .build();
    hw.connect(evse, evse, evse);
    return new SiteSimulation.Station() {
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
    };
  }

  /** Runs the site and prints what each EVSE was granted and drew, second by second. */
  public static int runSite(java.io.PrintStream out, int evses, double gridA, String script, String token,
      java.time.Duration duration) {
    SiteSimulation.Result r = SiteSimulation.builder(factory())
        .evses(evses)
        .grid(gridA)
        .scripts(i -> "sleep " + (1 + 30 * i) + ";" + script) // cars arrive 30 s apart
        .token(token)
        .run(duration);
    StringBuilder table = new StringBuilder();
    r.print(table);
    out.print(table);
    out.printf(java.util.Locale.ROOT, "site: %d EVSEs on %.0f A x 3; peak drawn per phase %s; fuse %s%n", evses,
        gridA, r.peakDrawnA(), r.fuseRespected() ? "respected at every instant" : "EXCEEDED");
    return r.fuseRespected() ? 0 : 1;
  }
}
