package dev.evse.bench;

import dev.evse.core.EvseConfig;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a fleet of EVSE managers with simulated cars in one JVM and reports what it costs.
 *
 * <p><b>Virtual time</b> (default): {@code evses} kernels, each with a car doing
 * {@code sessionsPerEvse} full AC sessions ({@link SessionPlan#DEFAULT}: plug-in, authorisation on
 * AuthRequired, one hour of charging with meter values every 10 s, one EV pause and resume,
 * unplug). The EVSEs are split over {@code threads} independent {@link VirtualTimeLoopGroup}s
 * (shards), one thread each; every shard is deterministic for a given seed. Prints sessions and
 * events per second (wall clock), the heap per EVSE (used heap after a full GC at t = 10 min, when
 * every car charges, minus the heap before the fleet was built, divided by N) and GC time.
 *
 * <p><b>Real time</b> ({@code --real-time --duration 60s}): the EVSEs run on one
 * {@link RealTimeLoopGroup}; after every car has started charging, measures over
 * {@code duration} the process CPU time (as a share of one core) and the lateness of probe timers
 * scheduled every second on each EVSE's loop (p50 / p99 / max).
 *
 * <pre>
 * java -Xmx512m -cp evse-bench/target/evse-bench.jar dev.evse.bench.FleetBenchmark --evses 10000 --sessions 6
 * java -Xmx512m -cp evse-bench/target/evse-bench.jar dev.evse.bench.FleetBenchmark --evses 1000 --real-time --duration 60s
 * </pre>
 */
public final class FleetBenchmark {

  /** The hardware behind each kernel. */
  public enum Hardware {
    /** Event-driven board, car and meter of this module: only the events a session needs. */
    LIGHT,
    /** evse-sim's SimulatedHardware (250 ms car tick, 1 s telemetry) with a 10 s billing meter. */
    SIM
  }

  /**
   * @param evses number of EVSE managers
   * @param sessionsPerEvse sessions each car does (virtual time; in real time the first session
   *     lasts far longer than any run)
   * @param realTime run on a {@link RealTimeLoopGroup} for {@code duration} instead of in virtual time
   * @param duration measurement window in real time (ignored in virtual time)
   * @param progress draw a progress bar on stderr
   * @param threads virtual time: shards run in parallel; real time: worker threads of the loop group
   * @param hardware what is behind each kernel
   * @param seed seeds arrivals and session ids
   */
  public record Options(int evses, int sessionsPerEvse, boolean realTime, Duration duration, boolean progress,
      int threads, Hardware hardware, long seed) {
    public Options {
      if (evses < 1) {
        throw new IllegalArgumentException("evses must be >= 1: " + evses);
      }
      if (sessionsPerEvse < 0) {
        throw new IllegalArgumentException("sessionsPerEvse must be >= 0: " + sessionsPerEvse);
      }
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be positive: " + duration);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1: " + threads);
      }
      if (hardware == null) {
        throw new IllegalArgumentException("hardware must be given");
      }
    }

    /** 1,000 EVSEs x 6 sessions in virtual time, light hardware, one shard per core, with progress. */
    public static Options defaults() {
      return new Options(1000, 6, false, Duration.ofSeconds(60), true,
          Runtime.getRuntime().availableProcessors(), Hardware.LIGHT, 1);
    }

    public Options withEvses(int n) {
      return new Options(n, sessionsPerEvse, realTime, duration, progress, threads, hardware, seed);
    }

    public Options withSessionsPerEvse(int k) {
      return new Options(evses, k, realTime, duration, progress, threads, hardware, seed);
    }

    public Options withRealTime(boolean rt) {
      return new Options(evses, sessionsPerEvse, rt, duration, progress, threads, hardware, seed);
    }

    public Options withDuration(Duration d) {
      return new Options(evses, sessionsPerEvse, realTime, d, progress, threads, hardware, seed);
    }

    public Options withProgress(boolean p) {
      return new Options(evses, sessionsPerEvse, realTime, duration, p, threads, hardware, seed);
    }

    public Options withThreads(int t) {
      return new Options(evses, sessionsPerEvse, realTime, duration, progress, t, hardware, seed);
    }

    public Options withHardware(Hardware h) {
      return new Options(evses, sessionsPerEvse, realTime, duration, progress, threads, h, seed);
    }

    public Options withSeed(long s) {
      return new Options(evses, sessionsPerEvse, realTime, duration, progress, threads, hardware, s);
    }
  }

  /**
   * What a run measured. Times are wall clock; rates are per wall-clock second of the measured
   * phase (virtual: the whole simulation after the fleet was built, without the heap measurement
   * pause; real time: the measurement window).
   *
   * @param sessionsCompleted sessions that ended (SessionFinished)
   * @param wallSeconds measured wall time
   * @param virtualHours virtual time simulated (virtual runs), or the window (real time)
   * @param inputs kernel inputs in the measured phase: BSP events, meter values, commands
   * @param outputs kernel outputs in the measured phase: board and meter commands, session events
   * @param buildSeconds time to build and wire the fleet (not measured in the rates)
   * @param heapPerEvseBytes used heap after GC with the fleet running, minus before, divided by N
   * @param heapUsedBytes used heap after GC with the fleet running
   * @param gcCount collections during the measured phase
   * @param gcMillis collection time during the measured phase
   * @param charging EVSEs charging at the heap measurement (virtual) or at the window's start (real time)
   * @param cpuShareOfOneCore real time: process CPU time / wall time (1.0 = one core busy)
   * @param probeSamples real time: probe timers that fired in the window
   * @param latenessP50Nanos real time: probe timer lateness, median
   * @param latenessP99Nanos real time: probe timer lateness, 99th percentile
   * @param latenessMaxNanos real time: probe timer lateness, maximum
   * @param processCpuSeconds process CPU time (all threads: loops, GC, JIT) in the measured phase
   * @param shardCpuSeconds virtual time: CPU time of the shard threads (the simulation itself); the
   *     wall time the run would take on an otherwise idle machine is about this divided by the shards
   * @param cpuPressure share of the measured wall time in which some task on the machine waited for a
   *     CPU (Linux PSI, /proc/pressure/cpu), -1 where unavailable: near 0 on an idle machine, near 1
   *     when other work competes for every core
   */
  public record Result(Options options, long sessionsCompleted, double wallSeconds, double virtualHours,
      long inputs, long outputs, double buildSeconds, long heapPerEvseBytes, long heapUsedBytes, long gcCount,
      long gcMillis, int charging, double cpuShareOfOneCore, long probeSamples, long latenessP50Nanos,
      long latenessP99Nanos, long latenessMaxNanos, double processCpuSeconds, double shardCpuSeconds,
      double cpuPressure) {

    public double sessionsPerSecond() {
      return sessionsCompleted / wallSeconds;
    }

    public double eventsPerSecond() {
      return inputs / wallSeconds;
    }

    public double outputsPerSecond() {
      return outputs / wallSeconds;
    }

    /** The figures as printed by {@link FleetBenchmark#main}. */
    public String report() {
      Options o = options;
      StringBuilder sb = new StringBuilder();
      line(sb, "fleet", "%d EVSEs, %s, %s hardware, %d %s, java %s, %d cpus, max heap %d MiB",
          o.evses(), o.realTime() ? "real time " + o.duration().toMillis() / 1000.0 + " s"
              : o.sessionsPerEvse() + " sessions each in virtual time",
          o.hardware().name().toLowerCase(Locale.ROOT), o.threads(), o.realTime() ? "loop threads" : "shards",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);
      line(sb, "build", "%.2f s", buildSeconds);
      if (!o.realTime()) {
        line(sb, "sessions", "%d of %d in %.2f s wall, %.2f h virtual", sessionsCompleted,
            (long) o.evses() * o.sessionsPerEvse(), wallSeconds, virtualHours);
        line(sb, "sessions/s", "%.0f", sessionsPerSecond());
        line(sb, "CPU", "shard threads %.2f s (%.0f sessions per CPU-second), process %.2f s", shardCpuSeconds,
            sessionsCompleted / Math.max(1e-9, shardCpuSeconds), processCpuSeconds);
      } else {
        line(sb, "charging", "%d of %d EVSEs at the start of the window", charging, o.evses());
        line(sb, "window", "%.2f s", wallSeconds);
        line(sb, "process CPU", "%.1f %% of one core (%.2f s)", cpuShareOfOneCore * 100.0, processCpuSeconds);
        line(sb, "timer lateness", "p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d probes)", latenessP50Nanos / 1e6,
            latenessP99Nanos / 1e6, latenessMaxNanos / 1e6, probeSamples);
      }
      line(sb, "events/s", "%.0f kernel inputs/s (BSP events, meter values, commands); %.0f outputs/s",
          eventsPerSecond(), outputsPerSecond());
      line(sb, "heap/EVSE", "%.1f KiB (%d MiB used after GC with %d EVSEs%s)", heapPerEvseBytes / 1024.0,
          heapUsedBytes >> 20, o.evses(), o.realTime() ? "" : ", " + charging + " charging");
      line(sb, "GC", "%d collections, %d ms (%.1f %% of wall time)", gcCount, gcMillis,
          gcMillis / 10.0 / wallSeconds);
      line(sb, "machine", "%s", cpuPressure < 0 ? "CPU pressure unknown"
          : String.format(Locale.ROOT, "CPU pressure %.0f %% (share of the time some task waited for a CPU;"
              + " high = figures taken on a busy machine)", cpuPressure * 100));
      return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String format, Object... args) {
      sb.append(String.format(Locale.ROOT, "%-15s %s%n", key + ":", String.format(Locale.ROOT, format, args)));
    }
  }

  /** Virtual time moves in steps this long between progress updates. */
  private static final long STEP_MS = 60_000;
  /** When the heap is measured in virtual time: every first car charges by then. */
  private static final long HEAP_CHECKPOINT_MS = 10 * 60_000;
  /** Real time: probe timer period on each EVSE loop. */
  private static final long PROBE_PERIOD_MS = 1_000;

  private FleetBenchmark() {}

  public static Result run(Options o) {
    return run(o, o.progress() ? System.err : null);
  }

  /** Runs with the progress bar (if {@code progress}) on {@code progressOut}. */
  public static Result run(Options o, PrintStream progressOut) {
    PrintStream out = o.progress() ? progressOut : null;
    return o.realTime() ? runRealTime(o, out) : runVirtual(o, out);
  }

  // ---------------------------------------------------------------- virtual time

  private static Result runVirtual(Options o, PrintStream progressOut) {
    SessionPlan plan = SessionPlan.DEFAULT;
    int shards = Math.min(o.threads(), o.evses());
    long heapBefore = usedHeapAfterGc();
    long b0 = System.nanoTime();
    VirtualTimeLoopGroup[] groups = new VirtualTimeLoopGroup[shards];
    List<List<FleetStation>> byShard = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      groups[s] = new VirtualTimeLoopGroup();
      byShard.add(new ArrayList<>());
    }
    List<FleetStation> all = buildFleet(o, plan, i -> groups[i % shards].newLoop("evse-" + i), byShard, shards);
    double buildSeconds = (System.nanoTime() - b0) / 1e9;

    long horizon = plan.firstArrivalWindowMs() + 2_000 + o.sessionsPerEvse() * plan.sessionSpanMs() + 3_600_000;
    long checkpoint = Math.min(HEAP_CHECKPOINT_MS, horizon);
    CountDownLatch atCheckpoint = new CountDownLatch(shards);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    long[] shardCpu = new long[shards];
    for (int s = 0; s < shards; s++) {
      VirtualTimeLoopGroup g = groups[s];
      List<FleetStation> mine = byShard.get(s);
      int shard = s;
      Thread t = new Thread(() -> {
        var mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        try {
          while (g.now() < checkpoint) {
            g.advanceTo(Math.min(checkpoint, g.now() + STEP_MS));
          }
          atCheckpoint.countDown();
          resume.await();
          while (!allDone(mine, o.sessionsPerEvse())) {
            if (g.now() >= horizon) {
              throw new IllegalStateException("sessions did not finish by t=" + horizon / 1000 + " s (virtual): "
                  + sessions(mine) + " of " + (long) mine.size() * o.sessionsPerEvse());
            }
            g.advanceBy(STEP_MS);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          atCheckpoint.countDown();
        } finally {
          shardCpu[shard] = mx.getCurrentThreadCpuTime() - cpu0;
        }
      }, "fleet-shard-" + s);
      t.setDaemon(true);
      threads.add(t);
    }

    long total = (long) o.evses() * o.sessionsPerEvse();
    ProgressBar bar = new ProgressBar(progressOut, "sessions");
    GcSnapshot gc0 = GcSnapshot.now();
    long pcpu0 = processCpuNanos();
    long psi0 = cpuStallMicros();
    long r0 = System.nanoTime();
    threads.forEach(Thread::start);
    awaitWithProgress(atCheckpoint, bar, all, total, r0);
    long p0 = System.nanoTime();
    long pauseCpu0 = processCpuNanos();
    GcSnapshot gcPause0 = GcSnapshot.now();
    long heapUsed = usedHeapAfterGc();
    int charging = countCharging(all);
    GcSnapshot gcPause1 = GcSnapshot.now();
    long pauseCpu = processCpuNanos() - pauseCpu0;
    long pauseNanos = System.nanoTime() - p0;
    resume.countDown();
    for (Thread t : threads) {
      while (t.isAlive()) {
        joinQuietly(t, 250);
        bar.update(sessions(all), total, elapsed(r0, pauseNanos));
      }
    }
    long r1 = System.nanoTime();
    long pcpu1 = processCpuNanos();
    long psi1 = cpuStallMicros();
    GcSnapshot gc1 = GcSnapshot.now();
    bar.finish(sessions(all), total, elapsed(r0, pauseNanos));
    if (failure.get() != null) {
      throw new IllegalStateException("fleet run failed: " + failure.get(), failure.get());
    }
    double wall = (r1 - r0 - pauseNanos) / 1e9;
    long virtualMs = 0;
    for (VirtualTimeLoopGroup g : groups) {
      virtualMs = Math.max(virtualMs, g.now());
      g.close();
    }
    long gcCount = gc1.count - gc0.count - (gcPause1.count - gcPause0.count);
    long gcMillis = gc1.millis - gc0.millis - (gcPause1.millis - gcPause0.millis);
    return new Result(o, sessions(all), wall, virtualMs / 3_600_000.0, sumInputs(all), sumOutputs(all),
        buildSeconds, (heapUsed - heapBefore) / o.evses(), heapUsed, gcCount, gcMillis, charging, 0.0, 0, 0, 0, 0,
        (pcpu1 - pcpu0 - pauseCpu) / 1e9, java.util.Arrays.stream(shardCpu).sum() / 1e9,
        pressure(psi0, psi1, r1 - r0));
  }

  private static boolean allDone(List<FleetStation> stations, int sessions) {
    for (FleetStation s : stations) {
      if (s.sessionsDone < sessions) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- real time

  private static Result runRealTime(Options o, PrintStream progressOut) {
    SessionPlan base = SessionPlan.DEFAULT;
    // arrivals over the first 2 s; the first session's charging outlasts any sensible window
    SessionPlan plan = new SessionPlan(2_000, base.authDelayMs(), base.firstChargeMs(), base.pauseMs(),
        base.secondChargeMs(), base.unplugAfterMs(), base.gapMs(), base.meterPeriodMs());
    long heapBefore = usedHeapAfterGc();
    long b0 = System.nanoTime();
    RealTimeLoopGroup group = new RealTimeLoopGroup(o.threads());
    List<ClosableLoop> loops = new ArrayList<>();
    try {
      List<FleetStation> all = buildFleet(o, plan, i -> {
        ClosableLoop l = new ClosableLoop(group.newLoop("evse-" + i));
        loops.add(l);
        return l;
      }, null, 1);
      double buildSeconds = (System.nanoTime() - b0) / 1e9;
      Probes probes = new Probes();
      SplittableRandom rnd = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
      for (EventLoop l : loops) {
        probes.start(l, rnd.nextLong(PROBE_PERIOD_MS));
      }

      // warm-up: until every car charges (or 30 s)
      ProgressBar warm = new ProgressBar(progressOut, "EVSEs charging");
      long w0 = System.nanoTime();
      int charging = 0;
      while (System.nanoTime() - w0 < TimeUnit.SECONDS.toNanos(30)) {
        charging = o.sessionsPerEvse() == 0 ? o.evses() : countCharging(all);
        warm.update(charging, o.evses(), "(warm-up)");
        if (charging >= o.evses()) {
          break;
        }
        sleep(50);
      }
      warm.finish(charging, o.evses(), "(warm-up)");
      // let the start-up transients (JIT, first meter values) pass
      sleep(Math.min(2_000, o.duration().toMillis() / 10));

      ProgressBar bar = new ProgressBar(progressOut, "s");
      long windowMs = o.duration().toMillis();
      long in0 = sumInputs(all);
      long out0 = sumOutputs(all);
      long done0 = sessions(all);
      GcSnapshot gc0 = GcSnapshot.now();
      long cpu0 = processCpuNanos();
      long psi0 = cpuStallMicros();
      long t0 = System.nanoTime();
      probes.measuring = true;
      while (true) {
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        if (elapsedMs >= windowMs) {
          break;
        }
        bar.update(elapsedMs / 1000, windowMs / 1000, "(measuring)");
        sleep(Math.min(250, windowMs - elapsedMs));
      }
      probes.measuring = false;
      long t1 = System.nanoTime();
      long cpu1 = processCpuNanos();
      long psi1 = cpuStallMicros();
      GcSnapshot gc1 = GcSnapshot.now();
      long in1 = sumInputs(all);
      long out1 = sumOutputs(all);
      long done1 = sessions(all);
      bar.finish(windowMs / 1000, windowMs / 1000, "(measured)");
      long heapUsed = usedHeapAfterGc();
      double wall = (t1 - t0) / 1e9;
      Histogram late = probes.snapshot();
      return new Result(o, done1 - done0, wall, wall / 3600.0, in1 - in0, out1 - out0, buildSeconds,
          (heapUsed - heapBefore) / o.evses(), heapUsed, gc1.count - gc0.count, gc1.millis - gc0.millis, charging,
          (cpu1 - cpu0) / (double) (t1 - t0), late.count(), late.percentile(0.50), late.percentile(0.99),
          late.max(), (cpu1 - cpu0) / 1e9, 0.0, pressure(psi0, psi1, t1 - t0));
    } finally {
      loops.forEach(ClosableLoop::close);
      sleep(20); // let tasks already running finish before the group stops its threads
      group.close();
    }
  }

  /** Timers on the EVSE loops that record how late they run. */
  private static final class Probes {
    private final Histogram lateness = new Histogram();
    volatile boolean measuring;

    void start(EventLoop loop, long offsetMs) {
      long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(offsetMs);
      loop.schedule(offsetMs, new Probe(loop, due));
    }

    synchronized Histogram snapshot() {
      Histogram h = new Histogram();
      h.addAll(lateness);
      return h;
    }

    private final class Probe implements Runnable {
      private final EventLoop loop;
      private long due;

      Probe(EventLoop loop, long due) {
        this.loop = loop;
        this.due = due;
      }

      @Override
      public void run() {
        long now = System.nanoTime();
        if (measuring) {
          synchronized (Probes.this) {
            lateness.record(Math.max(0, now - due));
          }
        }
        due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_PERIOD_MS);
        loop.schedule(PROBE_PERIOD_MS, this);
      }
    }
  }

  // ---------------------------------------------------------------- fleet

  private interface LoopFactory {
    EventLoop loopFor(int index);
  }

  private static List<FleetStation> buildFleet(Options o, SessionPlan plan, LoopFactory loops,
      List<List<FleetStation>> byShard, int shards) {
    EvseConfig config = new EvseConfig();
    SplittableRandom rnd = new SplittableRandom(o.seed());
    List<FleetStation> all = new ArrayList<>(o.evses());
    for (int i = 0; i < o.evses(); i++) {
      EventLoop loop = loops.loopFor(i);
      long seed = rnd.nextLong();
      FleetStation st = o.hardware() == Hardware.SIM
          ? new SimStation(loop, plan, o.sessionsPerEvse(), config, seed)
          : new LightStation(loop, plan, o.sessionsPerEvse(), config, seed);
      // power-up spread over the first second, so periodic timers do not all fire at once
      st.start(rnd.nextLong(1_000), rnd.nextLong(Math.max(1, plan.firstArrivalWindowMs())));
      all.add(st);
      if (byShard != null) {
        byShard.get(i % shards).add(st);
      }
    }
    return all;
  }

  private static long sessions(List<FleetStation> all) {
    long n = 0;
    for (FleetStation s : all) {
      n += s.sessionsDone;
    }
    return n;
  }

  private static long sumInputs(List<FleetStation> all) {
    long n = 0;
    for (FleetStation s : all) {
      n += s.inputs;
    }
    return n;
  }

  private static long sumOutputs(List<FleetStation> all) {
    long n = 0;
    for (FleetStation s : all) {
      n += s.outputs;
    }
    return n;
  }

  private static int countCharging(List<FleetStation> all) {
    int n = 0;
    for (FleetStation s : all) {
      if (s.charging) {
        n++;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- measurement helpers

  private record GcSnapshot(long count, long millis) {
    static GcSnapshot now() {
      long c = 0;
      long t = 0;
      for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
        c += Math.max(0, b.getCollectionCount());
        t += Math.max(0, b.getCollectionTime());
      }
      return new GcSnapshot(c, t);
    }
  }

  /** Used heap after two full collections. */
  static long usedHeapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Total microseconds in which some task waited for a CPU (Linux PSI), or -1. */
  static long cpuStallMicros() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/pressure/cpu"))) {
        if (line.startsWith("some ")) {
          for (String field : line.split(" ")) {
            if (field.startsWith("total=")) {
              return Long.parseLong(field.substring(6));
            }
          }
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux, or no PSI
    }
    return -1;
  }

  private static double pressure(long stall0, long stall1, long wallNanos) {
    if (stall0 < 0 || stall1 < 0 || wallNanos <= 0) {
      return -1;
    }
    return Math.min(1.0, (stall1 - stall0) * 1000.0 / wallNanos);
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    throw new IllegalStateException("process CPU time is not available on this JVM");
  }

  private static void awaitWithProgress(CountDownLatch latch, ProgressBar bar, List<FleetStation> all, long total,
      long r0) {
    try {
      while (!latch.await(250, TimeUnit.MILLISECONDS)) {
        bar.update(sessions(all), total, elapsed(r0, 0));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String elapsed(long r0, long pauseNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - r0 - pauseNanos) / 1e9);
  }

  private static void joinQuietly(Thread t, long millis) {
    try {
      t.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // ---------------------------------------------------------------- command line

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: FleetBenchmark [--evses N] [--sessions K] [--real-time] [--duration 60s] [--threads T]",
      "                      [--hardware light|sim] [--seed S] [--no-progress]",
      "  --evses N        EVSE managers in this JVM (default 1000)",
      "  --sessions K     full AC sessions per EVSE, virtual time (default 6); alias --sessions-per-evse",
      "  --real-time      run on a RealTimeLoopGroup and measure CPU and timer lateness",
      "  --duration D     real-time measurement window: 60s, 5m, 1500ms (default 60s)",
      "  --threads T      virtual: shards in parallel; real time: loop worker threads (default: cpus)",
      "  --hardware H     light (event-driven stubs, default) or sim (evse-sim SimulatedHardware)",
      "  --seed S         seed of arrivals and session ids (default 1)",
      "  --no-progress    no progress bar on stderr");

  /** Parses the command line; throws {@link IllegalArgumentException} with a message on bad input. */
  static Options parse(String[] args) {
    Options o = Options.defaults();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--evses" -> o = o.withEvses(Integer.parseInt(value(args, ++i, a)));
        case "--sessions", "--sessions-per-evse" -> o = o.withSessionsPerEvse(Integer.parseInt(value(args, ++i, a)));
        case "--real-time" -> o = o.withRealTime(true);
        case "--duration" -> o = o.withDuration(parseDuration(value(args, ++i, a)));
        case "--threads" -> o = o.withThreads(Integer.parseInt(value(args, ++i, a)));
        case "--hardware" -> o = o.withHardware(Hardware.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT)));
        case "--seed" -> o = o.withSeed(Long.parseLong(value(args, ++i, a)));
        case "--no-progress" -> o = o.withProgress(false);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return o;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** {@code 60s}, {@code 5m}, {@code 1h}, {@code 1500ms}, a bare number of seconds, or ISO-8601 ({@code PT1M}). */
  static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return Duration.parse(s.trim());
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
      }
      if (t.endsWith("h")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3_600_000));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad duration '" + s + "' (use e.g. 60s, 5m, 1500ms)", e);
    }
  }

  public static void main(String[] args) {
    Options o;
    try {
      if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
        System.out.println(USAGE);
        return;
      }
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Result r = run(o);
    System.out.print(r.report());
  }
}
