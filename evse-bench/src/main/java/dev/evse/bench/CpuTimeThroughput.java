package dev.evse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two {@link KernelThroughputBenchmark} workloads timed by the CPU time of the running thread
 * instead of the wall clock: on a machine shared with other work (where JMH's wall-clock scores
 * swing widely) this still compares two builds of the kernel fairly. Prints events per CPU-second
 * after a warm-up; not a replacement for the JMH figures on an idle machine.
 *
 * <pre>java -cp evse-bench.jar dev.evse.bench.CpuTimeThroughput [seconds per round, default 5] [rounds, default 5]</pre>
 */
public final class CpuTimeThroughput {
  private CpuTimeThroughput() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    KernelThroughputBenchmark bench = new KernelThroughputBenchmark();

    KernelThroughputBenchmark.Station cpStation = new KernelThroughputBenchmark.Station();
    cpStation.setUp();
    KernelThroughputBenchmark.ChargingStation charging = new KernelThroughputBenchmark.ChargingStation();
    charging.charge(cpStation);
    KernelThroughputBenchmark.Station sessionStation = new KernelThroughputBenchmark.Station();
    sessionStation.setUp();
    KernelThroughputBenchmark.Counts counts = new KernelThroughputBenchmark.Counts();

    long budget = (long) (seconds * 1e9);
    for (int round = 0; round <= rounds; round++) {
      String label = round == 0 ? "warm-up" : "round " + round;
      long c0 = mx.getCurrentThreadCpuTime();
      long n = 0;
      while (mx.getCurrentThreadCpuTime() - c0 < budget) {
        for (int i = 0; i < 1000; i++) {
          bench.cpEvents(charging);
        }
        n += 4000;
      }
      double cpEvents = n / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);

      counts.reset();
      c0 = mx.getCurrentThreadCpuTime();
      long sessions = 0;
      long sink = 0;
      while (mx.getCurrentThreadCpuTime() - c0 < budget) {
        sink += bench.session(sessionStation, counts);
        sessions++;
      }
      double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
      Blackhole.consumeCPU(sink & 1);
      System.out.printf(Locale.ROOT, "%-8s cpEvents %,.0f events/CPU-s   session %,.0f sessions/CPU-s = %,.0f events/CPU-s%n",
          label, cpEvents, sessions / cpu, counts.events / cpu);
    }
  }
}
