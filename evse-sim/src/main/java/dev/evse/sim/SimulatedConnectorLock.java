package dev.evse.sim;

import dev.evse.core.port.ConnectorLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A simulated connector lock motor: obeys at once and remembers every change with its time. */
public final class SimulatedConnectorLock implements ConnectorLock {

  /** One command with the loop time it arrived and the lock state after it. */
  public record LockEvent(long timeMillis, boolean locked) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.3f s %s", timeMillis / 1000.0, locked ? "locked" : "unlocked");
    }
  }

  private final SimContext ctx;
  private final List<LockEvent> history = new ArrayList<>();
  private boolean locked;

  SimulatedConnectorLock(SimContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void lock() {
    ctx.record("lock", "lock", "");
    synchronized (ctx.lock) {
      locked = true;
      history.add(new LockEvent(ctx.now(), true));
    }
  }

  @Override
  public void unlock() {
    ctx.record("lock", "unlock", "");
    synchronized (ctx.lock) {
      locked = false;
      history.add(new LockEvent(ctx.now(), false));
    }
  }

  public boolean isLocked() {
    synchronized (ctx.lock) {
      return locked;
    }
  }

  /** Every lock/unlock command received, in order (repeated commands included). */
  public List<LockEvent> history() {
    synchronized (ctx.lock) {
      return List.copyOf(history);
    }
  }
}
