package dev.evse.app.auth;

import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.internal.CommunicationCheck;
import org.slf4j.Logger;

/**
 * The {@code generic/CommunicationFault} of an auth-family bridge. EVerest raises it on the
 * bridge's own interface, where Auth does not observe it (auth-behavior.md section 10), so here
 * it is only logged; token handling is not affected.
 */
final class LoggedCommunicationFault implements CommunicationCheck.Fault {
  static final String TYPE = "generic/CommunicationFault";

  private final Logger log;
  private final ApiTopics topics;

  LoggedCommunicationFault(Logger log, ApiTopics topics) {
    this.log = log;
    this.topics = topics;
  }

  @Override
  public void raise(String subType, String message) {
    log.info("{}: {} ({}): {}", topics, TYPE, subType, message);
  }

  @Override
  public void clear(String subType) {
    log.info("{}: {} ({}) cleared", topics, TYPE, subType);
  }
}
