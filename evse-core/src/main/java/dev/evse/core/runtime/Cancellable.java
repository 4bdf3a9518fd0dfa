package dev.evse.core.runtime;

/** A scheduled task that may still be cancelled. Cancelling twice, or after it ran, is harmless. */
@FunctionalInterface
public interface Cancellable {

  Cancellable NONE = () -> {};

  void cancel();
}
