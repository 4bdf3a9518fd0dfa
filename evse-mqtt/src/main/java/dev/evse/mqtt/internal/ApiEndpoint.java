package dev.evse.mqtt.internal;

import dev.evse.api.codec.WireCodec;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every API module has, on either side of the wire: its topic tree on a shared connection,
 * subscriptions whose bad messages are logged and dropped, periodic tasks, and clean closing.
 */
public abstract class ApiEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiEndpoint.class);

  /** Handles the text of one message; throws {@link BadMessage} (or the codec's exception) if unusable. */
  @FunctionalInterface
  protected interface TextHandler {
    void handle(String topic, String text);
  }

  protected final MqttConnection mqtt;
  protected final ApiTopics topics;
  protected final BadInputLog badInput;
  private final List<MqttConnection.Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();
  private final MqttConnection.ConnectionListener connectionListener;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

  protected ApiEndpoint(MqttConnection mqtt, ApiTopics topics, Logger log) {
    this.mqtt = mqtt;
    this.topics = topics;
    this.badInput = new BadInputLog(log);
    this.connectionListener = reconnect -> {
      if (!closed) {
        onConnected(reconnect);
      }
    };
    mqtt.addConnectionListener(connectionListener);
  }

  public ApiTopics topics() {
    return topics;
  }

  /** How many messages this module rejected so far. */
  public long rejectedMessages() {
    return badInput.total();
  }

  /** Called after every (re)connect, once subscriptions are in place. */
  protected void onConnected(boolean reconnect) {}

  /** Subscribes {@code handler} to {@code topic}; bad messages are logged with the topic and dropped. */
  protected void on(String topic, TextHandler handler) {
    subscriptions.add(mqtt.subscribe(topic, (t, payload) -> {
      if (closed) {
        return;
      }
      try {
        handler.handle(t, Payloads.text(payload));
      } catch (BadMessage e) {
        badInput.reject(t, e.getMessage());
      } catch (dev.evse.api.codec.WireFormatException e) {
        badInput.reject(t, e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("handling a message on {} failed", t, e);
      }
    }));
  }

  /** Completes when every subscription made so far is acknowledged. */
  protected CompletableFuture<Void> subscriptionsReady() {
    return CompletableFuture.allOf(subscriptions.stream().map(MqttConnection.Subscription::ready)
        .toArray(CompletableFuture[]::new));
  }

  /** Publishes a wire value (record, enum, scalar, JSON tree) as JSON. */
  protected void publishJson(String topic, Object value) {
    publish(topic, WireCodec.encode(value));
  }

  protected void publish(String topic, String text) {
    if (!closed) {
      mqtt.publish(topic, text);
    }
  }

  /** Publishes an empty payload (EVerest's trigger commands). */
  protected void publishEmpty(String topic) {
    if (!closed) {
      mqtt.publish(topic, new byte[0]);
    }
  }

  /** Runs {@code task} every {@code periodMs}, the first time at once. */
  protected void every(long periodMs, Runnable task) {
    if (closed) {
      return;
    }
    tasks.add(mqtt.timers().scheduleAtFixedRate(() -> {
      try {
        if (!closed) {
          task.run();
        }
      } catch (RuntimeException e) {
        LOG.error("periodic task of {} failed", topics, e);
      }
    }, 0, periodMs, TimeUnit.MILLISECONDS));
  }

  /** Publishes {@code e2m/heartbeat} (or whatever {@code topic}) 0, 1, 2 ... every {@code intervalMs}. */
  protected void startHeartbeat(String topic, long intervalMs) {
    if (intervalMs <= 0) {
      return;
    }
    AtomicLong counter = new AtomicLong();
    every(intervalMs, () -> publish(topic, Long.toUnsignedString(counter.getAndIncrement())));
  }

  /** True the first time only: {@code start()} methods subscribe once. */
  protected boolean markStarted() {
    return started.compareAndSet(false, true);
  }

  protected boolean isClosed() {
    return closed;
  }

  /** Ends subscriptions and periodic tasks; nothing is published afterwards. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    mqtt.removeConnectionListener(connectionListener);
    tasks.forEach(t -> t.cancel(false));
    subscriptions.forEach(MqttConnection.Subscription::cancel);
    onClose();
  }

  protected void onClose() {}
}
