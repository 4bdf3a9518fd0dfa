package dev.evse.site.energy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Long virtual-time runs log every round at debug level: keep the test output readable. */
final class QuietLogs {
  private QuietLogs() {}

  static void apply() {
    for (String name : new String[] {"dev.evse.site.energy", "dev.evse.core", "dev.evse.sim"}) {
      if (LoggerFactory.getLogger(name) instanceof Logger l) {
        l.setLevel(Level.INFO);
      }
    }
  }
}
