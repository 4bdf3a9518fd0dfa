package dev.evse.core.runtime;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Deterministic time for tests, simulations and the fleet benchmark. Nothing runs until the
 * owner advances time; tasks due at the same instant run in the order they were queued, so the
 * same inputs always give the same trace. All loops of the group share one timeline.
 */
public final class VirtualTimeLoopGroup implements LoopGroup {

  /** A task queued on the timeline: due time, then queue order, break ties. */
  private static final class Entry implements Comparable<Entry>, Cancellable {
    final long due;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Entry(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Entry o) {
      int byDue = Long.compare(due, o.due);
      return byDue != 0 ? byDue : Long.compare(seq, o.seq);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  /** Guards against a task that re-posts itself forever at one instant. */
  private static final int MAX_TASKS_PER_INSTANT = 1_000_000;

  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private Runnable beforeTimeMoves = () -> { };
  private final Instant epoch;
  private long now;
  private long seq;

  private final Clock clock =
      new Clock() {
        @Override
        public long monotonicMillis() {
          synchronized (VirtualTimeLoopGroup.this) {
            return now;
          }
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
    Entry e = new Entry(now + delay, seq++, task);
    queue.add(e);
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
  public synchronized long now() {
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
        now = next.due;
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
