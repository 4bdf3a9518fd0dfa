package dev.evse.core.testing;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.BspConnectorType;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.Energy;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.Limits;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.charger.ChargerState;
import dev.evse.core.port.ErrorSource;
import dev.evse.core.port.SessionStore;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One EVSE manager in virtual time with a recording board and a fake meter. Tests drive the CP
 * and commands, advance time, and read the ordered timeline of session events and board commands.
 */
public final class Harness {
  public final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
  public final EventLoop loop = time.newLoop("evse");
  public final Timeline timeline = new Timeline(time.clock());
  public final RecordingBoard board = new RecordingBoard(loop, timeline);
  public final FakeMeter meter = new FakeMeter();
  public final List<SessionEvent> events = new ArrayList<>();
  public final List<Limits> limits = new ArrayList<>();
  public final List<RaisedError> raised = new ArrayList<>();
  public final List<RaisedError> cleared = new ArrayList<>();
  public final EvseManager evse;

  public Harness() {
    this(c -> { }, SessionStore.NONE);
  }

  public Harness(Consumer<EvseConfig> configure) {
    this(configure, SessionStore.NONE);
  }

  public Harness(Consumer<EvseConfig> configure, SessionStore store) {
    EvseConfig config = new EvseConfig();
    config.initialMeterValueTimeoutMs = 0;
    configure.accept(config);
    evse = EvseManager.builder(loop, board)
        .config(config)
        .powerMeter(meter)
        .store(store)
        .random(new Random(42))
        .build();
    board.connect(evse);
    evse.addListener(new EvseManagerListener() {
      @Override
      public void onSessionEvent(SessionEvent e) {
        events.add(e);
        timeline.add(e.event().name() + detail(e));
      }

      @Override
      public void onLimits(Limits l) {
        limits.add(l);
      }

      @Override
      public void onErrorRaised(RaisedError e) {
        raised.add(e);
        timeline.add("raise " + e.type());
      }

      @Override
      public void onErrorCleared(RaisedError e) {
        cleared.add(e);
        timeline.add("clear " + e.type());
      }
    });
  }

  private static String detail(SessionEvent e) {
    if (e.chargingPausedEvse().isPresent()) {
      return " " + e.chargingPausedEvse().get().reasons();
    }
    if (e.transactionFinished().isPresent()) {
      return " " + e.transactionFinished().get().reason().map(Enum::name).orElse("");
    }
    if (e.sessionStarted().isPresent()) {
      return " " + e.sessionStarted().get().reason();
    }
    return "";
  }

  /** Capabilities of a 32 A three-phase cable installation, start-up, and a 32 A budget. */
  public Harness started() {
    evse.onCapabilities(capabilities(BspConnectorType.IEC62196Type2Cable));
    evse.start();
    time.runUntilIdle();
    budget(32);
    timeline.clear();
    events.clear();
    return this;
  }

  public static HardwareCapabilities capabilities(BspConnectorType type) {
    return new HardwareCapabilities(32, 6, 3, 1, 16, 6, 3, 1, true, false, Optional.empty(), type);
  }

  /** A budget of {@code amps} valid for a day. */
  public void budget(double amps) {
    await(evse.setMaxCurrent(amps, 86_400_000L));
  }

  public void cp(BspEventKind state) {
    evse.onBspEvent(state);
    time.runUntilIdle();
  }

  public void at(long millis) {
    time.advanceTo(millis);
  }

  public void advance(long millis) {
    time.advanceBy(millis);
  }

  public <T> T await(CompletableFuture<T> f) {
    time.runUntilIdle();
    if (!f.isDone()) {
      throw new AssertionError("command did not complete on the loop");
    }
    return f.join();
  }

  public static ProvidedIdToken token(String value) {
    return ProvidedIdToken.of(value, AuthorizationType.RFID);
  }

  public static ValidationResult accepted() {
    return ValidationResult.of(AuthorizationStatus.Accepted);
  }

  public static ValidationResult result(AuthorizationStatus status, Optional<Integer> reservationId) {
    return new ValidationResult(status, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), reservationId, Optional.empty());
  }

  public void authorize(String token) {
    await(evse.authorizeResponse(token(token), accepted()));
  }

  public void raise(ErrorSource source, String type, dev.evse.api.errors.Severity severity) {
    evse.onErrorRaised(source, RaisedError.of(type, "", "test", severity));
    time.runUntilIdle();
  }

  public void clearError(ErrorSource source, String type) {
    evse.onErrorCleared(source, type, "");
    time.runUntilIdle();
  }

  public void meterReading(double wh, double amps) {
    evse.onPowermeter(new Powermeter(dev.evse.api.codec.Rfc3339.format(time.clock().wallTime()), Optional.empty(),
        Optional.empty(), new Energy(wh, Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new dev.evse.api.types.Current(Optional.empty(), Optional.of(amps), Optional.of(amps),
            Optional.of(amps), Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    time.runUntilIdle();
  }

  public ChargerState state() {
    return evse.stateNow();
  }

  /** Session event names in order. */
  public List<String> eventNames() {
    return events.stream().map(e -> e.event().name()).toList();
  }
}
