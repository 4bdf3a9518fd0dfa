package dev.evse.bench;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import dev.evse.core.EvseManager;
import dev.evse.core.charger.ChargerState;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernel throughput on one core: events through one EVSE manager on a {@link VirtualTimeLoopGroup}
 * driven by the benchmark thread (one thread does everything, so ops/s = events per second per
 * core). An event is one input to the kernel (a BSP event, a meter value or a command), handled
 * completely, including the board commands and session events it causes.
 *
 * <ul>
 *   <li>{@link #cpEvents}: the EV pauses and resumes: C to B, the relay feedback PowerOff, B to C,
 *       PowerOn: four events per invocation, score in events/s. Virtual time moves 5 ms after each CP change
 *       so the kernel's own timers (energy request every second, stop timeouts) run as they would.
 *   <li>{@link #session}: a whole AC session (plug-in, authorisation, transaction, 20 meter values
 *       10 s apart, pause and resume, unplug), 31 events, 200 s of virtual time; score in
 *       sessions/s and, as the {@code events} counter, events/s.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class KernelThroughputBenchmark {
  static final long STEP_MS = 5;
  static final int METER_VALUES_PER_HALF = 10;

  /** One kernel in virtual time behind a {@link RelayBoard}, with an instant meter. */
  @State(Scope.Thread)
  public static class Station {
    VirtualTimeLoopGroup group;
    EvseManager evse;
    RelayBoard board;
    Powermeter[] readings;
    long sessionEvents;

    @Setup(Level.Trial)
    public void setUp() {
      group = new VirtualTimeLoopGroup();
      board = new RelayBoard();
      evse = EvseManager.builder(group.newLoop("bench"), board)
          .powerMeter(new InstantMeter())
          .random(new SplittableRandom(1))
          .build();
      board.connect(evse);
      evse.addListener(new EvseManagerListener() {
        @Override
        public void onSessionEvent(SessionEvent event) {
          sessionEvents++;
        }
      });
      evse.onCapabilities(Tokens.CAPABILITIES);
      evse.onPhasesAvailable(3);
      evse.onBspEvent(BspEventKind.A);
      evse.onPowermeter(Tokens.reading(0, 0.0, 0.0));
      evse.start();
      evse.setMaxCurrent(32.0, Tokens.LONG_VALIDITY_MS);
      group.advanceBy(1000);
      readings = new Powermeter[2 * METER_VALUES_PER_HALF];
      for (int i = 0; i < readings.length; i++) {
        readings[i] = Tokens.reading(i * 10_000L, i * 30.4, 16.0);
      }
    }

    ChargerState state() {
      return evse.stateNow();
    }

    void require(ChargerState s) {
      if (evse.stateNow() != s) {
        throw new IllegalStateException("kernel in " + evse.stateNow() + ", expected " + s);
      }
    }
  }

  /** A station charging, for {@link #cpEvents}. */
  @State(Scope.Thread)
  public static class ChargingStation {
    Station s;

    @Setup(Level.Trial)
    public void charge(Station station) {
      s = station;
      s.board.car(BspEventKind.B);
      s.group.advanceBy(STEP_MS);
      s.evse.authorizeResponse(Tokens.CARD, Tokens.ACCEPTED);
      s.group.advanceBy(STEP_MS);
      s.board.car(BspEventKind.C);
      s.group.advanceBy(STEP_MS);
      s.require(ChargerState.Charging);
    }
  }

  /** Events and outputs counted per {@link #session} invocation. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counts {
    /** Inputs handled by the kernel. */
    public long events;

    @Setup(Level.Iteration)
    public void reset() {
      events = 0;
    }
  }

  @Benchmark
  @OperationsPerInvocation(4)
  public void cpEvents(ChargingStation charging) {
    Station s = charging.s;
    s.board.car(BspEventKind.B); // C -> B, then the relays report PowerOff
    s.group.advanceBy(STEP_MS);
    s.board.car(BspEventKind.C); // B -> C, then PowerOn
    s.group.advanceBy(STEP_MS);
  }

  @Benchmark
  public long session(Station s, Counts c) {
    VirtualTimeLoopGroup g = s.group;
    EvseManager evse = s.evse;
    RelayBoard board = s.board;
    long commandsBefore = board.commands;
    board.car(BspEventKind.B); // plug in: AuthRequired
    g.advanceBy(1000);
    evse.authorizeResponse(Tokens.CARD, Tokens.ACCEPTED); // transaction, PWM on
    g.advanceBy(1000);
    board.car(BspEventKind.C); // charging: PowerOn comes back
    g.advanceBy(1000);
    int r = 0;
    for (int i = 0; i < METER_VALUES_PER_HALF; i++) {
      evse.onPowermeter(s.readings[r++]);
      g.advanceBy(10_000);
    }
    board.car(BspEventKind.B); // EV pause: PowerOff comes back
    g.advanceBy(1000);
    board.car(BspEventKind.C); // resume: PowerOn
    g.advanceBy(1000);
    for (int i = 0; i < METER_VALUES_PER_HALF; i++) {
      evse.onPowermeter(s.readings[r++]);
      g.advanceBy(10_000);
    }
    board.car(BspEventKind.B); // EV done: PowerOff
    g.advanceBy(1000);
    board.car(BspEventKind.A); // unplug: transaction and session end
    g.advanceBy(1000);
    if (evse.stateNow() != ChargerState.Idle) {
      throw new IllegalStateException("session did not end: " + evse.stateNow());
    }
    // B, authorize, C, PowerOn, 10 meter values, B, PowerOff, C, PowerOn, 10 meter values, B, PowerOff, A
    c.events += 3 + 1 + METER_VALUES_PER_HALF + 4 + METER_VALUES_PER_HALF + 3;
    return board.commands - commandsBefore;
  }
}
