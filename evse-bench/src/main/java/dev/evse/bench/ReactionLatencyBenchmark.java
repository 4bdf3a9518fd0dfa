package dev.evse.bench;

import dev.evse.api.types.BspEventKind;
import dev.evse.core.EvseManager;
import dev.evse.core.EvseStatus;
import dev.evse.core.charger.ChargerState;
import dev.evse.core.runtime.RealTimeLoopGroup;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reaction latency of one EVSE kernel on the real-time loop: from a CP event posted to the EVSE's
 * loop (the board stub's report) to the resulting {@code allow_power_on} command arriving at the
 * board stub.
 *
 * <ul>
 *   <li>{@link #chargingCtoB}: the EV leaves C for B while charging; the kernel must order the
 *       relays open ({@code allow_power_on false}). Path: IEC layer only.
 *   <li>{@link #pausedBtoC}: the EV asks for power again (B to C, PWM running); the kernel must
 *       allow the relays to close ({@code allow_power_on true}). Path: IEC layer, then the charger
 *       state machine (ChargingPausedEV, PrepareCharging, Charging).
 * </ul>
 *
 * <p>The JMH score (SampleTime) is the time from just before the event is posted until the
 * benchmark thread sees the command (it polls a volatile counter, yielding between polls so that,
 * on a small machine, it does not take a core from the EVSE loop or anything else). The teardown
 * also prints the exact post-to-arrival times stamped by the board stub.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Threads(1)
public class ReactionLatencyBenchmark {

  /** One EVSE kernel on a {@link RealTimeLoopGroup}, charging with a car behind a {@link RelayBoard}. */
  @State(Scope.Benchmark)
  public static class Station {
    RealTimeLoopGroup group;
    EvseManager evse;
    RelayBoard board;
    final Histogram offLatency = new Histogram();
    final Histogram onLatency = new Histogram();

    @Setup(Level.Trial)
    public void setUp() {
      group = new RealTimeLoopGroup();
      board = new RelayBoard();
      evse = EvseManager.builder(group.newLoop("bench"), board)
          .powerMeter(new InstantMeter())
          .random(new SplittableRandom(1))
          .build();
      board.connect(evse);
      evse.onCapabilities(Tokens.CAPABILITIES);
      evse.onPhasesAvailable(3);
      evse.onBspEvent(BspEventKind.A);
      evse.onPowermeter(Tokens.reading(0, 0.0, 0.0)); // else start-up waits 5 s for one
      evse.start();
      evse.setMaxCurrent(32.0, Tokens.LONG_VALIDITY_MS).join();
      awaitState(ChargerState.Idle);
      board.car(BspEventKind.B);
      awaitState(ChargerState.WaitingForAuthentication);
      evse.authorizeResponse(Tokens.CARD, Tokens.ACCEPTED).join();
      awaitState(ChargerState.PrepareCharging);
      long on = board.powerOnCount;
      board.car(BspEventKind.C);
      awaitCount(() -> board.powerOnCount, on);
      awaitState(ChargerState.Charging);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      System.out.println();
      System.out.println("board stub, C->B to allow_power_on(false): " + offLatency.summaryMicros());
      System.out.println("board stub, B->C to allow_power_on(true):  " + onLatency.summaryMicros());
      group.close();
    }

    /** Brings the kernel to Charging (relays closed) if the last invocation left it paused. */
    void ensureCharging() {
      if (!board.relaysClosed()) {
        awaitState(ChargerState.ChargingPausedEV);
        long on = board.powerOnCount;
        board.car(BspEventKind.C);
        awaitCount(() -> board.powerOnCount, on);
      }
      awaitState(ChargerState.Charging);
    }

    /** Brings the kernel to ChargingPausedEV (EV in B, PWM on, relays open). */
    void ensurePaused() {
      if (board.relaysClosed()) {
        awaitState(ChargerState.Charging);
        long off = board.powerOffCount;
        board.car(BspEventKind.B);
        awaitCount(() -> board.powerOffCount, off);
      }
      awaitState(ChargerState.ChargingPausedEV);
    }

    /**
     * Waits (through the loop, so every report queued before is handled) for {@code s}. Usually
     * one status call: the relay feedback is queued before the board stub counts the command.
     */
    void awaitState(ChargerState s) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        EvseStatus st = evse.status().join();
        if (st.state() == s) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("kernel in " + st.state() + ", expected " + s);
        }
        Thread.yield();
      }
    }

    static void awaitCount(LongSupplier counter, long before) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (counter.getAsLong() == before) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no board command within 10 s");
        }
        Thread.yield();
      }
    }
  }

  /** Charging, relays closed: ready for C to B. */
  @State(Scope.Thread)
  public static class Charging {
    @Setup(Level.Invocation)
    public void prepare(Station s) {
      s.ensureCharging();
    }
  }

  /** Paused by the EV, PWM on: ready for B to C. */
  @State(Scope.Thread)
  public static class Paused {
    @Setup(Level.Invocation)
    public void prepare(Station s) {
      s.ensurePaused();
    }
  }

  @Benchmark
  public long chargingCtoB(Station s, Charging ready) {
    RelayBoard board = s.board;
    long before = board.powerOffCount;
    long t0 = System.nanoTime();
    board.car(BspEventKind.B);
    while (board.powerOffCount == before) {
      Thread.yield(); // leaves the core to anything else runnable, so it does not preempt the loop
    }
    long latency = board.powerOffAt - t0;
    s.offLatency.record(latency);
    return latency;
  }

  @Benchmark
  public long pausedBtoC(Station s, Paused ready) {
    RelayBoard board = s.board;
    long before = board.powerOnCount;
    long t0 = System.nanoTime();
    board.car(BspEventKind.C);
    while (board.powerOnCount == before) {
      Thread.yield();
    }
    long latency = board.powerOnAt - t0;
    s.onLatency.record(latency);
    return latency;
  }
}
