package dev.evse.app;

import dev.evse.app.config.AppConfig;
import dev.evse.app.config.EnergyOptions;
import dev.evse.core.EvseManager;
import dev.evse.core.port.BoardSupport;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.LoopGroup;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import dev.evse.core.port.SessionStore;
import java.util.Optional;
import dev.evse.core.port.PowerMeterListener;
import dev.evse.store.RegisterKeepingMeter;
import dev.evse.store.SqliteStore;
import dev.evse.store.log.SessionLogWriter;
import java.security.SecureRandom;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * One EVSE manager on simulated hardware: board with a scripted car, power meter, lock, a local
 * energy supply and (optionally) an automatic card reader. Everything runs on one event loop of
 * the given group, in real or virtual time.
 */
public final class SimulatedStation {
  private final AppConfig.EvseEntry entry;
  private final EvseManager evse;
  private final SimulatedHardware hardware;
  private final LocalEnergySupply energy;
  private final SessionLogWriter sessionLog;

  /**
   * @param boardDecorator wraps the board the kernel talks to (e.g. to print its commands)
   */
  public SimulatedStation(LoopGroup group, AppConfig.EvseEntry entry, EnergyOptions energyOptions,
      UnaryOperator<BoardSupport> boardDecorator) {
    this(group, entry, Optional.of(energyOptions), boardDecorator, Optional.empty());
  }

  /**
   * @param localEnergy the fixed local energy supply, or empty when an energy manager grants
   *     this EVSE its budget
   * @param store where the EVSE records its sessions, if anywhere
   */
  public SimulatedStation(LoopGroup group, AppConfig.EvseEntry entry, Optional<EnergyOptions> localEnergy,
      UnaryOperator<BoardSupport> boardDecorator, Optional<SqliteStore> store) {
    this.entry = entry;
    int id = entry.evse().connectorId;
    EventLoop loop = group.newLoop("evse-" + entry.evse().connectorId);
    SimulationConfig sim = SimulationConfig.builder()
        .ocmfKeySeed(entry.simulation().seed)
        .nominalVoltageV(entry.evse().acNominalVoltage)
        .carAutoExecInfinite(entry.simulation().repeat)
        .build();
    hardware = new SimulatedHardware(loop, sim);
    sessionLog = SessionLogWriter.forConfig(entry.evse(), loop.clock()::wallTime).orElse(null);
    evse = EvseManager.builder(loop, boardDecorator.apply(hardware.board()))
        .config(entry.evse())
        .connectorLock(hardware.lock())
        .powerMeter(hardware.meter())
        // With a database, ids must never repeat across runs; without one a seed makes runs repeatable.
        .random(store.isPresent() ? new SecureRandom() : new Random(entry.simulation().seed))
        .store(store.<SessionStore>map(s -> s.forEvse(id)).orElse(SessionStore.NONE))
        .sessionLog(sessionLog != null ? sessionLog::begin : dev.evse.core.port.SessionLog.NONE)
        .build();
    // A simulated meter restarts at 0 Wh; on top of a database it continues the recorded register.
    hardware.connect(evse, store.<PowerMeterListener>map(s -> RegisterKeepingMeter.over(evse, s, id)).orElse(evse),
        evse);
    store.ifPresent(s -> evse.addListener(s.forEvse(id)));
    if (sessionLog != null) {
      evse.addListener(sessionLog);
    }
    energy = localEnergy.map(o -> new LocalEnergySupply(evse, o)).orElse(null);
    String token = entry.simulation().autoAuthorizeToken;
    if (token != null && !token.isEmpty()) {
      evse.addListener(new AutoAuthorizer(evse, token, entry.simulation().autoAuthorizeDelayMs));
    }
  }

  /** Powers the hardware up, starts the kernel and the energy supply, then the car's script. */
  public void start() {
    hardware.start();
    evse.start();
    if (energy != null) {
      energy.start();
    }
    String script = entry.simulation().script;
    if (script != null && !script.isBlank()) {
      hardware.loop().post(() -> hardware.car().execute(script));
    }
  }

  public void stop() {
    if (energy != null) {
      energy.stop();
    }
    hardware.stop();
    if (sessionLog != null) {
      sessionLog.close();
    }
  }

  /** The fixed local energy supply, if this station has one. */
  public Optional<LocalEnergySupply> localEnergy() {
    return Optional.ofNullable(energy);
  }

  public EvseManager evse() {
    return evse;
  }

  public SimulatedHardware hardware() {
    return hardware;
  }
}
