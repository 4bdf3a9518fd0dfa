package dev.evse.core.port;

import java.util.Optional;

/**
 * Keeps the id of the open transaction across a power loss (EVerest's kvs key
 * {@code <module_id>_session}). Called on the event loop; implementations write through
 * synchronously so that a transaction reported as started is never lost.
 */
public interface SessionStore {

  /** The session id of a transaction still open from before a restart. */
  Optional<String> openTransaction();

  /** A transaction started under this session id. */
  void transactionStarted(String sessionId);

  /** The open transaction ended (or was cleaned up at start-up). */
  void transactionFinished(String sessionId);

  /** A store that forgets everything: no recovery after a restart. */
  SessionStore NONE = new SessionStore() {
    @Override
    public Optional<String> openTransaction() {
      return Optional.empty();
    }

    @Override
    public void transactionStarted(String sessionId) {}

    @Override
    public void transactionFinished(String sessionId) {}
  };
}
