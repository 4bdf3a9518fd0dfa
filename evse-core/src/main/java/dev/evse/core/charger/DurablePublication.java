package dev.evse.core.charger;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.SessionEvent;
import dev.evse.core.port.SessionStore;
import dev.evse.core.runtime.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Publishes session events only after the store has recorded them, and always in the order they
 * were made. An event the store recorded at once is published at once (no loop hop), so runs
 * without a disk behave exactly as before. Runs on the event loop.
 */
final class DurablePublication {
  private final EventLoop loop;
  private final SessionStore store;
  private final EvseManagerListener out;
  private final Consumer<Throwable> storeFailed;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  private record Pending(SessionEvent event, CompletableFuture<Void> written, boolean dropIfUnrecorded) {}

  DurablePublication(EventLoop loop, SessionStore store, EvseManagerListener out, Consumer<Throwable> storeFailed) {
    this.loop = loop;
    this.store = store;
    this.out = out;
    this.storeFailed = storeFailed;
  }

  /**
   * Records then publishes {@code event}. With {@code dropIfUnrecorded} an event the store could
   * not record is not published at all (a transaction that cannot be recorded did not start).
   */
  CompletionStage<Void> publish(SessionEvent event, boolean dropIfUnrecorded) {
    CompletableFuture<Void> written;
    try {
      written = store.record(event).toCompletableFuture();
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    pending.add(new Pending(event, written, dropIfUnrecorded));
    if (written.isDone()) {
      flush();
    } else {
      written.whenComplete((v, e) -> loop.post(this::flush));
    }
    return written;
  }

  private void flush() {
    while (!pending.isEmpty() && pending.peek().written().isDone()) {
      Pending p = pending.poll();
      if (p.written().isCompletedExceptionally()) {
        storeFailed.accept(p.written().handle((v, e) -> e).join());
        if (p.dropIfUnrecorded()) {
          continue;
        }
      }
      out.onSessionEvent(p.event());
    }
  }
}
