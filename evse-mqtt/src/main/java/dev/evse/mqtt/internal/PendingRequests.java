package dev.evse.mqtt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.api.codec.WireCodec;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests EVerest sends to a client (e2m request/reply): the request carries
 * {@code {"headers":{"replyTo":"everest_api/1/<api>/<id>/m2e/reply/<uuid>"},"payload":...}}, the
 * first reply on that topic that decodes completes it, a reply that does not decode is logged and
 * the request keeps waiting, late replies are ignored, and on timeout the default answer is used.
 * Replies are received through one wildcard subscription ({@link ApiTopics#replyFilter()}).
 */
public final class PendingRequests {
  private static final Logger LOG = LoggerFactory.getLogger(PendingRequests.class);

  private final MqttConnection mqtt;
  private final ApiTopics topics;
  private final BadInputLog badInput;
  private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();

  private static final class Pending<T> {
    final String name;
    final CompletableFuture<T> result = new CompletableFuture<>();
    final Function<JsonNode, T> decoder;
    final Supplier<T> fallback;
    volatile ScheduledFuture<?> timer;

    Pending(String name, Function<JsonNode, T> decoder, Supplier<T> fallback) {
      this.name = name;
      this.decoder = decoder;
      this.fallback = fallback;
    }
  }

  public PendingRequests(MqttConnection mqtt, ApiTopics topics, BadInputLog badInput) {
    this.mqtt = mqtt;
    this.topics = topics;
    this.badInput = badInput;
  }

  /**
   * Publishes request {@code name} on {@code e2m/<name>} and returns its answer (the decoded reply,
   * or {@code fallback} after {@code timeoutMs}).
   */
  public <T> CompletableFuture<T> send(String name, Optional<Object> payload, Function<JsonNode, T> decoder,
      long timeoutMs, Supplier<T> fallback) {
    String id = UUID.randomUUID().toString();
    Pending<T> p = new Pending<>(name, decoder, fallback);
    pending.put(id, p);
    try {
      p.timer = mqtt.timers().schedule(() -> {
        if (pending.remove(id, p)) {
          LOG.warn("no reply to {} {} within {} ms: using the default answer", topics.e2m(name), id, timeoutMs);
          p.result.complete(fallback.get());
        }
      }, timeoutMs, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the connection is closed: answer at once
      pending.remove(id, p);
      p.result.complete(fallback.get());
      return p.result;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("headers").put("replyTo", topics.replyTo(id));
    payload.ifPresent(v -> body.set("payload", WireCodec.toTree(v)));
    mqtt.publish(topics.e2m(name), WireCodec.encode(body));
    return p.result;
  }

  /** A message on the reply filter. */
  public void onReply(String topic, String text) {
    String id = topic.substring(topic.lastIndexOf('/') + 1);
    Pending<?> p = pending.get(id);
    if (p == null) {
      LOG.debug("reply on {} matches no open request (late or unknown): ignored", topic);
      return;
    }
    complete(p, id, topic, text);
  }

  private <T> void complete(Pending<T> p, String id, String topic, String text) {
    T value;
    try {
      value = p.decoder.apply(Payloads.parse(text));
    } catch (BadMessage e) {
      badInput.reject(topic, "reply to " + p.name + ": " + e.getMessage() + " (still waiting)");
      return;
    }
    if (pending.remove(id, p)) {
      ScheduledFuture<?> t = p.timer;
      if (t != null) {
        t.cancel(false);
      }
      p.result.complete(value);
    }
  }

  /** How many requests wait for their reply. */
  public int open() {
    return pending.size();
  }

  /** Answers every open request with its default answer. */
  public void cancelAll() {
    for (Map.Entry<String, Pending<?>> e : pending.entrySet()) {
      if (pending.remove(e.getKey(), e.getValue())) {
        fallback(e.getValue());
      }
    }
  }

  private static <T> void fallback(Pending<T> p) {
    ScheduledFuture<?> t = p.timer;
    if (t != null) {
      t.cancel(false);
    }
    p.result.complete(p.fallback.get());
  }
}
