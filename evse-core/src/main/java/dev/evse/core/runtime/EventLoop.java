package dev.evse.core.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A serial queue of tasks for one EVSE. Tasks run one at a time, in the order they were posted,
 * never concurrently; timers scheduled here run on the same loop. Posting is thread-safe.
 */
public interface EventLoop {

  /** Queues a task to run on the loop. */
  void post(Runnable task);

  /** Runs {@code task} on the loop after {@code delayMillis}; the task runs on this loop. */
  Cancellable schedule(long delayMillis, Runnable task);

  /** The clock this loop's timers follow. */
  Clock clock();

  /** Runs {@code work} on the loop and completes the future with its result (or its exception). */
  default <T> CompletableFuture<T> call(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    post(
        () -> {
          try {
            result.complete(work.get());
          } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** Schedules {@code task} every {@code periodMillis}, first after one period. */
  default Cancellable every(long periodMillis, Runnable task) {
    return new PeriodicTask(this, periodMillis, task).start();
  }
}
