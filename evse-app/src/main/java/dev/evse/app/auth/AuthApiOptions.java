package dev.evse.app.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.mqtt.ApiTopics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Section {@code auth_api:} of the config: which modules of EVerest's auth family Auth talks to
 * over MQTT. An absent key takes its default; an empty list or an empty {@code consumer} switches
 * that part off.
 *
 * <pre>
 * auth_api:
 *   token_providers: [rfid_reader, ocpp]   # auth_token_provider module ids (consumed)
 *   token_validators: [csms]               # auth_token_validator module ids, asked in this order
 *   consumer: auth                         # auth_consumer module id (served); "" = not served
 *   topic_prefix: site7/                   # absent = mqtt.topic_prefix
 *   request_reply_to_s: 30                 # validator reply timeout, 1..550 (default 550)
 * </pre>
 *
 * @param tokenProviders module ids whose {@code m2e/provided_token} go to Auth (default
 *     {@code [token_provider]})
 * @param tokenValidators module ids asked {@code e2m/validate_token}, after Auth's {@code
 *     local_tokens}, in this order (default none)
 * @param consumer module id of the served {@code auth_consumer} API (default {@code auth}; empty:
 *     not served)
 * @param topicPrefix EVerest's {@code mqtt_external_prefix} for these APIs; {@code null} = the one
 *     of the MQTT connection's other APIs
 * @param requestReplyToS EVerest's {@code cfg_request_reply_to_s} of the validator bridges: a
 *     validator that has not answered after this many seconds counts as {@code Invalid}
 */
public record AuthApiOptions(
    @JsonProperty("token_providers") List<String> tokenProviders,
    @JsonProperty("token_validators") List<String> tokenValidators,
    @JsonProperty("consumer") String consumer,
    @JsonProperty("topic_prefix") String topicPrefix,
    @JsonProperty("request_reply_to_s") Integer requestReplyToS) {

  public static final List<String> DEFAULT_TOKEN_PROVIDERS = List.of("token_provider");
  public static final String DEFAULT_CONSUMER = "auth";
  public static final int DEFAULT_REQUEST_REPLY_TO_S = 550;

  /** Absent values take their defaults (lists are copied). */
  public AuthApiOptions {
    tokenProviders = tokenProviders == null ? DEFAULT_TOKEN_PROVIDERS : copy(tokenProviders);
    tokenValidators = tokenValidators == null ? List.of() : copy(tokenValidators);
    consumer = consumer == null ? DEFAULT_CONSUMER : consumer;
    requestReplyToS = requestReplyToS == null ? DEFAULT_REQUEST_REPLY_TO_S : requestReplyToS;
  }

  /** Every default: provider {@code token_provider}, no validator, consumer {@code auth}. */
  public static AuthApiOptions defaults() {
    return new AuthApiOptions(null, null, null, null, null);
  }

  public AuthApiOptions withTokenProviders(List<String> ids) {
    return new AuthApiOptions(ids, tokenValidators, consumer, topicPrefix, requestReplyToS);
  }

  public AuthApiOptions withTokenValidators(List<String> ids) {
    return new AuthApiOptions(tokenProviders, ids, consumer, topicPrefix, requestReplyToS);
  }

  public AuthApiOptions withConsumer(String id) {
    return new AuthApiOptions(tokenProviders, tokenValidators, id, topicPrefix, requestReplyToS);
  }

  public AuthApiOptions withTopicPrefix(String prefix) {
    return new AuthApiOptions(tokenProviders, tokenValidators, consumer, prefix, requestReplyToS);
  }

  public AuthApiOptions withRequestReplyToS(int seconds) {
    return new AuthApiOptions(tokenProviders, tokenValidators, consumer, topicPrefix, seconds);
  }

  /** Whether the {@code auth_consumer} API is served. */
  public boolean servesConsumer() {
    return !consumer.isEmpty();
  }

  /** The prefix to use: {@link #topicPrefix()} if set, else {@code connectionPrefix}. */
  public String prefixOr(String connectionPrefix) {
    return topicPrefix != null ? topicPrefix : connectionPrefix == null ? "" : connectionPrefix;
  }

  /** Every problem, one message each, named as in the config ({@code token_validators[1]: ...}). */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    checkIds("token_providers", tokenProviders, p);
    checkIds("token_validators", tokenValidators, p);
    if (!consumer.isEmpty()) {
      checkId("consumer", consumer, p);
    }
    if (topicPrefix != null && (topicPrefix.indexOf('+') >= 0 || topicPrefix.indexOf('#') >= 0)) {
      p.add("topic_prefix: must not contain the wildcards + or #");
    }
    if (requestReplyToS < 1 || requestReplyToS > 550) {
      p.add("request_reply_to_s: " + requestReplyToS + " is outside 1..550");
    }
    return p;
  }

  /** Throws {@link IllegalArgumentException} listing every problem, or returns these options. */
  public AuthApiOptions validated() {
    List<String> p = problems();
    if (!p.isEmpty()) {
      throw new IllegalArgumentException("invalid auth_api options: " + String.join("; ", p));
    }
    return this;
  }

  private static void checkIds(String key, List<String> ids, List<String> problems) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      String where = key + "[" + i + "]";
      if (id == null) {
        problems.add(where + ": must not be null");
      } else if (checkId(where, id, problems) && !seen.add(id)) {
        problems.add(where + ": module id " + id + " listed twice");
      }
    }
  }

  private static boolean checkId(String where, String id, List<String> problems) {
    try {
      new ApiTopics("", "auth_consumer", id);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(where + ": '" + id + "' is not a valid module id (one topic level, no / + #)");
      return false;
    }
  }

  private static List<String> copy(List<String> ids) {
    return java.util.Collections.unmodifiableList(new ArrayList<>(ids)); // keeps nulls for problems()
  }
}
