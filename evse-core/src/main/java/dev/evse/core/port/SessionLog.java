package dev.evse.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the log of a session goes (EVerest's {@code session_logging}): asked once when a session
 * starts, it names the folder that SessionStarted reports as {@code logging_path}. Must not block.
 */
@FunctionalInterface
public interface SessionLog {

  /** The folder of this session's log, or empty when sessions are not logged. */
  Optional<String> begin(String sessionUuid, Instant startTime);

  /** No session logs. */
  SessionLog NONE = (uuid, time) -> Optional.empty();
}
