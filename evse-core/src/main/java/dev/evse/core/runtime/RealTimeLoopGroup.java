package dev.evse.core.runtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real time: each loop is a serial queue drained on a shared worker pool; one timer thread
 * hands due timers to their loop. Thousands of loops share the same few threads.
 */
public final class RealTimeLoopGroup implements LoopGroup {
  private static final Logger LOG = LoggerFactory.getLogger(RealTimeLoopGroup.class);

  /** Tasks a loop runs before giving its worker thread to another loop. */
  private static final int BATCH = 64;

  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final Clock clock = Clock.system();

  public RealTimeLoopGroup() {
    this(Math.max(2, java.lang.Runtime.getRuntime().availableProcessors()));
  }

  public RealTimeLoopGroup(int threads) {
    workers = Executors.newFixedThreadPool(threads, daemon("evse-loop"));
    timers = Executors.newSingleThreadScheduledExecutor(daemon("evse-timer"));
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public EventLoop newLoop(String name) {
    return new SerialLoop(name);
  }

  @Override
  public void close() {
    timers.shutdownNow();
    workers.shutdown();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class SerialLoop implements EventLoop, Runnable {
    private final String name;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialLoop(String name) {
      this.name = name;
    }

    @Override
    public void post(Runnable task) {
      tasks.add(task);
      if (scheduled.compareAndSet(false, true)) {
        try {
          workers.execute(this);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
          scheduled.set(false); // the group is closing: the task is dropped
        }
      }
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
      // The flag is checked on the loop, so a cancel made on the loop wins even if the timer
      // thread already handed the task over.
      AtomicBoolean cancelled = new AtomicBoolean();
      if (timers.isShutdown()) {
        return Cancellable.NONE; // the group is closing: nothing runs any more
      }
      java.util.concurrent.ScheduledFuture<?> future;
      try {
        future = timers.schedule(
              () ->
                  post(
                      () -> {
                        if (!cancelled.get()) {
                          task.run();
                        }
                      }),
              Math.max(0, delayMillis),
              TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        return Cancellable.NONE;
      }
      return () -> {
        cancelled.set(true);
        future.cancel(false);
      };
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public void run() {
      for (int i = 0; i < BATCH; i++) {
        Runnable task = tasks.poll();
        if (task == null) {
          break;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("task failed on loop {}", name, e);
        }
      }
      scheduled.set(false);
      // Re-check: a task may have been added after the last poll but before the flag cleared.
      if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
        workers.execute(this);
      }
    }

    @Override
    public String toString() {
      return "loop " + name;
    }
  }
}
