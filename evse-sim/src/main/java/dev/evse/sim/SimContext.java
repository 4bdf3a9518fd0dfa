package dev.evse.sim;

import dev.evse.core.runtime.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated devices share: the loop they run on, one monitor guarding all their state
 * (so the kernel may call the ports from another thread), the command log and the started flag.
 *
 * <p>Everything the devices report to listeners goes through {@link #emit}: it is queued on the
 * loop, never called from inside a port command, so a listener is never re-entered while it is
 * calling the simulation.
 */
final class SimContext {
  final EventLoop loop;
  final SimulationConfig config;
  final Object lock = new Object();
  private final List<CommandRecord> log = new ArrayList<>();
  private volatile boolean started;

  SimContext(EventLoop loop, SimulationConfig config) {
    this.loop = loop;
    this.config = config;
  }

  long now() {
    return loop.clock().monotonicMillis();
  }

  boolean started() {
    return started;
  }

  void setStarted(boolean value) {
    started = value;
  }

  void record(String device, String name, String argument) {
    synchronized (lock) {
      log.add(new CommandRecord(now(), device, name, argument));
    }
  }

  List<CommandRecord> log() {
    synchronized (lock) {
      return List.copyOf(log);
    }
  }

  /** Queues a report to a listener; dropped if the simulation is not (or no longer) running. */
  void emit(Runnable report) {
    if (!started) {
      return;
    }
    loop.post(
        () -> {
          if (started) {
            report.run();
          }
        });
  }
}
