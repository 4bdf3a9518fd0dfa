package dev.evse.store;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.port.SessionStore;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One kernel on simulated hardware in virtual time, with a real store. The store commits on its
 * own thread, so every step of virtual time waits for the store and runs what its commits posted.
 */
final class KernelRig implements AutoCloseable {
  static final ValidationResult ACCEPTED = new ValidationResult(AuthorizationStatus.Accepted, Optional.empty(),
      List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  final VirtualTimeLoopGroup time;
  final EventLoop loop;
  final SimulatedHardware hw;
  final EvseManager evse;
  final SqliteStore store;
  final List<SessionEvent> published = new CopyOnWriteArrayList<>();
  final List<RaisedError> raised = new CopyOnWriteArrayList<>();

  /**
   * @param sessionStore what the kernel records to (the store's view, or a wrapper of it)
   * @param autoAuthorize token presented on AuthRequired, or null
   */
  KernelRig(SqliteStore store, SessionStore sessionStore, Instant epoch, ProvidedIdToken autoAuthorize) {
    this.store = store;
    this.time = new VirtualTimeLoopGroup(epoch);
    this.loop = time.newLoop("evse-1");
    this.hw = new SimulatedHardware(loop, SimulationConfig.builder().ocmfKeySeed(1).build());
    EvseConfig config = new EvseConfig();
    this.evse = EvseManager.builder(loop, hw.board())
        .config(config)
        .connectorLock(hw.lock())
        .powerMeter(hw.meter())
        .store(sessionStore)
        .random(new java.security.SecureRandom())
        .build();
    hw.connect(evse, RegisterKeepingMeter.over(evse, store, 1), evse);
    evse.addListener(new EvseManagerListener() {
      @Override
      public void onSessionEvent(SessionEvent e) {
        published.add(e);
        if (e.event() == SessionEventEnum.AuthRequired && autoAuthorize != null) {
          evse.authorizeResponse(autoAuthorize, ACCEPTED);
        }
      }

      @Override
      public void onErrorRaised(RaisedError error) {
        raised.add(error);
      }
    });
  }

  void start() {
    hw.start();
    evse.start();
    evse.setMaxCurrent(32, 3_600_000);
    settle();
  }

  /** Waits for the store and runs what its commits posted, until nothing more happens. */
  void settle() {
    for (int i = 0; i < 4; i++) {
      try {
        store.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      time.runUntilIdle();
    }
  }

  void advance(long millis) {
    long end = time.now() + millis;
    while (time.now() < end) {
      time.advanceBy(Math.min(100, end - time.now()));
      settle();
    }
  }

  List<SessionEventEnum> kinds() {
    return published.stream().map(SessionEvent::event).toList();
  }

  List<SessionEvent> of(SessionEventEnum kind) {
    return published.stream().filter(e -> e.event() == kind).toList();
  }

  boolean relaysEverCommandedOn() {
    return hw.board().commandLog().stream()
        .anyMatch(r -> r.name().equals("allow_power_on") && String.valueOf(r.argument()).startsWith("true"));
  }

  @Override
  public void close() {
    hw.stop();
    time.close();
  }
}
