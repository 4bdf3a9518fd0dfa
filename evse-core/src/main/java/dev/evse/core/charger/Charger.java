package dev.evse.core.charger;

import dev.evse.api.types.PauseChargingEVSEReasonEnum;
import dev.evse.api.types.PowerOnReason;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.iec.CpEvent;
import dev.evse.core.iec.DutyCycle;
import dev.evse.core.iec.IecStateMachine;
import dev.evse.core.runtime.Cancellable;
import dev.evse.core.runtime.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session state machine of AC basic charging (spec 3). All methods run on the EVSE's event
 * loop. Inputs change flags, then {@link #process()} evaluates the state until it is stable;
 * entry actions run once per real state change. Time-based rules ask for a wake-up at their
 * deadline instead of polling, so every timer fires to the millisecond.
 */
public final class Charger {
  private static final Logger LOG = LoggerFactory.getLogger(Charger.class);

  public static final long LEGACY_WAKEUP_TIMEOUT_MS = 30_000;
  public static final long PREPARING_TIMEOUT_PAUSED_BY_EV_MS = 10_000;
  public static final long IEC_PWM_MAX_UPDATE_INTERVAL_MS = 5_000;
  public static final long STOPPING_CHARGING_TIMEOUT_MS = 20_000;
  /** After the hard stop, how long the relays get to report that they opened. */
  public static final long RELAY_FEEDBACK_GRACE_MS = 1_000;
  public static final long T_STEP_EF_MS = 4_000;
  public static final long STAY_IN_X1_AFTER_TSTEP_EF_MS = 750;
  public static final long T_STEP_X1_MS = 3_000;
  /** A state machine that has not settled after this many passes has a bug. */
  private static final int MAX_PASSES = 32;

  private final EventLoop loop;
  private final IecStateMachine iec;
  private final ChargerSettings settings;
  private final SessionEventPublisher events;
  private final TransactionControl transactions;
  private final ChargerEnvironment env;

  private ChargerState state = ChargerState.Idle;
  /** State whose entry actions ran last; null forces the entry of the initial state. */
  private ChargerState entered;
  private long stateEnteredAt;

  private boolean evPluggedIn;
  private boolean authorized;
  private ProvidedIdToken idToken;
  private ValidationResult validation;
  private boolean pausedByUser;
  private boolean externallyCancelled;
  /** The EV is in C (or D): it asks for power. */
  private boolean iecAllow;
  private boolean contactorOpen = true;
  private ShutdownType shutdown = ShutdownType.NONE;
  private boolean fatalErrorActive;

  private Session session;
  private StopTransactionReason stopReason;
  private ProvidedIdToken stopIdTag;

  /** What the CP currently shows, as commanded by the charger. */
  private enum CpOutput { UNKNOWN, X1, PWM, F }

  private CpOutput cpOutput = CpOutput.UNKNOWN;
  private double pwmDuty = DutyCycle.NO_PWM;
  private double signalledCurrentA;
  private long lastPwmChangeAt = Long.MIN_VALUE / 2;
  private boolean relaysAllowedByCharger;

  private boolean legacyWakeupDone;
  private long pwmOnSince = -1;
  private long wakeupDoneAt = -1;

  private ChargerState stepReturnState;
  private long stepStartedAt;
  private boolean stepInX1;

  private boolean phaseSwitchRequested;
  private boolean phaseSwitchToThree;

  private long stoppingHardStopAt = -1;
  private Set<PauseChargingEVSEReasonEnum> lastReasons = EnumSet.noneOf(PauseChargingEVSEReasonEnum.class);
  private Cancellable fPulse = Cancellable.NONE;
  private boolean fPulseActive;

  private final ArrayDeque<CpEvent> cpEvents = new ArrayDeque<>();
  private boolean processing;
  private Cancellable wakeTimer = Cancellable.NONE;
  private long wakeAt = Long.MAX_VALUE;
  private long earliestRequestedWake = Long.MAX_VALUE;
  private final List<StateListener> stateListeners = new ArrayList<>();

  /** Told of every state entry (energy node, dashboard). */
  public interface StateListener {
    void onStateEntered(ChargerState state);
  }

  public Charger(
      EventLoop loop,
      IecStateMachine iec,
      ChargerSettings settings,
      SessionEventPublisher events,
      TransactionControl transactions,
      ChargerEnvironment env) {
    this.loop = loop;
    this.iec = iec;
    this.settings = settings;
    this.events = events;
    this.transactions = transactions;
    this.env = env;
  }

  public void addStateListener(StateListener l) {
    stateListeners.add(l);
  }

  // ---------------------------------------------------------------- inputs

  /** Starts the state machine in Idle (or Disabled). */
  public void start(boolean enabled) {
    state = enabled ? ChargerState.Idle : ChargerState.Disabled;
    entered = null;
    process();
  }

  /** Queues an event of the IEC layer; it is handled before the next evaluation. */
  public void onCpEvent(CpEvent event) {
    cpEvents.add(event);
    process();
  }

  /** An accepted authorisation (spec 5.3). Ignored after stop_transaction until the session ends. */
  public void authorize(ProvidedIdToken token, ValidationResult result) {
    if (externallyCancelled) {
      return;
    }
    if (state == ChargerState.Disabled || state == ChargerState.Finished) {
      return;
    }
    idToken = token;
    validation = result;
    if (session == null) {
      startSession(StartSessionReason.Authorized, Optional.of(token));
    }
    events.authorization(SessionEventEnum.Authorized);
    authorized = true;
    process();
  }

  /**
   * Withdraws the authorisation (spec 5.4 with decision Q4). In Idle and WaitingForAuthentication
   * only: without an authorisation this is the plug-in timeout, with one the session ends.
   */
  public WithdrawOutcome withdrawAuthorization() {
    WithdrawOutcome outcome = WithdrawOutcome.NO_EFFECT;
    if (session != null
        && (state == ChargerState.Idle || state == ChargerState.WaitingForAuthentication)) {
      if (!authorized) {
        if (state == ChargerState.WaitingForAuthentication) {
          events.authorization(SessionEventEnum.Deauthorized);
          events.simple(SessionEventEnum.PluginTimeout);
          outcome = WithdrawOutcome.PLUGIN_TIMEOUT;
        }
      } else {
        events.authorization(SessionEventEnum.Deauthorized);
        authorized = false;
        idToken = null;
        outcome = WithdrawOutcome.WITHDRAWN;
        if (!evPluggedIn && !transactions.isActive() && !transactions.isBusy()) {
          finishSession();
          state = ChargerState.Idle;
        }
      }
    }
    process();
    return outcome;
  }

  /** What a withdrawal did. */
  public enum WithdrawOutcome { NO_EFFECT, PLUGIN_TIMEOUT, WITHDRAWN }

  public boolean pauseByUser() {
    if (!transactions.isActive()) {
      return false;
    }
    pausedByUser = true;
    process();
    return true;
  }

  public boolean resumeByUser() {
    if (!transactions.isActive()) {
      return false;
    }
    pausedByUser = false;
    process();
    return true;
  }

  /** stop_transaction: ends the transaction; charging resumes only after a replug. */
  public boolean stopTransaction(StopTransactionReason reason, Optional<ProvidedIdToken> by) {
    if (!transactions.isActive()) {
      return false;
    }
    externallyCancelled = true;
    authorized = false;
    stopReason = reason;
    stopIdTag = by.orElse(null);
    process();
    return true;
  }

  /**
   * The EVSE is disabled (decision Q5): relays open first, an open transaction ends with reason
   * Other, the session ends, then the charger rests in Disabled until enabled again.
   */
  public void disable() {
    if (state == ChargerState.Disabled) {
      return;
    }
    iec.allowPowerOn(false, PowerOnReason.PowerOff);
    relaysAllowedByCharger = false;
    fPulse.cancel();
    fPulseActive = false;
    setCpF();
    state = ChargerState.Disabled;
    evPluggedIn = false;
    iecAllow = false;
    authorized = false;
    if (transactions.isActive()) {
      if (stopReason == null) {
        stopReason = StopTransactionReason.Other;
      }
      endTransaction();
    }
    process();
  }

  /** Leaves Disabled. */
  public void enable() {
    if (state == ChargerState.Disabled) {
      state = ChargerState.Idle;
      process();
    }
  }

  /** Error handling changed its verdict. A new fault in a charging state gives the F pulse (Q3). */
  public void setShutdown(ShutdownType type, boolean anyFatal) {
    ShutdownType previous = shutdown;
    shutdown = type;
    fatalErrorActive = anyFatal;
    if (previous == ShutdownType.NONE && type != ShutdownType.NONE) {
      shutdownActions(type);
      if (state.isChargingPhase() && settings.stateFAfterFaultMs() > 0) {
        startFPulse();
      }
    }
    process();
  }

  /** Re-evaluates now: the budget, the caps or the errors changed. */
  public void reevaluate() {
    process();
  }

  /** Requests a 1ph/3ph switch while charging (AC basic). False if not possible now. */
  public boolean requestPhaseSwitch(boolean threePhases) {
    if (state != ChargerState.Charging && state != ChargerState.SwitchPhases) {
      return false;
    }
    phaseSwitchRequested = true;
    phaseSwitchToThree = threePhases;
    process();
    return true;
  }

  // ---------------------------------------------------------------- queries

  public ChargerState state() {
    return state;
  }

  public boolean isAuthorized() {
    return authorized;
  }

  public boolean isPluggedIn() {
    return evPluggedIn;
  }

  public boolean isPausedByUser() {
    return pausedByUser;
  }

  public boolean transactionActive() {
    return transactions.isActive();
  }

  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  public Optional<ProvidedIdToken> idToken() {
    return Optional.ofNullable(idToken);
  }

  /** The current signalled through the PWM (0 when the PWM is off). */
  public double signalledCurrentA() {
    return cpOutput == CpOutput.PWM && iec.isPwmRunning() ? signalledCurrentA : 0.0;
  }

  public ShutdownType shutdownType() {
    return shutdown;
  }

  // ---------------------------------------------------------------- evaluation

  private void process() {
    if (processing) {
      return;
    }
    processing = true;
    try {
      do {
        CpEvent e;
        while ((e = cpEvents.poll()) != null) {
          handleCpEvent(e);
        }
        runStateMachine();
      } while (!cpEvents.isEmpty());
      armWakeup();
    } finally {
      processing = false;
    }
  }

  private void runStateMachine() {
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      if (state != entered) {
        entered = state;
        stateEnteredAt = now();
        onEntry(state);
        for (StateListener l : stateListeners) {
          l.onStateEntered(state);
        }
        if (state != entered) {
          continue;
        }
      }
      ChargerState before = state;
      evaluate(state);
      if (state == before) {
        return;
      }
    }
    LOG.warn("state machine did not settle after {} passes (state {})", MAX_PASSES, state);
  }

  private void handleCpEvent(CpEvent e) {
    switch (e) {
      case CarPluggedIn -> {
        if (state == ChargerState.Idle) {
          evPluggedIn = true;
          state = ChargerState.WaitingForAuthentication;
        }
      }
      case CarUnplugged -> {
        evPluggedIn = false;
        iecAllow = false;
      }
      case CarRequestedPower -> {
        iecAllow = true;
        if (state == ChargerState.ChargingPausedEV) {
          state = ChargerState.PrepareCharging;
        }
      }
      case CarRequestedStopPower -> {
        iecAllow = false;
        if (state == ChargerState.PrepareCharging) {
          state = ChargerState.ChargingPausedEVSE;
        }
      }
      case BCDtoE -> iecAllow = false;
      case PowerOn -> contactorOpen = false;
      case PowerOff -> contactorOpen = true;
      case EFtoBCD, BCDtoEF -> {
        // Only high-level communication reacts to these.
      }
    }
  }

  private void onEntry(ChargerState s) {
    switch (s) {
      case Disabled -> {
        setCpF();
      }
      case Idle -> {
        iecAllow = false;
        legacyWakeupDone = false;
        pausedByUser = false;
        lastReasons = EnumSet.noneOf(PauseChargingEVSEReasonEnum.class);
        env.clearInternalErrors();
        if (fatalErrorActive) {
          setCpF();
        } else {
          setCpX1();
        }
        // A session authorised before plug-in survives Idle; anything else has ended.
        if (session != null && !authorized) {
          finishSession();
        }
      }
      case WaitingForAuthentication -> {
        allowRelays(false);
        if (session == null) {
          startSession(StartSessionReason.EVConnected, Optional.empty());
        }
        events.simple(SessionEventEnum.AuthRequired);
        setCpX1();
      }
      case PrepareCharging -> {
        if (stepReturnState == null) {
          events.simple(SessionEventEnum.PrepareCharging);
        }
        stepReturnState = null;
        pwmOnSince = -1;
      }
      case Charging -> {
        legacyWakeupDone = false;
        wakeupDoneAt = -1;
        events.chargingState(SessionEventEnum.ChargingStarted);
      }
      case StoppingCharging -> {
        legacyWakeupDone = false;
        phaseSwitchRequested = false; // a switch asked for while charging is void once charging stops
        events.simple(SessionEventEnum.StoppingCharging);
        setCpX1();
        stoppingHardStopAt = now() + STOPPING_CHARGING_TIMEOUT_MS;
        if (shutdown != ShutdownType.NONE || !evPluggedIn || state == ChargerState.Disabled) {
          allowRelays(false);
        }
      }
      case ChargingPausedEV -> events.chargingState(SessionEventEnum.ChargingPausedEV);
      case ChargingPausedEVSE -> {
        setCpX1();
        allowRelays(false);
        lastReasons = EnumSet.noneOf(PauseChargingEVSEReasonEnum.class);
      }
      case Finished -> {
        allowRelays(false);
        setCpX1();
        if (transactions.isActive()) {
          endTransaction();
        }
      }
      case T_step_EF -> {
        stepStartedAt = now();
        stepInX1 = false;
        setCpF();
      }
      case T_step_X1 -> {
        stepStartedAt = now();
        setCpX1();
      }
      case SwitchPhases -> {
        events.simple(SessionEventEnum.SwitchingPhases);
        allowRelays(false);
        if ("F".equals(settings.switchPhasesCpState())) {
          setCpF();
        } else {
          setCpX1();
        }
      }
    }
  }

  private void evaluate(ChargerState s) {
    switch (s) {
      case Disabled -> {
        // Left only through enable(); a session open at disable ends once its transaction has.
        if (session != null && !transactions.isActive() && !transactions.isBusy()) {
          finishSession();
        }
      }
      case Idle -> {
        if (fatalErrorActive) {
          setCpF();
        } else if (cpOutput == CpOutput.F) {
          setCpX1();
        }
      }
      case WaitingForAuthentication -> evaluateWaitingForAuthentication();
      case PrepareCharging -> evaluatePrepareCharging();
      case Charging -> evaluateCharging();
      case StoppingCharging -> evaluateStoppingCharging();
      case ChargingPausedEV -> evaluatePausedEv();
      case ChargingPausedEVSE -> evaluatePausedEvse();
      case Finished -> {
        if (!evPluggedIn && !transactions.isBusy()) {
          finishSession();
          state = ChargerState.Idle;
        }
      }
      case T_step_EF, T_step_X1 -> {
        if (mustStop()) {
          stepReturnState = null;
          state = ChargerState.StoppingCharging;
        } else if (s == ChargerState.T_step_EF) {
          evaluateTStepEf();
        } else if (elapsedInState() >= T_STEP_X1_MS) {
          state = stepReturnState;
        } else {
          wakeAfter(stateEnteredAt + T_STEP_X1_MS);
        }
      }
      case SwitchPhases -> evaluateSwitchPhases();
    }
  }

  private void evaluateWaitingForAuthentication() {
    if (fatalErrorActive || !evPluggedIn) {
      state = ChargerState.Finished;
      return;
    }
    if (env.waitingForCableAmpacity()) {
      return;
    }
    if (!authorized) {
      return;
    }
    if (!transactions.isActive()) {
      if (!transactions.isBusy() && !transactions.startFailed()) {
        transactions.start(session, idToken, validation, this::process);
      }
      return;
    }
    state = ChargerState.PrepareCharging;
  }

  private boolean mustStop() {
    return fatalErrorActive || !authorized || !transactions.isActive() || !evPluggedIn;
  }

  private void evaluatePrepareCharging() {
    if (mustStop()) {
      state = ChargerState.StoppingCharging;
      return;
    }
    applyNominalPwm(false);
    if (!powerAvailable()) {
      pwmOnSince = -1;
      return;
    }
    if (iecAllow) {
      state = ChargerState.Charging;
      return;
    }
    if (pwmOnSince < 0) {
      pwmOnSince = now();
    }
    if (!legacyWakeupDone) {
      long due = pwmOnSince + LEGACY_WAKEUP_TIMEOUT_MS;
      if (now() >= due) {
        // IEC 61851-1 A.5.3: an EV asleep behind the PWM may wake up after an E/F step.
        legacyWakeupDone = true;
        wakeupDoneAt = -1;
        enterStep(ChargerState.T_step_EF, ChargerState.PrepareCharging);
      } else {
        wakeAfter(due);
      }
    } else {
      if (wakeupDoneAt < 0) {
        wakeupDoneAt = now();
      }
      long due = wakeupDoneAt + PREPARING_TIMEOUT_PAUSED_BY_EV_MS;
      if (now() >= due) {
        state = ChargerState.ChargingPausedEV;
      } else {
        wakeAfter(due);
      }
    }
  }

  private void evaluateCharging() {
    if (mustStop() || pausedByUser || !iecAllow || !powerAvailable()) {
      state = ChargerState.StoppingCharging;
      return;
    }
    if (phaseSwitchRequested) {
      state = ChargerState.SwitchPhases;
      return;
    }
    boolean justEntered = !relaysAllowedByCharger;
    applyNominalPwm(!justEntered);
    if (justEntered) {
      allowRelays(true);
    }
    env.checkOverCurrent(signalledCurrentA());
  }

  private void evaluateStoppingCharging() {
    if (stoppingHardStopAt >= 0 && now() >= stoppingHardStopAt) {
      allowRelays(false);
      if (!contactorOpen && now() >= stoppingHardStopAt + RELAY_FEEDBACK_GRACE_MS) {
        // Decision Q11: do not wait forever for a relay that does not report opening.
        env.raiseInternalError("relays did not report opening within "
            + (STOPPING_CHARGING_TIMEOUT_MS + RELAY_FEEDBACK_GRACE_MS) + " ms of a stop");
        contactorOpen = true;
      } else if (!contactorOpen) {
        wakeAfter(stoppingHardStopAt + RELAY_FEEDBACK_GRACE_MS);
      }
    } else if (stoppingHardStopAt >= 0) {
      wakeAfter(stoppingHardStopAt);
    }
    if (!contactorOpen) {
      return;
    }
    stoppingHardStopAt = -1;
    allowRelays(false);
    if (!transactions.isActive() || !evPluggedIn || !authorized) {
      state = ChargerState.Finished;
    } else if (!powerAvailable() || pausedByUser || fatalErrorActive) {
      state = ChargerState.ChargingPausedEVSE;
    } else {
      state = ChargerState.ChargingPausedEV;
    }
  }

  private void evaluatePausedEv() {
    if (!transactions.isActive() || !authorized || !evPluggedIn) {
      state = ChargerState.StoppingCharging;
      return;
    }
    // Decision Q9: errors and a user pause count here too.
    if (fatalErrorActive || pausedByUser || !powerAvailable()) {
      state = ChargerState.ChargingPausedEVSE;
      return;
    }
    if (iecAllow) {
      state = ChargerState.PrepareCharging;
      return;
    }
    applyNominalPwm(true);
    env.checkOverCurrent(signalledCurrentA());
  }

  private void evaluatePausedEvse() {
    if (!transactions.isActive() || !authorized || !evPluggedIn) {
      state = ChargerState.StoppingCharging;
      return;
    }
    Set<PauseChargingEVSEReasonEnum> reasons = EnumSet.noneOf(PauseChargingEVSEReasonEnum.class);
    if (fatalErrorActive) {
      reasons.add(PauseChargingEVSEReasonEnum.Error);
    }
    if (!powerAvailable()) {
      reasons.add(PauseChargingEVSEReasonEnum.NoEnergy);
    }
    if (pausedByUser) {
      reasons.add(PauseChargingEVSEReasonEnum.UserPause);
    }
    if (reasons.isEmpty()) {
      state = ChargerState.PrepareCharging;
      return;
    }
    if (!reasons.equals(lastReasons)) {
      lastReasons = reasons;
      List<PauseChargingEVSEReasonEnum> ordered = new ArrayList<>();
      for (PauseChargingEVSEReasonEnum r : List.of(
          PauseChargingEVSEReasonEnum.Error,
          PauseChargingEVSEReasonEnum.NoEnergy,
          PauseChargingEVSEReasonEnum.UserPause)) {
        if (reasons.contains(r)) {
          ordered.add(r);
        }
      }
      events.pausedEvse(ordered);
    }
  }

  private void evaluateTStepEf() {
    long elapsed = elapsedInState();
    if (!stepInX1) {
      if (elapsed >= T_STEP_EF_MS) {
        stepInX1 = true;
        setCpX1();
      } else {
        wakeAfter(stateEnteredAt + T_STEP_EF_MS);
        return;
      }
    }
    long total = T_STEP_EF_MS + STAY_IN_X1_AFTER_TSTEP_EF_MS;
    if (elapsed >= total) {
      state = stepReturnState;
    } else {
      wakeAfter(stateEnteredAt + total);
    }
  }

  private void evaluateSwitchPhases() {
    if (mustStop()) {
      phaseSwitchRequested = false;
      state = ChargerState.StoppingCharging;
      return;
    }
    long due = stateEnteredAt + settings.switchPhasesDelayMs();
    if (now() >= due) {
      phaseSwitchRequested = false;
      env.switchPhases(phaseSwitchToThree);
      state = ChargerState.PrepareCharging;
    } else {
      wakeAfter(due);
    }
  }

  private void enterStep(ChargerState step, ChargerState returnTo) {
    stepReturnState = returnTo;
    state = step;
  }

  // ---------------------------------------------------------------- actions

  private void startSession(StartSessionReason reason, Optional<ProvidedIdToken> token) {
    session = new Session(env.newSessionId(), reason, env.reservationId(), now());
    events.sessionStarted(session, token);
  }

  private void finishSession() {
    if (session == null) {
      return;
    }
    events.sessionFinished();
    session = null;
    authorized = false;
    idToken = null;
    externallyCancelled = false;
    pausedByUser = false;
    stopReason = null;
    stopIdTag = null;
    transactions.resetStartFailure();
  }

  private void endTransaction() {
    StopTransactionReason reason = stopReason != null ? stopReason : StopTransactionReason.EVDisconnected;
    Optional<ProvidedIdToken> by = Optional.ofNullable(stopIdTag);
    transactions.stop(session, reason, by, () -> {
      stopReason = null;
      stopIdTag = null;
      process();
    });
  }

  private void shutdownActions(ShutdownType type) {
    if (type == ShutdownType.EMERGENCY && cpOutput == CpOutput.PWM) {
      setCpX1();
    }
    allowRelays(false);
  }

  /** CP F for state_F_after_fault_ms, then X1; X1 requests meanwhile wait for its end. */
  private void startFPulse() {
    fPulse.cancel();
    setCpF();
    fPulseActive = true;
    fPulse = loop.schedule(settings.stateFAfterFaultMs(), () -> {
      fPulseActive = false;
      if (cpOutput == CpOutput.F && state != ChargerState.Disabled
          && state != ChargerState.T_step_EF && !(state == ChargerState.Idle && fatalErrorActive)) {
        setCpX1();
      }
      process();
    });
  }

  /** Tells the IEC layer the charger's permission; the IEC layer gates it by CP and PWM. */
  private void allowRelays(boolean allow) {
    if (allow) {
      relaysAllowedByCharger = true;
      iec.allowPowerOn(true, PowerOnReason.FullPowerCharging);
    } else if (relaysAllowedByCharger || iec.powerOnCommanded() || iec.relaysOn()) {
      relaysAllowedByCharger = false;
      iec.allowPowerOn(false, PowerOnReason.PowerOff);
    }
  }

  /**
   * Sets the PWM for the effective current. With no power the PWM goes off (X1), never 100 %
   * (decision Q10). Rate-limited callers change a running PWM at most every 5 s.
   */
  private void applyNominalPwm(boolean rateLimited) {
    if (fPulseActive) {
      return;
    }
    double amps = effectiveCurrentA();
    if (amps <= DutyCycle.MIN_CURRENT_A) {
      if (cpOutput != CpOutput.X1) {
        setCpX1();
      }
      return;
    }
    double duty = DutyCycle.fromAmps(amps);
    // The IEC layer may have switched the PWM off by itself (CP A or E): ask it, not our memory.
    if (cpOutput == CpOutput.PWM && iec.isPwmRunning() && duty == pwmDuty) {
      return;
    }
    if (rateLimited) {
      long due = lastPwmChangeAt + IEC_PWM_MAX_UPDATE_INTERVAL_MS;
      if (now() < due) {
        wakeAfter(due);
        return;
      }
    }
    cpOutput = CpOutput.PWM;
    pwmDuty = duty;
    signalledCurrentA = amps;
    lastPwmChangeAt = now();
    iec.setPwm(duty);
  }

  private void setCpX1() {
    if (cpOutput == CpOutput.X1 || fPulseActive) {
      return;
    }
    if (cpOutput == CpOutput.PWM) {
      lastPwmChangeAt = now();
    }
    cpOutput = CpOutput.X1;
    pwmDuty = DutyCycle.NO_PWM;
    signalledCurrentA = 0.0;
    iec.setX1();
  }

  private void setCpF() {
    if (cpOutput == CpOutput.F) {
      return;
    }
    if (cpOutput == CpOutput.PWM) {
      lastPwmChangeAt = now();
    }
    cpOutput = CpOutput.F;
    pwmDuty = DutyCycle.NO_PWM;
    signalledCurrentA = 0.0;
    iec.setF();
  }

  // ---------------------------------------------------------------- helpers

  private boolean powerAvailable() {
    return effectiveCurrentA() > DutyCycle.MIN_CURRENT_A;
  }

  private double effectiveCurrentA() {
    return env.effectiveCurrentA(state);
  }

  private long now() {
    return loop.clock().monotonicMillis();
  }

  private long elapsedInState() {
    return now() - stateEnteredAt;
  }

  /** Asks for an evaluation at {@code deadline}; the earliest request of a pass wins. */
  private void wakeAfter(long deadline) {
    earliestRequestedWake = Math.min(earliestRequestedWake, deadline);
  }

  private void armWakeup() {
    long target = earliestRequestedWake;
    earliestRequestedWake = Long.MAX_VALUE;
    if (target == wakeAt) {
      return;
    }
    wakeTimer.cancel();
    wakeAt = target;
    if (target == Long.MAX_VALUE) {
      wakeTimer = Cancellable.NONE;
      return;
    }
    wakeTimer = loop.schedule(Math.max(0, target - now()), () -> {
      wakeAt = Long.MAX_VALUE;
      wakeTimer = Cancellable.NONE;
      process();
    });
  }
}
