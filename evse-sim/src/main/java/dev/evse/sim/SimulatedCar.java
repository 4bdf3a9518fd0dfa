package dev.evse.sim;

import dev.evse.core.runtime.Cancellable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated car: runs EV simulator scripts (see {@link ScriptParser}) on a 250 ms tick of the
 * EVSE's event loop.
 *
 * <p>Each tick executes queued commands in order until one blocks, then runs the car state
 * machine once and lets the board re-read the car. A script finishes when its queue is empty
 * (with auto-exec-infinite it then starts again). Commands needing an ISO 15118 stack fail the
 * script: this project has no EV-side ISO stack.
 *
 * <p>What the car shows the board: {@link #cpState()} (its S2 switch / resistors),
 * {@link #evRelayOn()}, {@link #diodeShorted()}, {@link #maxCurrentA()}, {@link #phases()} and
 * {@link #rcdCurrentMa()}. The board tells the car the EVSE duty cycle.
 *
 * <p>Thread-safety: all state is guarded by the simulation's monitor; the API may be called from
 * any thread. Completion callbacks run on the loop.
 */
public final class SimulatedCar {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedCar.class);

  /** Period of the simulator loop. */
  public static final long TICK_MILLIS = 250;

  /** The message of the failure for commands that need an ISO 15118 stack. */
  public static final String NO_ISO_STACK = "needs an ISO 15118 stack, not available in the simulation";

  private static final int MAX_BCB_TOGGLES = 3;

  private enum Step {
    DONE,
    BLOCKED,
    REPLACED_SCRIPT
  }

  private final SimContext ctx;
  private final List<ScriptCommand> pluginCommands;
  private final List<Consumer<ScriptOutcome>> finishedListeners = new CopyOnWriteArrayList<>();
  private Runnable outputsChanged = () -> {};

  // car
  private CarState state = CarState.UNPLUGGED;
  private double evseDutyPercent = 100.0;
  private double maxCurrentA;
  private boolean threePhases;
  private double socPercent;
  private double rcdCurrentMa;
  private boolean enabled = true;
  private boolean bcbHigh;
  private int bcbToggles;

  // script
  private final Deque<ScriptCommand> queue = new ArrayDeque<>();
  private List<ScriptCommand> scriptCommands = List.of();
  private String scriptText = "";
  private boolean running;
  private boolean autoExecInfinite;
  private boolean currentStarted;
  private int sleepTicksLeft;
  private int bcbTarget;
  private long ticks;
  private ScriptOutcome lastOutcome;
  private Cancellable ticker = Cancellable.NONE;

  SimulatedCar(SimContext ctx) {
    this.ctx = ctx;
    SimulationConfig c = ctx.config;
    this.maxCurrentA = c.carMaxCurrentA();
    this.threePhases = c.carThreePhases();
    this.socPercent = c.carSocPercent();
    this.autoExecInfinite = c.carAutoExecInfinite();
    this.pluginCommands = ScriptParser.parse(c.pluginCommands());
  }

  /** Called after every change of what the car shows (the board re-evaluates). */
  void onOutputsChanged(Runnable hook) {
    this.outputsChanged = hook;
  }

  void start() {
    synchronized (ctx.lock) {
      ticker.cancel();
      ticker = ctx.loop.every(TICK_MILLIS, this::tick);
      if (ctx.config.carAutoExec() && !running) {
        execute(ctx.config.carAutoExecCommands());
      }
    }
  }

  void stop() {
    synchronized (ctx.lock) {
      ticker.cancel();
      ticker = Cancellable.NONE;
    }
  }

  // ---------------------------------------------------------------- script control

  /**
   * Starts a new script. The script is parsed first: a bad script throws
   * {@link IllegalArgumentException} and nothing runs.
   *
   * @return false (and nothing changes) when a script is already running
   */
  public boolean execute(String script) {
    List<ScriptCommand> cmds = ScriptParser.parse(script);
    synchronized (ctx.lock) {
      if (running) {
        return false;
      }
      scriptText = script;
      scriptCommands = cmds;
      queue.clear();
      queue.addAll(cmds);
      currentStarted = false;
      running = true;
      return true;
    }
  }

  /**
   * Replaces the remaining script (including a command that is blocking right now) by this one.
   * Starts it when no script is running. A bad script throws and changes nothing.
   */
  public void modify(String script) {
    List<ScriptCommand> cmds = ScriptParser.parse(script);
    synchronized (ctx.lock) {
      if (!running) {
        scriptText = script;
        scriptCommands = cmds;
      }
      queue.clear();
      queue.addAll(cmds);
      currentStarted = false;
      running = true;
    }
  }

  /** Abandons the running script (the car stays in its current state). */
  public void cancelScript() {
    synchronized (ctx.lock) {
      queue.clear();
      currentStarted = false;
      running = false;
    }
  }

  public boolean isRunning() {
    synchronized (ctx.lock) {
      return running;
    }
  }

  /** Restart the script whenever it completes (config {@code auto_exec_infinite}). */
  public void setAutoExecInfinite(boolean value) {
    synchronized (ctx.lock) {
      autoExecInfinite = value;
    }
  }

  /** Called on the loop each time a script ends, completed or failed. */
  public void onScriptFinished(Consumer<ScriptOutcome> listener) {
    finishedListeners.add(listener);
  }

  /** Convenience form of {@link #onScriptFinished(Consumer)}. */
  public void onScriptFinished(Runnable listener) {
    finishedListeners.add(o -> listener.run());
  }

  /** How the last script ended, if one did. */
  public Optional<ScriptOutcome> lastOutcome() {
    synchronized (ctx.lock) {
      return Optional.ofNullable(lastOutcome);
    }
  }

  /** The commands still queued, the blocking one first. */
  public List<ScriptCommand> remainingCommands() {
    synchronized (ctx.lock) {
      return new ArrayList<>(queue);
    }
  }

  /**
   * Enables or disables the car simulation (MQTT {@code carsim/cmd/enable}). Disabling abandons
   * the script and unplugs the car; a disabled car ignores its ticks.
   */
  public void setEnabled(boolean value) {
    synchronized (ctx.lock) {
      enabled = value;
      if (!value) {
        cancelScript();
        state = CarState.UNPLUGGED;
        outputsChanged.run();
      }
    }
  }

  public boolean isEnabled() {
    synchronized (ctx.lock) {
      return enabled;
    }
  }

  // ---------------------------------------------------------------- car values

  public CarState state() {
    synchronized (ctx.lock) {
      return state;
    }
  }

  /** The duty cycle (percent) the car currently sees from the EVSE (100 = no PWM). */
  public double evseDutyPercent() {
    synchronized (ctx.lock) {
      return evseDutyPercent;
    }
  }

  /** Max current per phase the car draws. */
  public double maxCurrentA() {
    synchronized (ctx.lock) {
      return maxCurrentA;
    }
  }

  /** Phases the car draws on: 3 or 1. */
  public int phases() {
    synchronized (ctx.lock) {
      return threePhases ? 3 : 1;
    }
  }

  public double socPercent() {
    synchronized (ctx.lock) {
      return socPercent;
    }
  }

  /** Sets the battery state of charge (like {@code set_soc}). */
  public void setSoc(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("SoC must be in 0..100: " + percent);
    }
    synchronized (ctx.lock) {
      socPercent = percent;
    }
  }

  /** Residual (leakage) current the car causes, in mA. */
  public double rcdCurrentMa() {
    synchronized (ctx.lock) {
      return rcdCurrentMa;
    }
  }

  /** Sets the residual current in mA (like {@code rcd_current}); the board trips above 5 mA. */
  public void setRcdCurrent(double milliamps) {
    if (!(milliamps >= 0) || !Double.isFinite(milliamps)) {
      throw new IllegalArgumentException("residual current must be >= 0 mA: " + milliamps);
    }
    synchronized (ctx.lock) {
      rcdCurrentMa = milliamps;
      outputsChanged.run();
    }
  }

  /** The CP state the car presents (A..E); the board may still see F (EVSE side) or E (diode). */
  public CpState cpState() {
    synchronized (ctx.lock) {
      return switch (state) {
        case UNPLUGGED -> CpState.A;
        case PLUGGED_IN, DIODE_FAIL -> CpState.B;
        case CHARGING_REGULATED -> PilotPhysics.signalsCurrent(evseDutyPercent) ? CpState.C : CpState.B;
        case CHARGING_FIXED, ISO_POWER_READY, ISO_CHARGING_REGULATED -> CpState.C;
        case ERROR_E -> CpState.E;
        case BCB_TOGGLE -> bcbHigh ? CpState.C : CpState.B;
      };
    }
  }

  /** Whether the car's own contactor is closed, i.e. it takes the current it is offered. */
  public boolean evRelayOn() {
    synchronized (ctx.lock) {
      return switch (state) {
        case CHARGING_REGULATED -> PilotPhysics.signalsCurrent(evseDutyPercent);
        case CHARGING_FIXED, ISO_CHARGING_REGULATED -> true;
        default -> false;
      };
    }
  }

  /** True while the CP diode is shorted ({@code diode_fail}). */
  public boolean diodeShorted() {
    synchronized (ctx.lock) {
      return state == CarState.DIODE_FAIL;
    }
  }

  /** Ticks run since the car started. */
  public long ticks() {
    synchronized (ctx.lock) {
      return ticks;
    }
  }

  /** The board reports the duty cycle it drives (percent; 100 for X1, 0 for F). */
  void onEvseDuty(double dutyPercent) {
    synchronized (ctx.lock) {
      evseDutyPercent = dutyPercent;
    }
  }

  // ---------------------------------------------------------------- simulation

  /** One simulator step: commands until one blocks, then the state machine, then the board. */
  void tick() {
    List<ScriptOutcome> ended = new ArrayList<>();
    synchronized (ctx.lock) {
      if (!enabled) {
        return;
      }
      ticks++;
      runCommands(ended);
      stepStateMachine();
      outputsChanged.run();
    }
    for (ScriptOutcome o : ended) {
      for (Consumer<ScriptOutcome> l : finishedListeners) {
        l.accept(o);
      }
    }
  }

  private void runCommands(List<ScriptOutcome> ended) {
    if (!running) {
      return;
    }
    // Guard against a script that finishes within the tick and restarts forever.
    int budget = 10_000;
    while (running && budget-- > 0) {
      if (queue.isEmpty()) {
        ScriptOutcome o = ScriptOutcome.ok(scriptText, ctx.now());
        lastOutcome = o;
        ended.add(o);
        if (autoExecInfinite && !scriptCommands.isEmpty()) {
          queue.addAll(scriptCommands);
          currentStarted = false;
          // the restart begins on the next tick, like a fresh execute
        } else {
          running = false;
        }
        return;
      }
      ScriptCommand cmd = queue.peekFirst();
      boolean first = !currentStarted;
      currentStarted = true;
      if (cmd.type().needsIsoStack()) {
        fail(cmd, "script command " + cmd + " " + NO_ISO_STACK, ended);
        return;
      }
      Step step = execute(cmd, first);
      switch (step) {
        case BLOCKED -> {
          return;
        }
        case DONE -> {
          queue.pollFirst();
          currentStarted = false;
        }
        case REPLACED_SCRIPT -> currentStarted = false;
      }
    }
  }

  private void fail(ScriptCommand cmd, String why, List<ScriptOutcome> ended) {
    LOG.warn("car simulation: {}", why);
    ScriptOutcome o = ScriptOutcome.failed(scriptText, cmd, why, ctx.now());
    lastOutcome = o;
    ended.add(o);
    queue.clear();
    currentStarted = false;
    running = false;
  }

  private Step execute(ScriptCommand cmd, boolean first) {
    switch (cmd.type()) {
      case SLEEP -> {
        if (first) {
          sleepTicksLeft = (int) Math.floor(cmd.number(0) * 1000.0 / TICK_MILLIS) + 1;
        }
        sleepTicksLeft--;
        return sleepTicksLeft <= 0 ? Step.DONE : Step.BLOCKED;
      }
      case IEC_WAIT_PWR_READY -> {
        state = CarState.PLUGGED_IN;
        return PilotPhysics.signalsCurrent(evseDutyPercent) ? Step.DONE : Step.BLOCKED;
      }
      case ISO_WAIT_PWM_IS_RUNNING -> {
        state = CarState.PLUGGED_IN;
        return PilotPhysics.pwmRunningForIso(evseDutyPercent) ? Step.DONE : Step.BLOCKED;
      }
      case DRAW_POWER_REGULATED, DRAW_POWER_FIXED -> {
        maxCurrentA = cmd.number(0);
        threePhases = cmd.number(1) == 3.0;
        state =
            cmd.type() == ScriptCommandType.DRAW_POWER_REGULATED
                ? CarState.CHARGING_REGULATED
                : CarState.CHARGING_FIXED;
        return Step.DONE;
      }
      case PAUSE -> {
        state = CarState.PLUGGED_IN;
        return Step.DONE;
      }
      case UNPLUG -> {
        state = CarState.UNPLUGGED;
        return Step.DONE;
      }
      case ERROR_E -> {
        state = CarState.ERROR_E;
        return Step.DONE;
      }
      case DIODE_FAIL -> {
        state = CarState.DIODE_FAIL;
        return Step.DONE;
      }
      case RCD_CURRENT -> {
        rcdCurrentMa = cmd.number(0);
        return Step.DONE;
      }
      case SET_SOC -> {
        socPercent = cmd.number(0);
        return Step.DONE;
      }
      case WAIT_FOR_REAL_PLUGIN -> {
        // No hardware in the loop here: the (simulated) plug is always there.
        return Step.DONE;
      }
      case PLUGIN -> {
        queue.clear();
        queue.addAll(pluginCommands);
        return Step.REPLACED_SCRIPT;
      }
      case ISO_START_BCB_TOGGLE -> {
        if (first) {
          bcbTarget = (int) Math.min(MAX_BCB_TOGGLES, cmd.number(0));
          bcbToggles = 0;
          bcbHigh = false;
          state = CarState.BCB_TOGGLE;
        }
        if (bcbToggles >= bcbTarget) {
          state = CarState.PLUGGED_IN;
          return Step.DONE;
        }
        return Step.BLOCKED;
      }
      default -> throw new IllegalStateException("unhandled script command " + cmd);
    }
  }

  private void stepStateMachine() {
    if (state == CarState.BCB_TOGGLE) {
      bcbHigh = !bcbHigh;
      if (!bcbHigh) {
        bcbToggles++;
      }
    }
  }
}
