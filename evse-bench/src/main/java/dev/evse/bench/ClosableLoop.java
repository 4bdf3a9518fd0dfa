package dev.evse.bench;

import dev.evse.core.runtime.Cancellable;
import dev.evse.core.runtime.Clock;
import dev.evse.core.runtime.EventLoop;
import java.util.concurrent.RejectedExecutionException;

/**
 * An EVSE loop of the real-time fleet that goes quiet once the run is over: after {@link #close}
 * posts and timers are dropped. {@code RealTimeLoopGroup.close()} stops its timer thread first, so
 * a periodic task still running on a worker would otherwise fail to re-arm and log an error for
 * every EVSE.
 */
final class ClosableLoop implements EventLoop {
  private final EventLoop delegate;
  private volatile boolean closed;

  ClosableLoop(EventLoop delegate) {
    this.delegate = delegate;
  }

  void close() {
    closed = true;
  }

  @Override
  public void post(Runnable task) {
    if (closed) {
      return;
    }
    try {
      delegate.post(task);
    } catch (RejectedExecutionException e) {
      // the group is shutting down
    }
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    if (closed) {
      return Cancellable.NONE;
    }
    try {
      return delegate.schedule(delayMillis, task);
    } catch (RejectedExecutionException e) {
      return Cancellable.NONE;
    }
  }

  @Override
  public Clock clock() {
    return delegate.clock();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
