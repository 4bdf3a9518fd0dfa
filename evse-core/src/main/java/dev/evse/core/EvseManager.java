package dev.evse.core;

import dev.evse.api.EvseManagerCommands;
import dev.evse.api.EvseManagerListener;
import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.Ampacity;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.BspConnectorType;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.Connector;
import dev.evse.api.types.Current;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnableSource;
import dev.evse.api.types.EnableState;
import dev.evse.api.types.EnergyTransferMode;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.Evse;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.Limits;
import dev.evse.api.types.LimitsRes;
import dev.evse.api.types.PlugAndChargeConfiguration;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.ProximityPilot;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.Telemetry;
import dev.evse.api.types.UpdateAllowedEnergyTransferModesResult;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.charger.Charger;
import dev.evse.core.charger.ChargerEnvironment;
import dev.evse.core.charger.ChargerSettings;
import dev.evse.core.charger.ChargerState;
import dev.evse.core.charger.Reservation;
import dev.evse.core.charger.SessionEventPublisher;
import dev.evse.core.charger.SessionIds;
import dev.evse.core.charger.ShutdownType;
import dev.evse.core.charger.TransactionControl;
import dev.evse.core.enable.EnableDisableTable;
import dev.evse.core.energy.EnergyNode;
import dev.evse.core.energy.PowerBudget;
import dev.evse.core.error.ErrorRegistry;
import dev.evse.core.error.FatalErrorPolicy;
import dev.evse.core.error.SoftOverCurrent;
import dev.evse.core.iec.IecStateMachine;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.port.BoardSupportListener;
import dev.evse.core.port.ConnectorLock;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.ErrorSource;
import dev.evse.core.port.PowerMeter;
import dev.evse.core.port.PowerMeterListener;
import dev.evse.core.port.SessionStore;
import dev.evse.core.runtime.Cancellable;
import dev.evse.core.runtime.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charging kernel of one connector: implements EVerest's {@code evse_manager} commands,
 * publishes its vars to listeners, and listens to the hardware behind its ports. Every input,
 * from any thread, is posted to the EVSE's own event loop; nothing here blocks.
 */
public final class EvseManager
    implements EvseManagerCommands, BoardSupportListener, PowerMeterListener, ErrorListener {
  private static final Logger LOG = LoggerFactory.getLogger(EvseManager.class);

  private final EvseConfig config;
  private final String moduleId;
  private final EventLoop loop;
  private final BoardSupport board;
  private final Optional<ConnectorLock> lock;
  private final List<PowerMeter> meters;
  private final ListenerFanout out = new ListenerFanout();
  private final SessionIds ids;

  private final IecStateMachine iec;
  private final Charger charger;
  private final SessionEventPublisher events;
  private final TransactionControl transactions;
  private final ErrorRegistry errors;
  private final EnableDisableTable enableTable = new EnableDisableTable();
  private final Reservation reservation = new Reservation();
  private final PowerBudget budget;
  private final SoftOverCurrent softOverCurrent;
  private final EnergyNode energyNode;

  private boolean connectorEnabled = true;
  private boolean started;
  private boolean ready;
  private boolean waitingForFirstMeterValue;
  private Cancellable firstMeterTimeout = Cancellable.NONE;
  private Cancellable budgetExpiry = Cancellable.NONE;
  private Cancellable overCurrentTimer = Cancellable.NONE;
  private HardwareCapabilities capabilities;
  private int phasesAvailable = 1;
  private double cableAmpacityA;
  private Powermeter lastMeter;
  private double highestPhaseCurrentA;
  private double lastOvercurrentLimit = Double.NaN;
  private PlugAndChargeConfiguration plugAndCharge =
      new PlugAndChargeConfiguration(Optional.empty(), Optional.empty(), Optional.empty());

  private EvseManager(Builder b) {
    this.config = b.config;
    this.moduleId = b.moduleId != null ? b.moduleId : "evse_manager_" + b.config.connectorId;
    this.loop = b.loop;
    this.board = b.board;
    this.lock = Optional.ofNullable(b.lock);
    this.meters = List.copyOf(b.meters);
    this.ids = new SessionIds(config.sessionIdType, b.random);
    this.budget = new PowerBudget(loop.clock().monotonicMillis());
    this.softOverCurrent = new SoftOverCurrent(
        config.softOverCurrentTolerancePercent, config.softOverCurrentMeasurementNoiseA,
        config.softOverCurrentTimeoutMs);
    this.events = new SessionEventPublisher(loop, this::meterValue, out, b.store, this::storeFailed);
    events.sessionLog(b.sessionLog);
    this.errors = new ErrorRegistry(
        new FatalErrorPolicy(config.failOnPowermeterErrors),
        config.inoperativeErrorUseVendorId,
        new ErrorRegistry.Outputs() {
          @Override
          public void ownErrorRaised(RaisedError error) {
            out.onErrorRaised(error);
          }

          @Override
          public void ownErrorCleared(RaisedError error) {
            out.onErrorCleared(error);
          }

          @Override
          public void shutdown(ShutdownType type, boolean fatalActive) {
            onShutdown(type, fatalActive);
          }
        });
    this.transactions = new TransactionControl(
        loop, meters, events, b.store, () -> Optional.ofNullable(lastMeter), config.evseId,
        config.failOnPowermeterErrors,
        new TransactionControl.Hooks() {
          @Override
          public Optional<Integer> reservationId() {
            return reservation.id();
          }

          @Override
          public void consumeReservation() {
            reservation.clear();
          }

          @Override
          public void raiseStartFailed(String message) {
            errors.raiseOwn(ErrorTypes.EVSE_MANAGER_POWERMETER_TRANSACTION_START_FAILED, "", message, Severity.Medium);
          }

          @Override
          public void raiseNotRecorded(String message) {
            errors.raiseOwn(ErrorTypes.EVSE_MANAGER_INTERNAL, "", message, Severity.High);
          }
        });
    // Charger and IEC layer reference each other only through the CP event queue.
    Charger[] chargerRef = new Charger[1];
    this.iec = new IecStateMachine(
        loop, b.board, lock, e -> chargerRef[0].onCpEvent(e),
        config.hasVentilation, config.lockConnectorInStateB, config.hackSimplifiedModeLimit10A);
    this.charger = new Charger(loop, iec, ChargerSettings.from(config), events, transactions, new Environment());
    chargerRef[0] = charger;
    this.energyNode = new EnergyNode(moduleId, loop, new EnergyNode.View() {
      @Override
      public ChargerState state() {
        return charger.state();
      }

      @Override
      public Optional<HardwareCapabilities> capabilities() {
        return Optional.ofNullable(capabilities);
      }

      @Override
      public int activePhases() {
        return phasesAvailable;
      }

      @Override
      public Optional<Powermeter> meterValue() {
        return Optional.ofNullable(lastMeter);
      }
    }, config.requestZeroPowerInIdle);
    charger.addStateListener(energyNode::onStateEntered);
    out.add(new SessionReactions());
  }

  /** What the manager itself does on its own session events (runs before outside listeners). */
  private final class SessionReactions implements EvseManagerListener {
    @Override
    public void onSessionEvent(dev.evse.api.types.SessionEvent e) {
      switch (e.event()) {
        case SessionStarted -> {
          out.onEvInfo(dev.evse.api.types.EVInfo.empty());
          if (config.disableAuthentication) {
            // Free service: authorise right after the session starts, once the event is out.
            loop.post(() -> charger.authorize(FREE_SERVICE_TOKEN, FREE_SERVICE_RESULT));
          }
        }
        case SessionFinished -> out.onEvInfo(dev.evse.api.types.EVInfo.empty());
        default -> { }
      }
    }
  }

  /** The token of free service ({@code disable_authentication}). */
  public static final ProvidedIdToken FREE_SERVICE_TOKEN = ProvidedIdToken.of(
      dev.evse.api.types.IdToken.of("FREESERVICE", dev.evse.api.types.IdTokenType.Local),
      dev.evse.api.types.AuthorizationType.RFID);
  private static final ValidationResult FREE_SERVICE_RESULT = ValidationResult.of(AuthorizationStatus.Accepted);

  /**
   * Receives this EVSE's {@code energy_flow_request}s (every second, and at once on the state
   * changes that matter). Register before {@link #start()}; called on the EVSE's loop.
   */
  public void addEnergyFlowListener(java.util.function.Consumer<dev.evse.api.types.EnergyFlowRequest> l) {
    energyNode.addListener(l);
  }

  public static Builder builder(EventLoop loop, BoardSupport board) {
    return new Builder(loop, board);
  }

  /** Wiring of one EVSE manager. */
  public static final class Builder {
    private final EventLoop loop;
    private final BoardSupport board;
    private EvseConfig config = new EvseConfig();
    private String moduleId;
    private ConnectorLock lock;
    private final List<PowerMeter> meters = new ArrayList<>();
    private SessionStore store = SessionStore.NONE;
    private dev.evse.core.port.SessionLog sessionLog = dev.evse.core.port.SessionLog.NONE;
    private RandomGenerator random = new java.security.SecureRandom();

    private Builder(EventLoop loop, BoardSupport board) {
      this.loop = Objects.requireNonNull(loop);
      this.board = Objects.requireNonNull(board);
    }

    public Builder config(EvseConfig c) {
      List<String> problems = c.problems();
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid EVSE config: " + String.join("; ", problems));
      }
      this.config = c;
      return this;
    }

    /** The id used as {@code uuid} in limits and energy messages (default evse_manager_N). */
    public Builder moduleId(String id) {
      this.moduleId = id;
      return this;
    }

    public Builder connectorLock(ConnectorLock l) {
      this.lock = l;
      return this;
    }

    /** A billing power meter; EVerest allows a car-side and a grid-side one. */
    public Builder powerMeter(PowerMeter m) {
      this.meters.add(m);
      return this;
    }

    public Builder store(SessionStore s) {
      this.store = s;
      return this;
    }

    /** Session logs ({@code session_logging}): the folder of each session's log. */
    public Builder sessionLog(dev.evse.core.port.SessionLog l) {
      this.sessionLog = l;
      return this;
    }

    /** The source of session ids; a seeded one makes runs reproducible. */
    public Builder random(RandomGenerator r) {
      this.random = r;
      return this;
    }

    public EvseManager build() {
      return new EvseManager(this);
    }
  }

  // ---------------------------------------------------------------- life cycle

  public void addListener(EvseManagerListener l) {
    out.add(l);
  }

  public void removeListener(EvseManagerListener l) {
    out.remove(l);
  }

  public void addStateListener(Charger.StateListener l) {
    loop.post(() -> charger.addStateListener(l));
  }

  public String moduleId() {
    return moduleId;
  }

  public EvseConfig config() {
    return config;
  }

  public EventLoop loop() {
    return loop;
  }

  /**
   * Runs the start-up sequence (spec 1.5): waits up to {@code initial_meter_value_timeout_ms}
   * for a first meter value, closes a transaction left open by a power loss, then becomes ready
   * unless {@code external_ready_to_start_charging} asks to wait.
   */
  public void start() {
    loop.post(() -> {
      if (started) {
        return;
      }
      started = true;
      if (lastMeter == null && !meters.isEmpty() && config.initialMeterValueTimeoutMs > 0) {
        waitingForFirstMeterValue = true;
        firstMeterTimeout = loop.schedule(config.initialMeterValueTimeoutMs, this::continueStartup);
      } else {
        continueStartup();
      }
    });
  }

  private void continueStartup() {
    waitingForFirstMeterValue = false;
    firstMeterTimeout.cancel();
    transactions.recoverAfterPowerLoss(() -> {
      out.onWaitingForExternalReady(config.externalReadyToStartCharging);
      if (!config.externalReadyToStartCharging) {
        readyToStartCharging();
      }
    });
  }

  private void readyToStartCharging() {
    if (ready) {
      LOG.warn("ready to start charging signalled again: ignored");
      return;
    }
    ready = true;
    out.onEvseId(config.evseId);
    if (capabilities != null) {
      out.onHwCapabilities(capabilities); // published before we were ready: pass it on now
    }
    out.onSupportedEnergyTransferModes(List.of());
    boolean enabled = enableTable.enabled() && connectorEnabled;
    EnableDisableSource initial = new EnableDisableSource(
        EnableSource.Unspecified, enabled ? EnableState.Enable : EnableState.Disable, 10000);
    enableTable.update(initial);
    iec.enable(enabled);
    charger.start(enabled);
    energyNode.start();
    publishLimits();
    events.enableState(enabled, enableTable.winner(), false);
    out.onReady(true);
  }

  /**
   * Stops the EVSE for a process shutdown: relays open and PWM off at once, the energy node
   * falls silent. An open transaction stays open on record, so the next start finishes it
   * (reason PowerLoss) exactly as after a power cut.
   */
  public CompletableFuture<Void> stop() {
    return loop.call(() -> {
      iec.allowPowerOn(false, dev.evse.api.types.PowerOnReason.PowerOff);
      iec.setX1();
      energyNode.stop();
      budgetExpiry.cancel();
      overCurrentTimer.cancel();
      return null;
    });
  }

  // ---------------------------------------------------------------- commands

  @Override
  public CompletableFuture<Evse> getEvse() {
    return loop.call(() -> new Evse(config.connectorId, List.of(new Connector(1, Optional.of(config.connectorType)))));
  }

  @Override
  public CompletableFuture<Boolean> enableDisable(int connectorId, EnableDisableSource cmdSource) {
    Objects.requireNonNull(cmdSource, "cmd_source");
    if (connectorId < 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("connector_id: " + connectorId + " is negative"));
    }
    return loop.call(() -> {
      EnableDisableTable.Verdict verdict = enableTable.update(cmdSource);
      if (connectorId != 0) {
        connectorEnabled = verdict.enabled();
      }
      boolean effective = verdict.enabled() && connectorEnabled;
      if (verdict.flipped()) {
        events.enableState(verdict.enabled(), verdict.winner(), connectorId != 0);
      }
      if (!ready) {
        return verdict.enabled();
      }
      if (!effective && charger.state() != ChargerState.Disabled) {
        iec.enable(false);
        charger.disable();
        if (reservation.clear()) {
          events.reservation(SessionEventEnum.ReservationEnd);
        }
      } else if (effective && charger.state() == ChargerState.Disabled) {
        iec.enable(true);
        charger.enable();
      } else {
        iec.enable(effective);
      }
      return verdict.enabled();
    });
  }

  @Override
  public CompletableFuture<Void> authorizeResponse(ProvidedIdToken providedToken, ValidationResult validationResult) {
    Objects.requireNonNull(providedToken, "provided_token");
    Objects.requireNonNull(validationResult, "validation_result");
    return loop.call(() -> {
      if (validationResult.authorizationStatus() == AuthorizationStatus.Accepted) {
        charger.authorize(providedToken, validationResult);
        validationResult.reservationId().ifPresent(reservation::reserveSilently);
      }
      // Rejections of EIM tokens are the Auth module's business; nothing changes here.
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> withdrawAuthorization() {
    return loop.call(() -> {
      if (charger.isAuthorized() && reservation.clear()) {
        events.reservation(SessionEventEnum.ReservationEnd);
      }
      Charger.WithdrawOutcome outcome = charger.withdrawAuthorization();
      if (outcome == Charger.WithdrawOutcome.PLUGIN_TIMEOUT && config.raiseMrec9) {
        errors.raiseOwn(ErrorTypes.EVSE_MANAGER_MREC9_AUTHORIZATION_TIMEOUT, "", "no authorization after plug-in", Severity.Medium);
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<Boolean> reserve(int reservationId) {
    return loop.call(() -> {
      if (charger.state() != ChargerState.Idle || errors.inoperative()) {
        return false;
      }
      Reservation.Outcome outcome = reservation.reserve(reservationId);
      if (outcome == Reservation.Outcome.ACCEPTED) {
        events.reservation(SessionEventEnum.ReservationStart);
      }
      return outcome.accepted();
    });
  }

  @Override
  public CompletableFuture<Void> cancelReservation() {
    return loop.call(() -> {
      if (reservation.clear()) {
        events.reservation(SessionEventEnum.ReservationEnd);
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<Boolean> pauseCharging() {
    return loop.call(charger::pauseByUser);
  }

  @Override
  public CompletableFuture<Boolean> resumeCharging() {
    return loop.call(charger::resumeByUser);
  }

  @Override
  public CompletableFuture<Boolean> stopTransaction(StopTransactionRequest request) {
    Objects.requireNonNull(request, "request");
    return loop.call(() -> charger.stopTransaction(request.reason(), request.idTag()));
  }

  @Override
  public CompletableFuture<Boolean> forceUnlock(int connectorId) {
    return loop.call(() -> {
      if (lock.isEmpty()) {
        return false;
      }
      charger.stopTransaction(StopTransactionReason.UnlockCommand, Optional.empty());
      iec.forceUnlock();
      return true;
    });
  }

  @Override
  public CompletableFuture<Boolean> externalReadyToStartCharging() {
    return loop.call(() -> {
      if (!config.externalReadyToStartCharging) {
        return false;
      }
      if (started && !waitingForFirstMeterValue && !transactions.isBusy()) {
        readyToStartCharging();
      }
      return true;
    });
  }

  @Override
  public CompletableFuture<Void> setPlugAndChargeConfiguration(PlugAndChargeConfiguration configuration) {
    Objects.requireNonNull(configuration, "plug_and_charge_configuration");
    return loop.call(() -> {
      plugAndCharge = new PlugAndChargeConfiguration(
          configuration.pncEnabled().or(plugAndCharge::pncEnabled),
          configuration.centralContractValidationAllowed().or(plugAndCharge::centralContractValidationAllowed),
          configuration.contractCertificateInstallationEnabled().or(plugAndCharge::contractCertificateInstallationEnabled));
      return null;
    });
  }

  /** The plug and charge settings last set (used by an ISO 15118 stack at session setup). */
  public CompletableFuture<PlugAndChargeConfiguration> plugAndChargeConfiguration() {
    return loop.call(() -> plugAndCharge);
  }

  @Override
  public CompletableFuture<UpdateAllowedEnergyTransferModesResult> updateAllowedEnergyTransferModes(
      List<EnergyTransferMode> allowedEnergyTransferModes) {
    Objects.requireNonNull(allowedEnergyTransferModes, "allowed_energy_transfer_modes");
    // No ISO 15118 stack is attached to this kernel (decision Q6: NoHlc without HLC).
    return loop.call(() -> UpdateAllowedEnergyTransferModesResult.NoHlc);
  }

  // ---------------------------------------------------------------- energy

  /**
   * {@code enforce_limits} from the energy tree (spec 8): ignored unless addressed to this node.
   * The root-side current (or power converted to current) becomes the budget for
   * {@code valid_for} seconds.
   */
  public CompletableFuture<Boolean> enforceLimits(EnforcedLimits limits) {
    Objects.requireNonNull(limits, "limits");
    return loop.call(() -> {
      if (!limits.uuid().equals(moduleId)) {
        return false;
      }
      out.onEnforcedLimits(limits);
      LimitsRes root = limits.limitsRootSide();
      double amps = root.acMaxCurrentA().map(n -> n.value()).orElse(0.0);
      if (root.totalPowerW().isPresent()) {
        double watts = root.totalPowerW().get().value();
        double fromWatts = watts / (config.acNominalVoltage * Math.max(1, phasesAvailable));
        if (fromWatts < amps || root.acMaxCurrentA().isEmpty()) {
          amps = root.acMaxCurrentA().isPresent() ? fromWatts : 0.0;
        }
      }
      root.acMaxPhaseCount().ifPresent(p -> applyPhaseCount(p.value()));
      return applyBudget(amps, limits.validFor() * 1000L);
    });
  }

  /**
   * The energy manager asks for another phase count: switched through the SwitchPhases state
   * while charging, directly at the board otherwise; only where the hardware can switch.
   */
  private void applyPhaseCount(int requested) {
    if (requested < 1 || requested > 3 || requested == phasesAvailable || capabilities == null
        || !capabilities.supportsChangingPhasesDuringCharging()) {
      return;
    }
    boolean three = requested == 3;
    if (charger.state() == ChargerState.Charging || charger.state() == ChargerState.SwitchPhases) {
      // Counted once the board has switched (end of SwitchPhases), not when asked: a switch
      // abandoned half-way must not leave a phase count the hardware does not have.
      charger.requestPhaseSwitch(three);
    } else if (!iec.relaysOn()) {
      board.acSwitchThreePhasesWhileCharging(three);
      phasesAvailable = three ? 3 : 1;
    }
  }

  /**
   * Sets the budget directly (what {@code enforce_limits} ends in): {@code amps} for
   * {@code validForMillis}. False, with nothing changed, if out of range.
   */
  public CompletableFuture<Boolean> setMaxCurrent(double amps, long validForMillis) {
    return loop.call(() -> applyBudget(amps, validForMillis));
  }

  private boolean applyBudget(double amps, long validForMillis) {
    if (validForMillis <= 0) {
      return false;
    }
    long now = loop.clock().monotonicMillis();
    if (!budget.set(amps, now + validForMillis)) {
      return false;
    }
    budgetExpiry.cancel();
    budgetExpiry = loop.schedule(budget.expiresAt() - now, () -> {
      if (budget.expireIfDue(loop.clock().monotonicMillis())) {
        publishLimits();
        charger.reevaluate();
      }
    });
    publishLimits();
    double effective = effectiveCurrent(charger.state());
    if (effective != lastOvercurrentLimit) {
      lastOvercurrentLimit = effective;
      board.acSetOvercurrentLimit(effective);
    }
    charger.reevaluate();
    return true;
  }

  private void publishLimits() {
    out.onLimits(new Limits(Optional.of(moduleId), effectiveCurrent(charger.state()), phasesAvailable));
  }

  private double effectiveCurrent(ChargerState state) {
    double a = budget.maxCurrentA();
    if (capabilities != null) {
      a = Math.min(a, capabilities.maxCurrentAImport());
    }
    if (isSocket() && state != ChargerState.Idle) {
      a = Math.min(a, cableAmpacityA);
    }
    return a;
  }

  private boolean isSocket() {
    return capabilities != null && capabilities.connectorType() == BspConnectorType.IEC62196Type2Socket;
  }

  // ---------------------------------------------------------------- hardware events

  @Override
  public void onBspEvent(BspEventKind event) {
    loop.post(() -> iec.onBspEvent(event));
  }

  @Override
  public void onCapabilities(HardwareCapabilities caps) {
    loop.post(() -> {
      capabilities = caps;
      phasesAvailable = caps.maxPhaseCountImport();
      if (ready) {
        out.onHwCapabilities(caps);
        publishLimits();
      }
      charger.reevaluate();
    });
  }

  @Override
  public void onTelemetry(Telemetry telemetry) {
    loop.post(() -> out.onTelemetry(telemetry));
  }

  @Override
  public void onPhasesAvailable(int phases) {
    loop.post(() -> {
      if (phases < 1 || phases > 3) {
        LOG.warn("ac_nr_of_phases_available {} outside 1..3: ignored", phases);
        return;
      }
      phasesAvailable = phases;
      publishLimits();
    });
  }

  @Override
  public void onPpAmpacity(ProximityPilot ampacity) {
    loop.post(() -> {
      cableAmpacityA = amps(ampacity.ampacity());
      charger.reevaluate();
    });
  }

  private double amps(Ampacity a) {
    return switch (a) {
      case None -> 0.0;
      case A_13 -> 13.0;
      case A_20 -> 20.0;
      case A_32 -> 32.0;
      case A_63_3ph_70_1ph -> capabilities != null && capabilities.maxPhaseCountImport() == 1 ? 70.0 : 63.0;
    };
  }

  @Override
  public void onRequestStopTransaction(StopTransactionRequest request) {
    loop.post(() -> charger.stopTransaction(request.reason(), request.idTag()));
  }

  @Override
  public void onPowermeter(Powermeter reading) {
    loop.post(() -> {
      lastMeter = reading;
      highestPhaseCurrentA = reading.currentA().map(EvseManager::highestPhase).orElse(0.0);
      out.onPowermeter(reading);
      if (waitingForFirstMeterValue) {
        continueStartup();
      }
      checkOverCurrent(charger.signalledCurrentA());
    });
  }

  private static double highestPhase(Current c) {
    return Math.max(c.l1().orElse(0.0), Math.max(c.l2().orElse(0.0), c.l3().orElse(0.0)));
  }

  @Override
  public void onPublicKeyOcmf(String publicKey) {
    loop.post(() -> out.onPowermeterPublicKeyOcmf(publicKey));
  }

  @Override
  public void onErrorRaised(ErrorSource source, RaisedError error) {
    loop.post(() -> errors.raise(source, error));
  }

  @Override
  public void onErrorCleared(ErrorSource source, String type, String subType) {
    loop.post(() -> errors.clear(source, type, subType));
  }

  /** The store could not record an event: charging must not go on without a record. */
  private void storeFailed(Throwable error) {
    LOG.error("session store failed", error);
    errors.raiseOwn(ErrorTypes.EVSE_MANAGER_INTERNAL, "SessionStore",
        "session store failed: " + error.getMessage(), Severity.High);
  }

  private void onShutdown(ShutdownType type, boolean fatalActive) {
    if (type != ShutdownType.NONE && reservation.clear()) {
      events.reservation(SessionEventEnum.ReservationEnd);
    }
    charger.setShutdown(type, fatalActive);
  }

  private void checkOverCurrent(double signalledA) {
    ChargerState s = charger.state();
    if (s != ChargerState.Charging && s != ChargerState.ChargingPausedEV) {
      softOverCurrent.reset();
      overCurrentTimer.cancel();
      return;
    }
    long now = loop.clock().monotonicMillis();
    if (softOverCurrent.update(signalledA, highestPhaseCurrentA, now)) {
      softOverCurrent.reset();
      errors.raiseOwn(ErrorTypes.EVSE_MANAGER_MREC4_OVER_CURRENT_FAILURE, "",
          "EV draws more than " + String.format("%.1f", softOverCurrent.limitA(signalledA)) + " A", Severity.High);
      return;
    }
    long due = softOverCurrent.dueAt();
    overCurrentTimer.cancel();
    if (due >= 0) {
      overCurrentTimer = loop.schedule(due - now, () -> checkOverCurrent(charger.signalledCurrentA()));
    }
  }

  // ---------------------------------------------------------------- state for observers

  /** A consistent snapshot of the kernel, taken on the loop. */
  public CompletableFuture<EvseStatus> status() {
    return loop.call(() -> new EvseStatus(
        charger.state(),
        charger.session().map(s -> s.uuid()).orElse(""),
        charger.isPluggedIn(),
        charger.isAuthorized(),
        charger.transactionActive(),
        iec.cpState().name(),
        iec.isPwmRunning() ? iec.duty() * 100.0 : 0.0,
        iec.relaysOn(),
        effectiveCurrent(charger.state()),
        phasesAvailable,
        reservation.isReserved(),
        enableTable.enabled() && connectorEnabled,
        errors.all(),
        Optional.ofNullable(lastMeter)));
  }

  /** Read on the loop only (tests in virtual time, listeners). */
  public ChargerState stateNow() {
    return charger.state();
  }

  private Powermeter meterValue() {
    if (lastMeter != null) {
      return lastMeter;
    }
    return Powermeter.of(loop.clock().wallTime(), 0.0);
  }

  /** The charger's view of the manager around it. */
  private final class Environment implements ChargerEnvironment {
    @Override
    public String newSessionId() {
      return ids.next();
    }

    @Override
    public Optional<Integer> reservationId() {
      return reservation.id();
    }

    @Override
    public double effectiveCurrentA(ChargerState state) {
      return effectiveCurrent(state);
    }

    @Override
    public boolean waitingForCableAmpacity() {
      return isSocket() && cableAmpacityA <= 0.0;
    }

    @Override
    public void clearInternalErrors() {
      errors.clearUntilUnplugErrors();
    }

    @Override
    public void raiseInternalError(String message) {
      errors.raiseOwn(ErrorTypes.EVSE_MANAGER_INTERNAL, "", message, Severity.High);
    }

    @Override
    public void checkOverCurrent(double signalledCurrentA) {
      EvseManager.this.checkOverCurrent(signalledCurrentA);
    }

    @Override
    public void switchPhases(boolean threePhases) {
      board.acSwitchThreePhasesWhileCharging(threePhases);
      phasesAvailable = threePhases ? 3 : 1;
      publishLimits();
    }
  }
}
