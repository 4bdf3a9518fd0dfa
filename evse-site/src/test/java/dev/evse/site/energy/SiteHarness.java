package dev.evse.site.energy;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.Limits;
import dev.evse.core.EvseConfig;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import dev.evse.sim.SimulationConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * EVSE managers on simulated hardware sharing one grid connection through an {@link
 * EnergyManager}, all on one virtual timeline. {@link #run} advances instant by instant and,
 * after every instant, checks: the current the cars draw on each grid phase is within the fuse,
 * and within the limit in force 11 s earlier (a lowered limit is followed within the release
 * delay plus one round); the sum of the EVSEs' own {@code limits} (what each kernel allows its
 * car) is within the fuse. After every decision: granted within the limits in force, what may
 * still flow within the fuse.
 */
final class SiteHarness implements AutoCloseable {
  private static final double TOL = 1e-6;

  static {
    QuietLogs.apply();
  }

  final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
  final EnergyConfig config;
  final EnergyManager energy;
  final List<SimStations.SimStation> stations = new ArrayList<>();
  final List<Integer> offsets = new ArrayList<>();
  final Limits[] kernelLimits;
  final List<EnergyDecision> decisions = new ArrayList<>();
  final double[] peakDrawn = new double[3];
  final double[] peakKernelLimits = new double[3];
  private final ArrayDeque<double[]> capHistory = new ArrayDeque<>();
  long instants;

  SiteHarness(EnergyConfig config, int evses, IntFunction<SimulationConfig> sim) {
    this.config = config;
    this.energy = new EnergyManager(time.newLoop("energy"), config);
    kernelLimits = new Limits[evses];
    for (int i = 0; i < evses; i++) {
      EvseConfig c = new EvseConfig();
      c.connectorId = i + 1;
      SimStations.SimStation st = SimStations.station(time.newLoop("evse-" + (i + 1)), c, sim.apply(i), i);
      stations.add(st);
      offsets.add(config.evse(st.evse().moduleId()).l1OnGridPhase - 1);
      energy.addEvse(st.evse());
      st.evse().addListener(new SiteSimulation.Authorizer(st.evse(), "TEST-" + i));
      int index = i;
      st.evse().addListener(new EvseManagerListener() {
        @Override
        public void onLimits(Limits limits) {
          kernelLimits[index] = limits;
        }
      });
    }
    energy.addDecisionListener(this::checkDecision);
  }

  SiteHarness(EnergyConfig config, int evses) {
    this(config, evses, i -> SimulationConfig.builder().ocmfKeySeed(i).build());
  }

  void start() {
    energy.start();
    for (SimStations.SimStation s : stations) {
      s.start();
    }
  }

  void script(int i, String script) {
    stations.get(i).runScript(script);
  }

  String id(int i) {
    return stations.get(i).evse().moduleId();
  }

  /** Runs until virtual time {@code untilMs}, checking after every instant. */
  void runUntil(long untilMs) {
    while (true) {
      long due = time.nextDue();
      if (due < 0 || due > untilMs) {
        time.advanceTo(untilMs);
        check();
        return;
      }
      time.advanceTo(due);
      check();
    }
  }

  void runFor(long ms) {
    runUntil(time.now() + ms);
  }

  double[] gridDrawn() {
    return SiteSimulation.gridCurrents(new ArrayList<>(stations), offsets);
  }

  /** Highest line current drawn by car {@code i} now. */
  double drawn(int i) {
    double[] l = stations.get(i).lineCurrentsA();
    return Math.max(l[0], Math.max(l[1], l[2]));
  }

  int activePhases(int i) {
    return stations.get(i).hardware().board().activePhases();
  }

  EnergyDecision last() {
    return decisions.get(decisions.size() - 1);
  }

  EvseDecision decision(int i) {
    return last().evse(id(i)).orElseThrow();
  }

  private void check() {
    instants++;
    long now = time.now();
    double fuse = config.gridConnection.fuseLimitA;
    double[] drawn = gridDrawn();
    double[] limits = new double[3];
    for (int i = 0; i < stations.size(); i++) {
      Limits l = kernelLimits[i];
      if (l == null) {
        continue;
      }
      for (int j = 0; j < l.nrOfPhasesAvailable(); j++) {
        limits[(offsets.get(i) + j) % 3] += l.maxCurrent();
      }
    }
    double[] allowed = recentCapacity(now);
    for (int k = 0; k < 3; k++) {
      peakDrawn[k] = Math.max(peakDrawn[k], drawn[k]);
      peakKernelLimits[k] = Math.max(peakKernelLimits[k], limits[k]);
      atMost(drawn[k], fuse, "drawn on L%d at %d ms (%s)", k + 1, now, describe());
      atMost(limits[k], fuse, "sum of the EVSEs' limits on L%d at %d ms", k + 1, now);
      if (allowed != null) {
        atMost(drawn[k], allowed[k], "drawn on L%d at %d ms, 11 s after the limit", k + 1, now);
      }
    }
    if (allowed != null) {
      double watts = (drawn[0] + drawn[1] + drawn[2]) * config.nominalAcVoltage;
      atMost(watts, allowed[3], "drawn power at %d ms, 11 s after the limit", now);
    }
  }

  /** Every EVSE's state, phases and line currents, for failure messages. */
  String describe() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < stations.size(); i++) {
      SimStations.SimStation st = stations.get(i);
      double[] l = st.lineCurrentsA();
      b.append(String.format(Locale.ROOT, "%s %s L1 on grid L%d, board %d phases, car %s/%d: %.1f/%.1f/%.1f A; ",
          id(i), st.evse().stateNow(), offsets.get(i) + 1, st.hardware().board().phasesAvailable(),
          st.hardware().car().state(), st.hardware().car().phases(), l[0], l[1], l[2]));
    }
    if (!decisions.isEmpty()) {
      b.append("last round: ").append(last().evses());
    }
    return b.toString();
  }

  private double[] recentCapacity(long now) {
    while (capHistory.size() > 1 && capHistory.toArray(new double[0][])[1][0] <= now - 11_000) {
      capHistory.pollFirst();
    }
    if (capHistory.isEmpty()) {
      return null;
    }
    double[] out = new double[4];
    for (double[] c : capHistory) {
      for (int k = 0; k < 4; k++) {
        out[k] = Math.max(out[k], c[k + 1]);
      }
    }
    return out;
  }

  private void checkDecision(EnergyDecision d) {
    decisions.add(d);
    for (int k = 0; k < 3; k++) {
      atMost(d.grantedPerPhaseA().get(k), d.capacityPerPhaseA().get(k), "granted L%d in round %d", k + 1, d.round());
      atMost(d.committedPerPhaseA().get(k), config.gridConnection.fuseLimitA, "may flow L%d in round %d", k + 1,
          d.round());
    }
    capHistory.addLast(new double[] {d.monotonicMillis(), d.capacityPerPhaseA().l1(), d.capacityPerPhaseA().l2(),
        d.capacityPerPhaseA().l3(), d.powerLimitW().orElse(Double.POSITIVE_INFINITY)});
  }

  private static void atMost(double actual, double limit, String format, Object... args) {
    if (actual > limit + TOL) {
      throw new AssertionError(String.format(Locale.ROOT, format, args) + ": " + actual + " > " + limit);
    }
  }

  @Override
  public void close() {
    time.close();
  }
}
