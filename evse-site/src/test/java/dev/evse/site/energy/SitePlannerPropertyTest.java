package dev.evse.site.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * Property tests over random sites (see {@link SiteModel}), each run from a seed of a
 * {@code java.util.random} generator. A failure names its seed; replay one run with
 * {@code -Denergy.seed=<seed>}. More runs: {@code -Dproperty.runs=N} (runs here = N / 100).
 */
class SitePlannerPropertyTest {
  private static final int RUNS = Math.max(5, Integer.getInteger("property.runs", 1000) / 100);

  /**
   * Random fuses, sub-distributions, wiring, power limits, schedules, external limits, phase
   * switching, cars arriving, pausing and leaving, EVSEs leaving and coming back: the current
   * drawn never exceeds a fuse (checked every 100 ms), nor a lowered limit 11 s after it was
   * lowered, and no round grants more than the limits in force.
   */
  @Test
  void theDrawnCurrentNeverExceedsAFuse() {
    forEachSeed("safety", seed -> new SiteModel(seed, false).run(2400));
  }

  /** Equal priorities, fixed limits: every car that needs energy gets it within a bounded time. */
  @Test
  void everyWaitingCarGetsEnergyWithinABoundedTime() {
    forEachSeed("liveness", seed -> {
      SiteModel m = new SiteModel(seed, true);
      m.run(3600);
      assertThat(m.maxWaitMs).as("longest wait (%s) of %d EVSEs, rotation %d s, fuse %.0f A", m.maxWaitWho,
          m.evses.size(), m.config.rotationPeriodS, m.config.gridConnection.fuseLimitA)
          .isLessThanOrEqualTo(m.waitBoundMs());
    });
  }

  static void forEachSeed(String name, LongConsumer run) {
    forEachSeed(name, run, RUNS);
  }

  static void forEachSeed(String name, LongConsumer run, int runs) {
    Long fixed = Long.getLong("energy.seed");
    if (fixed != null) {
      run.accept(fixed);
      return;
    }
    SplittableRandom seeds = new SplittableRandom(System.nanoTime());
    for (int i = 0; i < runs; i++) {
      long seed = seeds.nextLong();
      try {
        run.accept(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(name + " property failed for seed " + seed + " (replay with -Denergy.seed="
            + seed + "): " + e.getMessage(), e);
      }
    }
  }
}
