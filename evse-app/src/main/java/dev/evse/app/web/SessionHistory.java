package dev.evse.app.web;

import java.util.List;

/**
 * Where the dashboard reads finished sessions from (a persistent session store, adapted by the
 * application). Called on the dashboard's own thread, never on an EVSE's event loop; it may block
 * briefly (a database query) and may throw, in which case the dashboard shows the sessions it saw
 * itself since start.
 */
@FunctionalInterface
public interface SessionHistory {

  /** The latest finished sessions of one EVSE, newest first, at most {@code limit}. */
  List<SessionSummary> recent(int evseId, int limit);
}
