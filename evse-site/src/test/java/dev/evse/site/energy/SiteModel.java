package dev.evse.site.energy;

import dev.evse.api.types.EvseState;
import dev.evse.api.types.ExternalLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A random site driven through the planner in 100 ms steps: EVSEs that behave like the kernel
 * (they apply a new limit 0..9.9 s late, as a PWM rate limit of 5 s plus a car reaction of 5 s
 * allow; they switch phases with a pause; their grant expires 11 s after the last limit), cars
 * that arrive, pause and leave, EVSEs that leave and come back, external limits that change.
 * Checks after every step that the current drawn never exceeds a fuse, and after every round
 * what the planner promises.
 */
final class SiteModel {
  static final Set<EvseState> NEEDS = EnumSet.of(EvseState.WaitForAuth, EvseState.PrepareCharging,
      EvseState.Charging, EvseState.PausedEV, EvseState.PausedEVSE);
  private static final double TOL = 1e-6;
  private static final long STEP = 100;

  final RandomGenerator rnd;
  final boolean liveness;
  final EnergyConfig config;
  final SitePlanner planner;
  final List<Ev> evses = new ArrayList<>();
  final List<String> nodeIds = new ArrayList<>();
  final List<Integer> nodeParent = new ArrayList<>();
  final List<Double> nodeFuse = new ArrayList<>();
  final List<Integer> nodePathPhases = new ArrayList<>();
  private final ArrayDeque<double[]> capHistory = new ArrayDeque<>();
  long now;
  long rounds;
  long maxWaitMs;
  long lastRemovalAt = Long.MIN_VALUE / 2;
  EnergyDecision last;
  String maxWaitWho = "";
  final StringBuilder trace = new StringBuilder();

  /** One EVSE with its car, as the model sees it. */
  final class Ev {
    final String uuid;
    final int offset;
    final int node;
    final boolean canSwitch;
    final double hwMax;
    boolean present = true;
    EvseState state = EvseState.Unplugged;
    long stateUntil;
    long departAt;
    int carPhases = 3;
    double carMax = 16;
    int reported;
    double applied;
    long pauseUntil;
    final ArrayDeque<double[]> pending = new ArrayDeque<>();
    long lastEffAt;
    long lastMsgAt = -1;
    boolean expiryQueued;
    long waitStart = -1;
    dev.evse.api.types.EnergyFlowRequest request;

    Ev(String uuid, int offset, int node, boolean canSwitch, int phases, double hwMax) {
      this.uuid = uuid;
      this.offset = offset;
      this.node = node;
      this.canSwitch = canSwitch;
      this.reported = phases;
      this.hwMax = hwMax;
    }

    /** Grid phases this EVSE's first {@code n} lines reach. */
    int mask(int n) {
      int m = 0;
      for (int j = 0; j < n; j++) {
        int k = (offset + j) % 3;
        if (k < nodePathPhases.get(node)) {
          m |= 1 << k;
        }
      }
      return m;
    }

    double drawA() {
      return state == EvseState.Charging && now >= pauseUntil ? Math.min(applied, carMax) : 0.0;
    }

    int drawMask() {
      return mask(Math.min(reported, carPhases));
    }

    boolean under(int n) {
      for (int at = node; at >= 0; at = nodeParent.get(at)) {
        if (at == n) {
          return true;
        }
      }
      return false;
    }
  }

  SiteModel(long seed, boolean liveness) {
    this.rnd = new java.util.SplittableRandom(seed);
    this.liveness = liveness;
    config = new EnergyConfig();
    config.gridConnection.fuseLimitA = liveness ? 6 + rnd.nextInt(58) : rnd.nextInt(64);
    config.gridConnection.phaseCount = liveness || rnd.nextInt(4) > 0 ? 3 : 1;
    if (!liveness && rnd.nextInt(3) == 0) {
      config.gridConnection.totalPowerLimitW = (double) rnd.nextInt(30_000);
    }
    config.rotationPeriodS = 30 + rnd.nextInt(300);
    config.releaseDelayS = 10;
    config.switch3ph1phWhileChargingMode = List.of("Never", "Oneway", "Both").get(rnd.nextInt(3));
    config.switch3ph1phTimeHysteresisS = liveness ? rnd.nextInt(60) : rnd.nextInt(900);
    config.switch3ph1phMaxNrOfSwitchesPerSession = rnd.nextInt(3);
    nodeIds.add(config.gridConnection.id);
    nodeParent.add(-1);
    nodeFuse.add(config.gridConnection.fuseLimitA);
    int nodes = rnd.nextInt(3);
    for (int i = 0; i < nodes; i++) {
      int parent = rnd.nextInt(nodeIds.size());
      EnergyConfig.NodeConfig n = new EnergyConfig.NodeConfig("node" + i,
          parent == 0 ? null : nodeIds.get(parent), liveness ? 6 + rnd.nextInt(40) : rnd.nextInt(40));
      n.phaseCount = liveness || rnd.nextInt(4) > 0 ? 3 : 1;
      config.nodes.add(n);
      nodeIds.add(n.id);
      nodeParent.add(parent);
      nodeFuse.add(n.fuseLimitA);
    }
    for (int i = 0; i < nodeIds.size(); i++) {
      int phases = 3;
      for (int at = i; at >= 0; at = nodeParent.get(at)) {
        phases = Math.min(phases, at == 0 ? config.gridConnection.phaseCount : config.nodes.get(at - 1).phaseCount);
      }
      nodePathPhases.add(phases);
    }
    if (!liveness && rnd.nextBoolean()) {
      for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
        int from = rnd.nextInt(120);
        int to = from + 1 + rnd.nextInt(60);
        config.schedules.add(new EnergyConfig.ScheduleEntry(hhmm(from), hhmm(to),
            rnd.nextBoolean() ? (double) rnd.nextInt(40) : null, rnd.nextBoolean() ? (double) rnd.nextInt(20_000) : 0.0));
      }
    }
    int n = 1 + rnd.nextInt(liveness ? 8 : 10);
    for (int i = 0; i < n; i++) {
      String uuid = "evse_manager_" + (i + 1);
      EnergyConfig.EvseOptions o = new EnergyConfig.EvseOptions(liveness ? 100 : rnd.nextInt(3) * 10);
      o.l1OnGridPhase = 1 + rnd.nextInt(3);
      int node = rnd.nextInt(nodeIds.size());
      o.parent = node == 0 ? null : nodeIds.get(node);
      config.evses.put(uuid, o);
      boolean canSwitch = rnd.nextBoolean();
      int phases = canSwitch || rnd.nextBoolean() ? 3 : 1;
      double hwMax = List.of(16.0, 20.0, 32.0).get(rnd.nextInt(3));
      evses.add(new Ev(uuid, o.l1OnGridPhase - 1, node, canSwitch, phases, hwMax));
    }
    planner = new SitePlanner(config);
    for (Ev e : evses) {
      planner.addEvse(e.uuid);
    }
  }

  private static String hhmm(int minutes) {
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }

  /** Runs {@code seconds} of site life. */
  void run(int seconds) {
    for (int s = 0; s < seconds; s++) {
      events();
      round();
      for (int i = 0; i < 1000 / STEP; i++) {
        now += STEP;
        step();
      }
    }
  }

  /** The bound on any car's wait in liveness runs. */
  long waitBoundMs() {
    int n = evses.size();
    return n * (config.rotationPeriodS + config.releaseDelayS + n + 2L) * 1000L
        + config.switch3ph1phTimeHysteresisS * 1000L;
  }

  private static void atMost(double actual, double limit, String format, Object... args) {
    if (actual > limit) {
      throw new AssertionError(String.format(Locale.ROOT, format, args) + ": " + actual + " > " + limit);
    }
  }

  // ---------------------------------------------------------------- scenario

  private void events() {
    for (Ev e : evses) {
      if (e.state == EvseState.Unplugged && rnd.nextInt(200) == 0) {
        e.state = EvseState.WaitForAuth;
        e.stateUntil = now + 1000 + rnd.nextInt(9000);
        e.carPhases = rnd.nextInt(3) == 0 ? 1 : 3;
        e.carMax = List.of(10.0, 16.0, 32.0).get(rnd.nextInt(3));
        e.departAt = now + 60_000 + rnd.nextLong(liveness ? 7_200_000 : 3_600_000);
      } else if (e.state != EvseState.Unplugged && e.state != EvseState.Finished && now >= e.departAt) {
        e.state = EvseState.Finished;
        e.stateUntil = now + 2000;
      } else if (e.state == EvseState.Charging && rnd.nextInt(900) == 0) {
        e.state = EvseState.PausedEV;
        e.stateUntil = now + 10_000 + rnd.nextInt(290_000);
      }
    }
    if (liveness) {
      return;
    }
    if (rnd.nextInt(300) == 0) {
      int which = rnd.nextInt(nodeIds.size() + evses.size());
      String node = which < nodeIds.size() ? nodeIds.get(which) : evses.get(which - nodeIds.size()).uuid;
      int kind = rnd.nextInt(3);
      ExternalLimits l = kind == 0 ? new ExternalLimits(List.of(), List.of(), List.of())
          : kind == 1 ? Req.limit(Req.EPOCH, (double) rnd.nextInt(40), null)
          : Req.limit(Req.EPOCH, null, (double) rnd.nextInt(25_000));
      planner.setExternalLimits(node, l);
      trace.append(now).append(" external ").append(node).append(' ').append(kind).append('\n');
    }
    for (Ev e : evses) {
      if (e.present && rnd.nextInt(2000) == 0) {
        e.present = false;
        lastRemovalAt = now;
        planner.removeEvse(e.uuid);
        trace.append(now).append(" remove ").append(e.uuid).append('\n');
      } else if (!e.present && rnd.nextInt(100) == 0) {
        e.present = true;
        planner.addEvse(e.uuid);
        trace.append(now).append(" add ").append(e.uuid).append('\n');
      }
    }
  }

  // ---------------------------------------------------------------- the planner's round

  private void round() {
    rounds++;
    for (Ev e : evses) {
      if (e.present) {
        if (e.request == null || e.request.evseState().orElseThrow() != e.state
            || e.request.scheduleImport().get(0).limitsToRoot().acNumberOfActivePhases().orElseThrow() != e.reported) {
          e.request = Req.evse(e.uuid, e.state, e.hwMax, e.reported, e.canSwitch);
        }
        planner.onRequest(e.uuid, e.request, now);
      }
    }
    SitePlanner.Plan plan = planner.plan(now, Req.EPOCH.plusMillis(now));
    EnergyDecision d = plan.decision();
    last = d;
    checkDecision(d);
    for (SitePlanner.Send s : plan.sends()) {
      Ev e = evses.stream().filter(x -> x.uuid.equals(s.uuid())).findFirst().orElseThrow();
      if (!e.present) {
        throw new AssertionError("limits sent to a removed EVSE " + e.uuid);
      }
      deliver(e, s.limits().limitsRootSide().acMaxCurrentA().orElseThrow().value(),
          s.limits().limitsRootSide().acMaxPhaseCount().orElseThrow().value());
    }
    capHistory.addLast(new double[] {now, d.capacityPerPhaseA().l1(), d.capacityPerPhaseA().l2(),
        d.capacityPerPhaseA().l3(), d.powerLimitW().orElse(Double.POSITIVE_INFINITY)});
    // A lowered limit is followed within 11 s; an EVSE removed meanwhile cannot be told and
    // stops only when its grant ran out (11 s) and its car followed (10 s).
    long window = now - lastRemovalAt <= 22_000 ? 22_000 : 11_000;
    while (capHistory.size() > 2 && capHistory.toArray(new double[0][])[1][0] <= now - window) {
      capHistory.pollFirst();
    }
    for (Ev e : evses) {
      EvseDecision ed = d.evse(e.uuid).orElse(null);
      // a car that paused by itself is not waiting for energy
      boolean waiting = e.present && NEEDS.contains(e.state) && e.state != EvseState.PausedEV
          && (ed == null || ed.grantedCurrentA() < 6);
      if (!waiting) {
        e.waitStart = -1;
      } else if (e.waitStart < 0) {
        e.waitStart = now;
      } else if (now - e.waitStart > maxWaitMs) {
        maxWaitMs = now - e.waitStart;
        maxWaitWho = e.uuid;
      }
    }
  }

  private void checkDecision(EnergyDecision d) {
    double[] cap = {d.capacityPerPhaseA().l1(), d.capacityPerPhaseA().l2(), d.capacityPerPhaseA().l3()};
    for (int k = 0; k < 3; k++) {
      atMost(d.grantedPerPhaseA().get(k), cap[k] + TOL, "granted L%d at %d ms", k + 1, now);
      atMost(d.committedPerPhaseA().get(k), config.gridConnection.fuseLimitA + TOL, "may flow L%d at %d ms", k + 1, now);
    }
    for (int n = 0; n < nodeIds.size(); n++) {
      double[] perPhase = new double[3];
      double watts = 0;
      for (EvseDecision ed : d.evses()) {
        Ev e = evses.stream().filter(x -> x.uuid.equals(ed.uuid())).findFirst().orElseThrow();
        if (!e.under(n) || ed.grantedCurrentA() == 0) {
          continue;
        }
        if (ed.grantedCurrentA() < 6.0) {
          throw new AssertionError("granted below 6 A: " + ed);
        }
        int m = e.mask(ed.phases()) | e.mask(ed.reportedPhases());
        for (int k = 0; k < 3; k++) {
          if ((m & (1 << k)) != 0) {
            perPhase[k] += ed.grantedCurrentA();
          }
        }
        watts += ed.grantedCurrentA() * Math.max(Integer.bitCount(e.mask(ed.phases())),
            Integer.bitCount(e.mask(ed.reportedPhases()))) * config.nominalAcVoltage;
      }
      for (int k = 0; k < 3; k++) {
        atMost(perPhase[k], nodeFuse.get(n) + TOL, "granted at %s L%d at %d ms", nodeIds.get(n), k + 1, now);
        if (n == 0) {
          if (Math.abs(perPhase[k] - d.grantedPerPhaseA().get(k)) > 1e-6) {
            throw new AssertionError("granted sum L" + (k + 1) + " differs from the decision at " + now);
          }
        }
      }
      if (n == 0) {
        atMost(watts, d.powerLimitW().orElse(Double.POSITIVE_INFINITY) + 1e-3, "granted power at %d ms", now);
      }
    }
  }

  // ---------------------------------------------------------------- the EVSEs

  private void deliver(Ev e, double amps, int phases) {
    e.lastMsgAt = now;
    e.expiryQueued = false;
    if (e.canSwitch && phases != e.reported && e.state != EvseState.PausedEV) {
      long pause = e.state == EvseState.Charging ? 100L * rnd.nextInt(101) : 0;
      e.reported = phases;
      e.applied = 0;
      e.pending.clear();
      e.pauseUntil = now + pause;
      e.lastEffAt = now + pause;
      e.pending.add(new double[] {e.lastEffAt, amps});
      return;
    }
    schedule(e, amps);
  }

  private void schedule(Ev e, double amps) {
    long eff = Math.max(e.lastEffAt, now + 100L * rnd.nextInt(100));
    e.lastEffAt = eff;
    e.pending.add(new double[] {eff, amps});
  }

  private void step() {
    boolean changed = false;
    for (Ev e : evses) {
      double drawnBefore = e.drawA();
      EvseState stateBefore = e.state;
      if (e.lastMsgAt >= 0 && !e.expiryQueued && now >= e.lastMsgAt + 11_000) {
        e.expiryQueued = true; // the kernel drops an expired grant; the car follows late
        schedule(e, 0.0);
      }
      while (!e.pending.isEmpty() && e.pending.peekFirst()[0] <= now) {
        e.applied = e.pending.pollFirst()[1];
      }
      switch (e.state) {
        case WaitForAuth, PausedEV -> {
          if (now >= e.stateUntil) {
            e.state = EvseState.PrepareCharging;
          }
        }
        case PrepareCharging, PausedEVSE -> {
          if (e.applied >= 6) {
            e.state = EvseState.Charging;
          }
        }
        case Charging -> {
          if (e.applied < 6) {
            e.state = EvseState.PausedEVSE;
          }
        }
        case Finished -> {
          if (now >= e.stateUntil) {
            e.state = EvseState.Unplugged;
          }
        }
        default -> {}
      }
      changed |= e.drawA() != drawnBefore || e.state != stateBefore;
    }
    // What is drawn changes only in steps (the limit it is checked against, once a second).
    if (changed || now % 1000 == 0) {
      checkDrawn();
    }
  }

  private void checkDrawn() {
    double[] allowed = {0, 0, 0, 0};
    for (double[] c : capHistory) {
      for (int k = 0; k < 4; k++) {
        allowed[k] = Math.max(allowed[k], c[k + 1]);
      }
    }
    for (int n = 0; n < nodeIds.size(); n++) {
      double[] perPhase = new double[3];
      double watts = 0;
      for (Ev e : evses) {
        if (!e.under(n)) {
          continue;
        }
        double a = e.drawA();
        int m = e.drawMask();
        for (int k = 0; k < 3; k++) {
          if ((m & (1 << k)) != 0) {
            perPhase[k] += a;
          }
        }
        watts += a * Integer.bitCount(m) * config.nominalAcVoltage;
      }
      for (int k = 0; k < 3; k++) {
        atMost(perPhase[k], nodeFuse.get(n) + TOL, "drawn at %s L%d at %d ms", nodeIds.get(n), k + 1, now);
        if (n == 0 && !capHistory.isEmpty()) {
          atMost(perPhase[k], allowed[k] + TOL, "drawn L%d at %d ms, 11 s after the limit %.1f", k + 1, now, allowed[k]);
        }
      }
      if (n == 0 && !capHistory.isEmpty()) {
        atMost(watts, allowed[3] + 1e-3, "drawn power at %d ms", now);
      }
    }
  }
}
