package dev.evse.site.auth;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.TokenValidationStatusMessage;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Auth on its own loop with real kernels on simulated hardware, all in virtual time. Records the
 * token_validation_status messages, the reservation updates and each EVSE's session events.
 */
final class KernelSite implements AutoCloseable {

  /** One EVSE: kernel, hardware and its session events. */
  static final class Station {
    final EvseManager evse;
    final SimulatedHardware hw;
    final List<SessionEvent> events = new ArrayList<>();

    Station(EvseManager evse, SimulatedHardware hw) {
      this.evse = evse;
      this.hw = hw;
    }

    List<String> eventNames() {
      return events.stream().map(e -> e.event().name()).toList();
    }

    Optional<SessionEvent> last(String name) {
      for (int i = events.size() - 1; i >= 0; i--) {
        if (events.get(i).event().name().equals(name)) {
          return Optional.of(events.get(i));
        }
      }
      return Optional.empty();
    }

    /** The car plugs in and waits (state B) until the EVSE offers current, then charges. */
    void plugInAndCharge() {
      hw.car().execute("iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 36000");
    }

    void unplug() {
      hw.car().modify("unplug");
    }
  }

  final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
  final Auth auth;
  final List<Station> stations = new ArrayList<>();
  final List<TokenValidationStatusMessage> statuses = new ArrayList<>();
  final List<ReservationUpdateStatus> updates = new ArrayList<>();

  KernelSite(int evseCount, Consumer<AuthConfig> configure) {
    this(evseCount, configure, (i, c) -> { });
  }

  KernelSite(int evseCount, Consumer<AuthConfig> configure, java.util.function.BiConsumer<Integer, EvseConfig> evseConfig) {
    AuthConfig config = AuthConfig.withConnectionTimeout(30);
    configure.accept(config);
    auth = new Auth(time.newLoop("auth"), config);
    auth.addStatusListener(statuses::add);
    auth.addReservationListener(updates::add);
    for (int i = 1; i <= evseCount; i++) {
      EventLoop loop = time.newLoop("evse-" + i);
      SimulatedHardware hw = new SimulatedHardware(loop, SimulationConfig.defaults());
      EvseConfig cfg = new EvseConfig();
      cfg.connectorId = i;
      evseConfig.accept(i, cfg);
      EvseManager evse = EvseManager.builder(loop, hw.board()).config(cfg).powerMeter(hw.meter())
          .random(new Random(i)).build();
      hw.connect(evse, evse, evse);
      Station s = new Station(evse, hw);
      evse.addListener(new EvseManagerListener() {
        @Override
        public void onSessionEvent(SessionEvent e) {
          s.events.add(e);
        }
      });
      auth.attach(evse);
      stations.add(s);
    }
  }

  /** Starts hardware, kernels and Auth and lets the kernels become ready. */
  KernelSite started() {
    for (Station s : stations) {
      s.hw.start();
      s.evse.start();
      s.evse.setMaxCurrent(32, 86_400_000);
    }
    auth.start();
    advanceSeconds(6);
    return this;
  }

  Station station(int evseId) {
    return stations.get(evseId - 1);
  }

  void advanceSeconds(double s) {
    time.advanceBy((long) (s * 1000));
  }

  void swipe(String value) {
    auth.onTokenProvided(rfid(value));
    time.runUntilIdle();
  }

  static ProvidedIdToken rfid(String value) {
    return ProvidedIdToken.of(IdToken.of(value, IdTokenType.ISO14443), AuthorizationType.RFID);
  }

  /** "status token connectors" for each published message, e.g. "UsedToStart CARD [1]". */
  List<String> statusLog() {
    return statuses.stream().map(KernelSite::describe).toList();
  }

  static String describe(TokenValidationStatusMessage m) {
    return m.status() + " " + m.token().idToken().value()
        + m.token().connectors().map(c -> " " + c).orElse("");
  }

  <T> T await(java.util.concurrent.CompletableFuture<T> f) {
    time.runUntilIdle();
    return f.join();
  }

  @Override
  public void close() {
    time.close();
  }
}
