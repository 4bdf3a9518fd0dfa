package dev.evse.mqtt.testing;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A plain MQTT client for black-box tests, written from EVerest's AsyncAPI files: it builds topics
 * and JSON by hand and never uses the bridge's classes. It records every message it receives.
 */
public final class ApiTestClient implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final Duration WAIT = Duration.ofSeconds(10);

  /** One received message; {@code json} is null if the payload is not JSON. */
  public record Msg(String topic, String payload, JsonNode json, long seq) {
    @Override
    public String toString() {
      return topic + " " + payload;
    }
  }

  private final Mqtt3AsyncClient client;
  private final List<Msg> received = new CopyOnWriteArrayList<>();
  private final List<java.util.function.Consumer<Msg>> hooks = new CopyOnWriteArrayList<>();
  private long seq;

  public ApiTestClient(int port) throws Exception {
    client = MqttClient.builder().useMqttVersion3().identifier("test-" + UUID.randomUUID().toString().substring(0, 8))
        .serverHost("127.0.0.1").serverPort(port).buildAsync();
    client.publishes(MqttGlobalPublishFilter.ALL, this::record);
    client.connectWith().cleanSession(true).send().get(10, TimeUnit.SECONDS);
  }

  private synchronized void record(Mqtt3Publish p) {
    String text = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    JsonNode json = null;
    try {
      json = text.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : JSON.readTree(text);
    } catch (Exception e) {
      // not JSON
    }
    Msg m = new Msg(p.getTopic().toString(), text, json, seq++);
    if (Boolean.getBoolean("trace.mqtt")) {
      System.out.println(java.time.LocalTime.now() + " <- " + m);
    }
    received.add(m);
    for (java.util.function.Consumer<Msg> h : hooks) {
      h.accept(m);
    }
  }

  /** Runs {@code hook} on every message as it arrives (on the client's thread; use {@link #publishAsync}). */
  public void addHook(java.util.function.Consumer<Msg> hook) {
    hooks.add(hook);
  }

  /** Publishes without waiting (safe inside hooks). */
  public void publishAsync(String topic, String payload) {
    client.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
  }

  public ApiTestClient subscribe(String... filters) throws Exception {
    for (String f : filters) {
      client.subscribeWith().topicFilter(f).qos(MqttQos.AT_MOST_ONCE).send().get(10, TimeUnit.SECONDS);
    }
    return this;
  }

  public void publish(String topic, String payload) {
    client.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
        .send().join();
  }

  public void publishBytes(String topic, byte[] payload) {
    client.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(payload).send().join();
  }

  /** Everything received on {@code topic}, in order. */
  public List<Msg> on(String topic) {
    List<Msg> out = new ArrayList<>();
    for (Msg m : received) {
      if (m.topic().equals(topic)) {
        out.add(m);
      }
    }
    return out;
  }

  public List<Msg> all() {
    return List.copyOf(received);
  }

  /** The first message on {@code topic} received after {@code afterSeq} that matches (empty payload: a missing node). */
  public Optional<Msg> find(String topic, long afterSeq, Predicate<JsonNode> match) {
    for (Msg m : received) {
      if (m.seq() > afterSeq && m.topic().equals(topic) && match.test(m.json())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Waits for a message on {@code topic} after {@code afterSeq} that matches {@code match}. */
  public Msg await(String topic, long afterSeq, Predicate<JsonNode> match) {
    AtomicReference<Msg> found = new AtomicReference<>();
    try {
      org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
        Optional<Msg> m = find(topic, afterSeq, j -> j != null && match.test(j));
        m.ifPresent(found::set);
        return m.isPresent();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no matching message on " + topic + " after #" + afterSeq + "; got: " + on(topic), e);
    }
    return found.get();
  }

  public Msg await(String topic, Predicate<JsonNode> match) {
    return await(topic, -1, match);
  }

  public Msg await(String topic) {
    return await(topic, -1, j -> true);
  }

  /** The sequence number of the last message received (to wait for later ones). */
  public long mark() {
    synchronized (this) {
      return seq - 1;
    }
  }

  /**
   * Publishes {@code {"headers":{"replyTo":<reply>},"payload":<payload>}} (payload omitted if null)
   * and waits for the bare reply.
   */
  public JsonNode request(String topic, String payloadJson) {
    return request(topic, payloadJson, "");
  }

  /** As {@link #request(String, String)}, the reply arriving on {@code prefix} + replyTo. */
  public JsonNode request(String topic, String payloadJson, String prefix) {
    String reply = "test/reply/" + UUID.randomUUID();
    long mark = mark();
    publish(topic, envelope(reply, payloadJson));
    return await(prefix + reply, mark, j -> true).json();
  }

  public static String envelope(String replyTo, String payloadJson) {
    StringBuilder b = new StringBuilder("{");
    if (replyTo != null) {
      b.append("\"headers\":{\"replyTo\":\"").append(replyTo).append("\"}");
    }
    if (payloadJson != null) {
      if (replyTo != null) {
        b.append(',');
      }
      b.append("\"payload\":").append(payloadJson);
    }
    return b.append('}').toString();
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Override
  public void close() {
    try {
      client.disconnect().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // ignore
    }
  }
}
