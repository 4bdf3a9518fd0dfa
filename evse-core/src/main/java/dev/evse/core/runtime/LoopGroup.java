package dev.evse.core.runtime;

/** Creates event loops that share one clock and one pool of threads (or one virtual timeline). */
public interface LoopGroup extends AutoCloseable {

  EventLoop newLoop(String name);

  Clock clock();

  @Override
  void close();
}
