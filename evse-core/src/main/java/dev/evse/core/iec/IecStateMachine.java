package dev.evse.core.iec;

import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.PowerOnReason;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.ConnectorLock;
import dev.evse.core.runtime.Cancellable;
import dev.evse.core.runtime.EventLoop;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * IEC 61851-1 control pilot logic between the board and the charger: turns raw CP states and
 * relay feedback into {@link CpEvent}s, and is the only place that lets relays close. Power on is
 * sent to the board only while the CP is C (or D with ventilation), PWM is running and the charger
 * allows it; every other situation sends power off.
 */
public final class IecStateMachine {
  /** Table A.6 sequence 10.2: EV stays in C after PWM stopped: open the relays under load. */
  public static final long C1_POWER_OFF_MS = 6_000;
  /** Unlock the connector after this long in state F. */
  public static final long UNLOCK_IN_F_MS = 5_000;

  private final EventLoop loop;
  private final BoardSupport board;
  private final Optional<ConnectorLock> lock;
  private final Consumer<CpEvent> events;
  private final boolean hasVentilation;
  private final boolean lockInStateB;
  private final boolean simplifiedModeLimit10A;

  private boolean enabled;
  private RawCpState lastState = RawCpState.DISABLED;
  private boolean carPluggedIn;
  private boolean simplifiedMode;

  private double duty = DutyCycle.NO_PWM;
  private boolean pwmRunning;
  private boolean lastPwmRunning;

  /** What the board's CP output was last set to ("X1", "F" or the PWM duty), to skip repeats. */
  private String boardCp = "";
  /** The duty last sent with pwm_on (valid while boardCp is "PWM"). */
  private double boardDuty = Double.NaN;

  private boolean powerAllowed;
  private PowerOnReason powerReason = PowerOnReason.PowerOff;
  private boolean allowanceIsNew;
  /** What the board was last told: null before the first command. */
  private Boolean sentPowerOn;
  private boolean relaysOn;

  private Cancellable c1Timer = Cancellable.NONE;
  private boolean c1Running;
  private boolean c1Expired;
  private Cancellable unlockInFTimer = Cancellable.NONE;

  private boolean wantLock;
  private boolean forceUnlocked;
  private Boolean lockedSent;

  public IecStateMachine(
      EventLoop loop,
      BoardSupport board,
      Optional<ConnectorLock> lock,
      Consumer<CpEvent> events,
      boolean hasVentilation,
      boolean lockInStateB,
      boolean simplifiedModeLimit10A) {
    this.loop = loop;
    this.board = board;
    this.lock = lock;
    this.events = events;
    this.hasVentilation = hasVentilation;
    this.lockInStateB = lockInStateB;
    this.simplifiedModeLimit10A = simplifiedModeLimit10A;
  }

  /** Enables or disables the board; while disabled, CP events are ignored. */
  public void enable(boolean value) {
    enabled = value;
    if (!value) {
      powerOff(); // relays first, before anything else changes
    }
    board.enable(value);
    if (!value) {
      evaluate(RawCpState.DISABLED);
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** A BSP {@code event}: CP state or relay feedback. */
  public void onBspEvent(BspEventKind event) {
    switch (event) {
      case PowerOn -> {
        relaysOn = true;
        updateLock();
        events.accept(CpEvent.PowerOn);
      }
      case PowerOff -> {
        relaysOn = false;
        updateLock();
        events.accept(CpEvent.PowerOff);
      }
      default -> {
        if (enabled) {
          evaluate(toRaw(event));
        }
      }
    }
  }

  private static RawCpState toRaw(BspEventKind event) {
    return switch (event) {
      case A -> RawCpState.A;
      case B -> RawCpState.B;
      case C -> RawCpState.C;
      case D -> RawCpState.D;
      case E -> RawCpState.E;
      case F -> RawCpState.F;
      default -> RawCpState.DISABLED;
    };
  }

  /** Nominal or 5 % PWM; a duty of 1.0 or more is sent as 100 % and counts as "not running". */
  public void setPwm(double newDuty) {
    double d = newDuty;
    if (simplifiedModeLimit10A && simplifiedMode) {
      d = Math.min(d, DutyCycle.fromAmps(10.0));
    }
    duty = d;
    pwmRunning = DutyCycle.isRunning(d);
    if (!boardCp.equals("PWM") || Double.compare(boardDuty, d) != 0) {
      boardCp = "PWM";
      boardDuty = d;
      board.pwmOn(d * 100.0);
    }
    evaluate(lastState);
  }

  /** PWM off, constant +12 V. */
  public void setX1() {
    duty = DutyCycle.NO_PWM;
    pwmRunning = false;
    boardX1();
    evaluate(lastState);
  }

  /** Constant -12 V: EVSE not available. */
  public void setF() {
    duty = DutyCycle.NO_PWM;
    pwmRunning = false;
    if (!boardCp.equals("F")) {
      boardCp = "F";
      board.cpStateF();
    }
    evaluate(lastState);
  }

  /** The charger's permission for the relays. A refusal reaches the board at once. */
  public void allowPowerOn(boolean allow, PowerOnReason reason) {
    if (allow) {
      if (!powerAllowed || powerReason != reason) {
        allowanceIsNew = true;
      }
      powerAllowed = true;
      powerReason = reason;
      evaluate(lastState);
    } else {
      powerOff();
    }
  }

  /** {@code force_unlock}: unlock now if the relays are open. */
  public void forceUnlock() {
    if (lastState == RawCpState.B || lastState == RawCpState.C) {
      forceUnlocked = true;
    }
    if (!relaysOn) {
      lock.ifPresent(ConnectorLock::unlock);
      lockedSent = false;
    }
  }

  public boolean isPwmRunning() {
    return pwmRunning;
  }

  public double duty() {
    return duty;
  }

  public RawCpState cpState() {
    return lastState;
  }

  public boolean relaysOn() {
    return relaysOn;
  }

  public boolean isSimplifiedMode() {
    return simplifiedMode;
  }

  /** True while power-on has been sent to the board (and not revoked). */
  public boolean powerOnCommanded() {
    return Boolean.TRUE.equals(sentPowerOn);
  }

  private void evaluate(RawCpState state) {
    RawCpState prev = lastState;
    boolean changed = state != prev;
    boolean pwmStarted = pwmRunning && !lastPwmRunning;
    boolean pwmStopped = !pwmRunning && lastPwmRunning;
    lastPwmRunning = pwmRunning;
    lastState = state;

    switch (state) {
      case DISABLED -> {
        if (changed) {
          boardX1();
          simplifiedMode = false;
          stopC1();
          powerOff();
          wantLock = false;
        }
      }
      case A -> {
        if (changed) {
          boardX1();
          simplifiedMode = false;
          carPluggedIn = false;
          powerOff();
          stopC1();
          wantLock = false;
          if (prev != RawCpState.DISABLED) {
            events.accept(CpEvent.CarUnplugged);
          }
        }
      }
      case B -> {
        wantLock = lockInStateB;
        if (changed) {
          boolean fromPowerState = prev == RawCpState.C || prev == RawCpState.D
              || prev == RawCpState.E || prev == RawCpState.F;
          if (fromPowerState) {
            powerOff();
            stopC1();
          }
          if (prev == RawCpState.A || prev == RawCpState.DISABLED
              || (prev == RawCpState.F && !carPluggedIn)) {
            carPluggedIn = true;
            events.accept(CpEvent.CarPluggedIn);
          }
          if (fromPowerState) {
            events.accept(CpEvent.CarRequestedStopPower);
          }
          if (prev == RawCpState.E || prev == RawCpState.F) {
            events.accept(CpEvent.EFtoBCD);
          }
        }
      }
      case C, D -> evaluatePowerState(state, prev, changed, pwmStarted, pwmStopped);
      case E -> {
        if (changed) {
          wantLock = false;
          stopC1();
          powerOff();
          boardX1();
          if (prev.isBcd()) {
            events.accept(CpEvent.BCDtoEF);
            events.accept(CpEvent.BCDtoE);
          }
        }
      }
      case F -> {
        stopC1();
        powerOff();
        if (changed) {
          unlockInFTimer.cancel();
          unlockInFTimer = loop.schedule(UNLOCK_IN_F_MS, this::unlockInF);
          if (prev.isBcd()) {
            events.accept(CpEvent.BCDtoEF);
          }
        }
      }
    }
    if (state != RawCpState.F) {
      unlockInFTimer.cancel();
    }
    updateLock();
  }

  private void evaluatePowerState(
      RawCpState state, RawCpState prev, boolean changed, boolean pwmStarted, boolean pwmStopped) {
    if (state == RawCpState.D && !hasVentilation) {
      // D needs ventilation; without it the EV's request for power is refused.
      wantLock = true;
      powerOff();
      stopC1();
      return;
    }
    wantLock = true;
    if (changed && (prev == RawCpState.A || prev == RawCpState.DISABLED
        || (prev == RawCpState.F && !carPluggedIn))) {
      carPluggedIn = true;
      simplifiedMode = true;
      events.accept(CpEvent.CarPluggedIn);
    }
    if (changed && prev == RawCpState.B) {
      events.accept(CpEvent.CarRequestedPower);
    }
    if (pwmStopped) {
      startC1();
    }
    if (pwmStarted) {
      stopC1();
      if (powerAllowed) {
        powerOn();
      }
    }
    if (c1Expired) {
      c1Expired = false;
      powerOff();
    }
    if (pwmRunning && powerAllowed && (allowanceIsNew || (changed && prev == RawCpState.B))) {
      powerOn();
    }
    if (pwmStarted && simplifiedMode) {
      events.accept(CpEvent.CarRequestedPower);
    }
  }

  /** PWM off at the board; the PWM the charger asked for is off too, as on real hardware. */
  private void boardX1() {
    duty = DutyCycle.NO_PWM;
    pwmRunning = false;
    if (!boardCp.equals("X1")) {
      boardCp = "X1";
      board.cpStateX1();
    }
  }

  private void powerOn() {
    allowanceIsNew = false;
    if (!Boolean.TRUE.equals(sentPowerOn)) {
      sentPowerOn = true;
      board.allowPowerOn(new PowerOnOff(true, powerReason));
    }
  }

  /** Relays off now, and any earlier permission is forgotten. */
  private void powerOff() {
    powerAllowed = false;
    allowanceIsNew = false;
    powerReason = PowerOnReason.PowerOff;
    if (!Boolean.FALSE.equals(sentPowerOn)) {
      sentPowerOn = false;
      board.allowPowerOn(new PowerOnOff(false, PowerOnReason.PowerOff));
    }
  }

  private void startC1() {
    if (c1Running) {
      return;
    }
    c1Running = true;
    c1Timer = loop.schedule(C1_POWER_OFF_MS, () -> {
      c1Running = false;
      c1Expired = true;
      evaluate(lastState);
    });
  }

  private void stopC1() {
    c1Timer.cancel();
    c1Running = false;
    c1Expired = false;
  }

  private void unlockInF() {
    if (lastState == RawCpState.F) {
      wantLock = false;
      updateLock();
    }
  }

  private void updateLock() {
    boolean target = relaysOn || (wantLock && !forceUnlocked);
    if (!target) {
      forceUnlocked = false;
    }
    if (lock.isPresent() && !Boolean.valueOf(target).equals(lockedSent)) {
      lockedSent = target;
      if (target) {
        lock.get().lock();
      } else {
        lock.get().unlock();
      }
    }
  }
}
