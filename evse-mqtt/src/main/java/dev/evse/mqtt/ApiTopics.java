package dev.evse.mqtt;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The topic tree of one API module: {@code <prefix>everest_api/1/<api_type>/<module_id>/<m2e|e2m>/<name>}.
 * The prefix (EVerest's {@code mqtt_external_prefix}, empty by default) is prepended verbatim, so
 * it normally ends with {@code /}. Reply topics written into requests ({@code replyTo}) leave the
 * prefix out; the receiver prepends it, as EVerest does.
 */
public record ApiTopics(String prefix, String apiType, String moduleId) {
  /** First segments of every API topic. */
  public static final String BASE = "everest_api/1/";

  private static final Pattern SEGMENT = Pattern.compile("[^/+#\\u0000]+");

  public ApiTopics {
    prefix = prefix == null ? "" : prefix;
    Objects.requireNonNull(apiType, "apiType");
    Objects.requireNonNull(moduleId, "moduleId");
    if (!SEGMENT.matcher(apiType).matches()) {
      throw new IllegalArgumentException("invalid api type: '" + apiType + "'");
    }
    if (!SEGMENT.matcher(moduleId).matches()) {
      throw new IllegalArgumentException("invalid module id (one topic level, no wildcards): '" + moduleId + "'");
    }
    if (prefix.indexOf('+') >= 0 || prefix.indexOf('#') >= 0) {
      throw new IllegalArgumentException("invalid topic prefix: '" + prefix + "'");
    }
  }

  /** {@code everest_api/1/<api>/<id>} without the prefix. */
  public String unprefixedBase() {
    return BASE + apiType + "/" + moduleId;
  }

  /** {@code <prefix>everest_api/1/<api>/<id>}. */
  public String base() {
    return prefix + unprefixedBase();
  }

  /** Topic of an m2e message (client to EVerest). */
  public String m2e(String name) {
    return base() + "/m2e/" + name;
  }

  /** Topic of an e2m message (EVerest to client). */
  public String e2m(String name) {
    return base() + "/e2m/" + name;
  }

  /** The {@code replyTo} EVerest writes into its e2m requests (no prefix): {@code .../m2e/reply/<id>}. */
  public String replyTo(String requestId) {
    return unprefixedBase() + "/m2e/reply/" + requestId;
  }

  /** The filter that receives every reply to this module's e2m requests (with prefix). */
  public String replyFilter() {
    return base() + "/m2e/reply/+";
  }

  /** The topic a reply to {@code replyTo} is published to: the prefix plus the reply topic. */
  public String replyTopic(String replyTo) {
    return prefix + replyTo;
  }

  @Override
  public String toString() {
    return base();
  }
}
