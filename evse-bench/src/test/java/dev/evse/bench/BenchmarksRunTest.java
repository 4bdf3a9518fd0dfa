package dev.evse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Checks that every benchmark runs: one very short iteration each, in this JVM. Never checks a
 * timing: the figures are measured with the commands in docs/performance.md.
 */
class BenchmarksRunTest {

  private static Collection<RunResult> runOnce(Class<?> benchmark) throws RunnerException {
    Options opts = new OptionsBuilder()
        .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .timeout(TimeValue.seconds(60))
        .shouldFailOnError(true)
        .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
        .build();
    return new Runner(opts).run();
  }

  @Test
  void reactionLatencyRuns() throws RunnerException {
    Collection<RunResult> results = runOnce(ReactionLatencyBenchmark.class);
    assertThat(results).hasSize(2);
    results.forEach(r -> assertThat(r.getPrimaryResult().getSampleCount()).isPositive());
  }

  @Test
  void kernelThroughputRuns() throws RunnerException {
    Collection<RunResult> results = runOnce(KernelThroughputBenchmark.class);
    assertThat(results).hasSize(2);
    results.forEach(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void wireCodecRuns() throws RunnerException {
    Collection<RunResult> results = runOnce(WireCodecBenchmark.class);
    assertThat(results).hasSize(2 * 5);
    results.forEach(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void fleetRunsInVirtualTime() {
    for (FleetBenchmark.Hardware hw : FleetBenchmark.Hardware.values()) {
      FleetBenchmark.Result r = FleetBenchmark.run(FleetBenchmark.Options.defaults()
          .withEvses(10).withSessionsPerEvse(1).withHardware(hw).withProgress(false));
      assertThat(r.sessionsCompleted()).isEqualTo(10);
      assertThat(r.inputs()).isPositive();
      assertThat(r.report()).contains("sessions/s:", "heap/EVSE:", "GC:");
    }
  }

  @Test
  void fleetRunsInRealTime() {
    FleetBenchmark.Result r = FleetBenchmark.run(FleetBenchmark.Options.defaults()
        .withEvses(10).withRealTime(true).withDuration(Duration.ofMillis(1500)).withProgress(false));
    assertThat(r.charging()).isEqualTo(10);
    assertThat(r.probeSamples()).isPositive();
    assertThat(r.cpuShareOfOneCore()).isPositive();
    assertThat(r.report()).contains("process CPU:", "timer lateness:");
    assertThat(TimeUnit.NANOSECONDS.toMillis(r.latenessMaxNanos())).isNotNegative();
  }
}
