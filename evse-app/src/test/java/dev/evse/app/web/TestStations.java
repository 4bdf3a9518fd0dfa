package dev.evse.app.web;

import dev.evse.app.SimulatedStation;
import dev.evse.app.config.AppConfig;
import dev.evse.app.config.EnergyOptions;
import dev.evse.app.config.SimulationOptions;
import dev.evse.core.EvseConfig;
import dev.evse.core.runtime.RealTimeLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.UnaryOperator;

/** Simulated stations in real time, without a car script or automatic authorization. */
final class TestStations implements AutoCloseable {
  final RealTimeLoopGroup loops = new RealTimeLoopGroup();
  final List<SimulatedStation> stations = new ArrayList<>();
  final List<DashboardStation> dashboardStations = new ArrayList<>();
  final List<Double> budgets = new java.util.concurrent.CopyOnWriteArrayList<>();

  TestStations(int count) {
    this(count, true);
  }

  TestStations(int count, boolean start) {
    for (int i = 1; i <= count; i++) {
      EvseConfig evse = new EvseConfig();
      evse.connectorId = i;
      SimulationOptions sim = new SimulationOptions();
      sim.script = "";
      sim.autoAuthorizeToken = "";
      sim.seed = i;
      EnergyOptions energy = new EnergyOptions();
      SimulatedStation station = new SimulatedStation(loops, new AppConfig.EvseEntry(evse, sim), energy,
          UnaryOperator.identity());
      stations.add(station);
      DoubleConsumer setter = amps -> {
        budgets.add(amps);
        energy.maxCurrentA = amps;
        station.evse().setMaxCurrent(amps, energy.validForS * 1000L);
      };
      dashboardStations.add(DashboardStation.of(station, setter));
      if (start) {
        station.start();
      }
    }
  }

  @Override
  public void close() {
    stations.forEach(SimulatedStation::stop);
    loops.close();
  }
}
