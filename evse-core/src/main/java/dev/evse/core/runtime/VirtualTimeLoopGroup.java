package dev.evse.core.runtime;

import java.time.Instant;

/**
 * Deterministic time for tests, simulations and the fleet benchmark. Nothing runs until the
 * owner advances time; tasks due at the same instant run in the order they were queued, so the
 * same inputs always give the same trace. All loops of the group share one timeline.
 */
public final class VirtualTimeLoopGroup implements LoopGroup {

  /** A task queued on the timeline: due time, then queue order, break ties. */
  private static final class Entry implements Cancellable {
    final long due;
    final Runnable task;
    boolean cancelled;

    Entry(long due, Runnable task) {
      this.due = due;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  /**
   * A binary min-heap ordered by (due, seq) that keeps the keys in primitive arrays beside the
   * entries, so sifting compares longs in two arrays instead of chasing one object per level.
   */
  private static final class TimerHeap {
    private long[] dues = new long[256];
    private long[] seqs = new long[256];
    private Entry[] entries = new Entry[256];
    private int size;

    void add(Entry e, long seq) {
      if (size == entries.length) {
        int n = size * 2;
        dues = java.util.Arrays.copyOf(dues, n);
        seqs = java.util.Arrays.copyOf(seqs, n);
        entries = java.util.Arrays.copyOf(entries, n);
      }
      long due = e.due;
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        long pd = dues[parent];
        if (pd < due || (pd == due && seqs[parent] < seq)) {
          break;
        }
        dues[i] = pd;
        seqs[i] = seqs[parent];
        entries[i] = entries[parent];
        i = parent;
      }
      dues[i] = due;
      seqs[i] = seq;
      entries[i] = e;
    }

    Entry peek() {
      return size == 0 ? null : entries[0];
    }

    void poll() {
      int last = --size;
      long due = dues[last];
      long seq = seqs[last];
      Entry e = entries[last];
      entries[last] = null;
      if (last == 0) {
        return;
      }
      int i = 0;
      int half = last >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        int right = child + 1;
        long cd = dues[child];
        long cs = seqs[child];
        if (right < last && (dues[right] < cd || (dues[right] == cd && seqs[right] < cs))) {
          child = right;
          cd = dues[right];
          cs = seqs[right];
        }
        if (due < cd || (due == cd && seq < cs)) {
          break;
        }
        dues[i] = cd;
        seqs[i] = cs;
        entries[i] = entries[child];
        i = child;
      }
      dues[i] = due;
      seqs[i] = seq;
      entries[i] = e;
    }

    boolean isEmpty() {
      return size == 0;
    }

    void clear() {
      java.util.Arrays.fill(entries, 0, size, null);
      size = 0;
    }
  }

  /** Guards against a task that re-posts itself forever at one instant. */
  private static final int MAX_TASKS_PER_INSTANT = 1_000_000;

  private final TimerHeap queue = new TimerHeap();
  private Runnable beforeTimeMoves = () -> { };
  private final Instant epoch;
  private volatile long now;
  private long seq;

  private final Clock clock =
      new Clock() {
        @Override
        public long monotonicMillis() {
          return now;
        }

        @Override
        public Instant wallTime() {
          return epoch.plusMillis(monotonicMillis());
        }
      };

  /** Starts the timeline at 2026-01-01T00:00:00Z. */
  public VirtualTimeLoopGroup() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** Starts the timeline at {@code epoch} (the wall time of virtual millisecond 0). */
  public VirtualTimeLoopGroup(Instant epoch) {
    this.epoch = epoch;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public EventLoop newLoop(String name) {
    return new EventLoop() {
      @Override
      public void post(Runnable task) {
        enqueue(0, task);
      }

      @Override
      public Cancellable schedule(long delayMillis, Runnable task) {
        return enqueue(Math.max(0, delayMillis), task);
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public String toString() {
        return "virtual loop " + name;
      }
    };
  }

  private synchronized Entry enqueue(long delay, Runnable task) {
    Entry e = new Entry(now + delay, task);
    queue.add(e, seq++);
    return e;
  }

  /**
   * Runs {@code hook} whenever time is about to move forward, after everything due now has run.
   * Work done outside the timeline (a database on its own thread) can be awaited there, so its
   * answers land at the virtual instant they belong to.
   */
  public void beforeTimeMoves(Runnable hook) {
    this.beforeTimeMoves = hook;
  }

  /** The current virtual time in milliseconds. */
  public long now() {
    return now;
  }

  /** Runs every task due now, including those they queue for now. */
  public void runUntilIdle() {
    advanceTo(now());
  }

  /** Moves time forward by {@code millis}, running every task due on the way, in order. */
  public void advanceBy(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("time only moves forward: " + millis);
    }
    advanceTo(now() + millis);
  }

  /** Moves time forward to {@code target}, running every task due on the way, in order. */
  public void advanceTo(long target) {
    int atThisInstant = 0;
    long instant = -1;
    while (true) {
      Entry next;
      synchronized (this) {
        next = queue.peek();
      }
      if (next == null || next.due > now()) {
        beforeTimeMoves.run(); // may queue more work at the current instant
      }
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due > target) {
          now = Math.max(now, target);
          return;
        }
        queue.poll();
        if (next.due != now) {
          now = next.due;
        }
      }
      if (next.cancelled) {
        continue;
      }
      if (next.due != instant) {
        instant = next.due;
        atThisInstant = 0;
      }
      if (++atThisInstant > MAX_TASKS_PER_INSTANT) {
        throw new IllegalStateException("more than " + MAX_TASKS_PER_INSTANT + " tasks at t=" + instant + " ms: a task re-posts itself");
      }
      next.task.run();
    }
  }

  /** Time of the next pending task, or -1 when nothing is queued. */
  public synchronized long nextDue() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
    }
    return queue.isEmpty() ? -1 : queue.peek().due;
  }

  @Override
  public synchronized void close() {
    queue.clear();
  }
}
