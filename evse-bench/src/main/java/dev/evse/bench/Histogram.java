package dev.evse.bench;

import java.util.Arrays;
import java.util.Locale;

/** A growable record of long samples (nanoseconds) with exact percentiles. Not thread-safe. */
public final class Histogram {
  private long[] samples = new long[1024];
  private int count;

  public void record(long value) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = value;
  }

  public void addAll(Histogram other) {
    for (int i = 0; i < other.count; i++) {
      record(other.samples[i]);
    }
  }

  public int count() {
    return count;
  }

  public void clear() {
    count = 0;
  }

  /** The exact {@code p}-quantile (0..1) by nearest rank; 0 when empty. */
  public long percentile(double p) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))];
  }

  public long max() {
    long m = 0;
    for (int i = 0; i < count; i++) {
      m = Math.max(m, samples[i]);
    }
    return m;
  }

  /** p50 / p99 / p99.9 / max in microseconds, with the sample count. */
  public String summaryMicros() {
    if (count == 0) {
      return "no samples";
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us (n=%d)",
        at(sorted, 0.50) / 1e3, at(sorted, 0.99) / 1e3, at(sorted, 0.999) / 1e3, sorted[count - 1] / 1e3, count);
  }

  private long at(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))];
  }
}
