package dev.evse.mqtt.internal;

/** MQTT topic names and filters (MQTT 3.1.1 section 4.7). */
public final class TopicFilters {
  private TopicFilters() {}

  /** Whether {@code filter} contains a wildcard. */
  public static boolean hasWildcard(String filter) {
    return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
  }

  /** Whether {@code topic} is a valid topic name to publish to (non-empty, no wildcard, no NUL). */
  public static boolean isValidTopicName(String topic) {
    return topic != null && !topic.isEmpty() && !hasWildcard(topic) && topic.indexOf('\0') < 0
        && topic.length() <= 65535;
  }

  /** Whether {@code filter} is a valid subscription filter. */
  public static boolean isValidFilter(String filter) {
    if (filter == null || filter.isEmpty() || filter.indexOf('\0') >= 0) {
      return false;
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String l = levels[i];
      if (l.contains("#") && (!l.equals("#") || i != levels.length - 1)) {
        return false;
      }
      if (l.contains("+") && !l.equals("+")) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code topic} matches {@code filter}. */
  public static boolean matches(String filter, String topic) {
    if (!hasWildcard(filter)) {
      return filter.equals(topic);
    }
    // Topics starting with '$' are not matched by filters starting with a wildcard.
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
      return false;
    }
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true; // also matches the parent level ("a/#" matches "a")
      }
      if (i >= t.length) {
        return false;
      }
      if (!f[i].equals("+") && !f[i].equals(t[i])) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
