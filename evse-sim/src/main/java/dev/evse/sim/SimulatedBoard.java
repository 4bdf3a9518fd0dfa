package dev.evse.sim;

import dev.evse.core.port.NoListeners;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.Telemetry;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.runtime.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A simulated AC board support, behaving like EVerest's Yeti board simulator.
 *
 * <ul>
 *   <li>The CP state is the car's ({@link SimulatedCar#cpState()}), except: while the board is
 *       disabled ({@code enable(false)}) or {@code cp_state_F} is active the CP is F whatever the
 *       car does; a car with a shorted diode is seen as E (and {@code DiodeFault} is raised until
 *       the CP goes back to A).
 *   <li>Each CP change is reported once as a {@link BspEventKind} A..F.
 *   <li>Relays close only while {@code allow_power_on(true)} is in force AND the CP is C or D AND
 *       the PWM is running (0 % &lt; duty &lt; 100 %); they open at once when any of these stops
 *       holding. Each relay change is reported as {@code PowerOn}/{@code PowerOff}. An
 *       {@code allow_power_on(true)} is forgotten when the CP reaches A, E or F or the board is
 *       disabled, so the relays never close again after an unplug without a fresh permission.
 *   <li>Current drawn = min(duty→amps, EV max current) per phase on the car's phases (1 if the
 *       board was switched to one phase), zero while the board or the car relay is open.
 *   <li>Capabilities once at start, phases available at start and on switch, telemetry every
 *       second. Residual current above the trip level raises {@code ac_rcd/DC}.
 * </ul>
 *
 * <p>When a command changes the relays or the CP, the state changes before the method returns;
 * the reports to the listener are queued on the loop (never delivered from inside the command).
 * Reports order on one change: {@code PowerOff} (relays open first), then the new CP state, then
 * {@code PowerOn}.
 */
public final class SimulatedBoard implements BoardSupport {

  /** Period of the telemetry var. */
  public static final long TELEMETRY_PERIOD_MILLIS = 1000;

  /** A BSP event as published, with its loop time. */
  public record PublishedEvent(long timeMillis, BspEventKind event) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.3f s %s", timeMillis / 1000.0, event);
    }
  }

  private final SimContext ctx;
  private final SimulatedCar car;
  private final SimulatedErrors errors;
  private final List<Runnable> electricalHooks = new ArrayList<>();
  private final List<Runnable> plugInHooks = new ArrayList<>();
  private volatile BoardSupportListener listener = NoListeners.BOARD;
  private final List<PublishedEvent> events = new ArrayList<>();

  // commanded by the EVSE
  private boolean enabled = true;
  private boolean cpStateFActive;
  private double dutyPercent = 100.0; // X1 at power-up
  private boolean powerAllowed;
  private PowerOnOff lastAllowPowerOn;
  private int phasesSwitched;
  private OptionalDouble overcurrentLimitA = OptionalDouble.empty();

  // measured / derived
  private CpState cp;
  private boolean relaysClosed;
  private boolean diodeFaultActive;
  private boolean rcdTripped;

  private Cancellable telemetryTimer = Cancellable.NONE;

  SimulatedBoard(SimContext ctx, SimulatedCar car, SimulatedErrors errors) {
    this.ctx = ctx;
    this.car = car;
    this.errors = errors;
    this.phasesSwitched = ctx.config.maxPhaseCountImport();
    car.onOutputsChanged(this::evaluate);
  }

  void setListener(BoardSupportListener listener) {
    this.listener = listener == null ? NoListeners.BOARD : listener;
  }

  /** Run after every evaluation (the meter integrates here). */
  void addElectricalHook(Runnable hook) {
    synchronized (ctx.lock) {
      electricalHooks.add(hook);
    }
  }

  /** Run when the CP goes from A to B (the meter may reset its register here). */
  void addPlugInHook(Runnable hook) {
    synchronized (ctx.lock) {
      plugInHooks.add(hook);
    }
  }

  void start() {
    synchronized (ctx.lock) {
      cp = null; // report the initial state once
      HardwareCapabilities caps = capabilities();
      int phases = phasesSwitched;
      ctx.emit(() -> listener.onCapabilities(caps));
      ctx.emit(() -> listener.onPhasesAvailable(phases));
      car.onEvseDuty(effectiveDuty());
      evaluate();
      telemetryTimer.cancel();
      telemetryTimer = ctx.loop.every(TELEMETRY_PERIOD_MILLIS, this::publishTelemetry);
    }
  }

  void stop() {
    synchronized (ctx.lock) {
      telemetryTimer.cancel();
      telemetryTimer = Cancellable.NONE;
    }
  }

  /** The capabilities this board publishes (from the {@link SimulationConfig}). */
  public HardwareCapabilities capabilities() {
    SimulationConfig c = ctx.config;
    return new HardwareCapabilities(
        c.maxCurrentImportA(),
        c.minCurrentImportA(),
        c.maxPhaseCountImport(),
        c.minPhaseCountImport(),
        c.maxCurrentExportA(),
        c.minCurrentExportA(),
        c.maxPhaseCountExport(),
        c.minPhaseCountExport(),
        c.supportsChangingPhasesDuringCharging(),
        c.supportsCpStateE(),
        Optional.empty(),
        c.connectorType());
  }

  // ---------------------------------------------------------------- BoardSupport

  @Override
  public void enable(boolean value) {
    ctx.record("board", "enable", Boolean.toString(value));
    synchronized (ctx.lock) {
      enabled = value;
      if (!value) {
        powerAllowed = false;
      }
      applyDuty();
    }
  }

  @Override
  public void pwmOn(double dutyCyclePercent) {
    ctx.record("board", "pwm_on", fmt(dutyCyclePercent));
    if (!Double.isFinite(dutyCyclePercent)) {
      throw new IllegalArgumentException("duty cycle must be finite: " + dutyCyclePercent);
    }
    synchronized (ctx.lock) {
      dutyPercent = Math.max(0.0, Math.min(100.0, dutyCyclePercent));
      cpStateFActive = false;
      applyDuty();
    }
  }

  @Override
  public void cpStateX1() {
    ctx.record("board", "cp_state_X1", "");
    synchronized (ctx.lock) {
      dutyPercent = 100.0;
      cpStateFActive = false;
      applyDuty();
    }
  }

  @Override
  public void cpStateF() {
    ctx.record("board", "cp_state_F", "");
    synchronized (ctx.lock) {
      cpStateFActive = true;
      applyDuty();
    }
  }

  @Override
  public void allowPowerOn(PowerOnOff value) {
    ctx.record(
        "board", "allow_power_on", value.allowPowerOn() + " " + value.reason());
    synchronized (ctx.lock) {
      lastAllowPowerOn = value;
      powerAllowed = value.allowPowerOn();
      evaluate();
    }
  }

  @Override
  public void acSwitchThreePhasesWhileCharging(boolean threePhases) {
    ctx.record("board", "ac_switch_three_phases_while_charging", Boolean.toString(threePhases));
    synchronized (ctx.lock) {
      int phases = threePhases ? Math.min(3, ctx.config.maxPhaseCountImport()) : 1;
      phasesSwitched = phases;
      ctx.emit(() -> listener.onPhasesAvailable(phases));
      evaluate();
    }
  }

  @Override
  public void acSetOvercurrentLimit(double amps) {
    ctx.record("board", "ac_set_overcurrent_limit_A", fmt(amps));
    synchronized (ctx.lock) {
      overcurrentLimitA = OptionalDouble.of(amps);
    }
  }

  // ---------------------------------------------------------------- test / tool controls

  /** Reports a cable ampacity (socket installations) as {@code ac_pp_ampacity}. */
  public void setPpAmpacity(ProximityPilot ampacity) {
    ctx.emit(() -> listener.onPpAmpacity(ampacity));
  }

  /** A stop button on the charger: reports {@code request_stop_transaction}. */
  public void requestStopTransaction(dev.evse.api.types.StopTransactionRequest request) {
    ctx.emit(() -> listener.onRequestStopTransaction(request));
  }

  /** Raises an {@code evse_board_support} error ({@code "MREC2GroundFailure"} or the full type). */
  public void raiseError(String type, dev.evse.api.errors.Severity severity) {
    errors.raiseBoardError(type, severity);
  }

  /** Clears an {@code evse_board_support} error raised by {@link #raiseError}. */
  public void clearError(String type) {
    errors.clearBoardError(type);
  }

  // ---------------------------------------------------------------- observation

  /** Every command this board received, in order. */
  public List<CommandRecord> commandLog() {
    return ctx.log().stream().filter(r -> r.device().equals("board")).toList();
  }

  /** Every BSP event published so far (CP states and relay changes), with loop times. */
  public List<PublishedEvent> eventLog() {
    synchronized (ctx.lock) {
      return List.copyOf(events);
    }
  }

  /** The CP state the board measures now (null before start). */
  public CpState cpState() {
    synchronized (ctx.lock) {
      return cp;
    }
  }

  public boolean relaysClosed() {
    synchronized (ctx.lock) {
      return relaysClosed;
    }
  }

  /** True when the PWM oscillates (0 % &lt; duty &lt; 100 %, not F, board enabled). */
  public boolean pwmRunning() {
    synchronized (ctx.lock) {
      return PilotPhysics.isOscillating(effectiveDuty());
    }
  }

  /** The duty cycle the car sees, percent (100 = X1, 0 = F or disabled). */
  public double dutyCyclePercent() {
    synchronized (ctx.lock) {
      return effectiveDuty();
    }
  }

  public boolean powerAllowed() {
    synchronized (ctx.lock) {
      return powerAllowed;
    }
  }

  public Optional<PowerOnOff> lastAllowPowerOn() {
    synchronized (ctx.lock) {
      return Optional.ofNullable(lastAllowPowerOn);
    }
  }

  public boolean isEnabled() {
    synchronized (ctx.lock) {
      return enabled;
    }
  }

  public OptionalDouble overcurrentLimitA() {
    synchronized (ctx.lock) {
      return overcurrentLimitA;
    }
  }

  /** Phases the board is switched to (3 unless switched to one phase). */
  public int phasesAvailable() {
    synchronized (ctx.lock) {
      return phasesSwitched;
    }
  }

  /** Phases current flows on now: 0 when nothing flows, else 1 or 3. */
  public int activePhases() {
    synchronized (ctx.lock) {
      return currentPerPhaseA() > 0 ? Math.min(car.phases(), phasesSwitched) : 0;
    }
  }

  /** Current per active phase in A. */
  public double currentPerPhaseA() {
    synchronized (ctx.lock) {
      if (!relaysClosed || !car.evRelayOn()) {
        return 0.0;
      }
      return Math.min(PilotPhysics.dutyToAmps(effectiveDuty()), car.maxCurrentA());
    }
  }

  /** Current on L1, L2, L3 in A. */
  public double[] lineCurrentsA() {
    synchronized (ctx.lock) {
      double i = currentPerPhaseA();
      int n = activePhases();
      double[] out = new double[3];
      for (int k = 0; k < n; k++) {
        out[k] = i;
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- internals

  private double effectiveDuty() {
    if (!enabled || cpStateFActive) {
      return 0.0;
    }
    return dutyPercent;
  }

  private void applyDuty() {
    car.onEvseDuty(effectiveDuty());
    evaluate();
  }

  /** Re-derives CP and relays from the commands and the car; queues the reports. Idempotent. */
  void evaluate() {
    synchronized (ctx.lock) {
      CpState next = measureCp();
      if (next == CpState.A || next == CpState.E || next == CpState.F) {
        powerAllowed = false;
      }
      boolean close =
          powerAllowed
              && (next == CpState.C || next == CpState.D)
              && PilotPhysics.isOscillating(effectiveDuty());
      if (relaysClosed && !close) {
        relaysClosed = false;
        publish(BspEventKind.PowerOff);
      }
      if (next != cp) {
        CpState previous = cp;
        cp = next;
        publish(toEvent(next));
        if (previous == CpState.A && next == CpState.B) {
          plugInHooks.forEach(Runnable::run);
        }
      }
      if (!relaysClosed && close) {
        relaysClosed = true;
        publish(BspEventKind.PowerOn);
      }
      updateDiodeFault();
      updateRcd();
      for (Runnable hook : electricalHooks) {
        hook.run();
      }
    }
  }

  private CpState measureCp() {
    if (!enabled || cpStateFActive) {
      return CpState.F;
    }
    if (car.diodeShorted()) {
      return CpState.E;
    }
    return car.cpState();
  }

  private void updateDiodeFault() {
    if (car.diodeShorted() && !diodeFaultActive) {
      diodeFaultActive = true;
      errors.diodeFault(true);
    } else if (diodeFaultActive && cp == CpState.A) {
      diodeFaultActive = false;
      errors.diodeFault(false);
    }
  }

  private void updateRcd() {
    boolean trip = car.rcdCurrentMa() > ctx.config.rcdTripMilliamps();
    if (trip != rcdTripped) {
      rcdTripped = trip;
      errors.rcd(trip, car.rcdCurrentMa());
    }
  }

  private void publish(BspEventKind kind) {
    if (!ctx.started()) {
      return;
    }
    events.add(new PublishedEvent(ctx.now(), kind));
    ctx.emit(() -> listener.onBspEvent(kind));
  }

  private void publishTelemetry() {
    Telemetry t;
    synchronized (ctx.lock) {
      t = new Telemetry(25.0, Optional.of(25.0), 0.0, 12.0, -12.0, relaysClosed);
    }
    ctx.emit(() -> listener.onTelemetry(t));
  }

  private static BspEventKind toEvent(CpState s) {
    return switch (s) {
      case A -> BspEventKind.A;
      case B -> BspEventKind.B;
      case C -> BspEventKind.C;
      case D -> BspEventKind.D;
      case E -> BspEventKind.E;
      case F -> BspEventKind.F;
    };
  }

  static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
  }
}
