package dev.evse.core.port;

/** The connector lock motor (EVerest {@code connector_lock}). Must not block. */
public interface ConnectorLock {

  void lock();

  void unlock();
}
