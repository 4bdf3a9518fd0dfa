package dev.evse.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One connection to an MQTT broker, shared by many API bridges. Publishing is QoS 0 without retain
 * (as EVerest's API); subscriptions are QoS 0, remembered, and made again after every reconnect.
 * Thread-safe; nothing here blocks.
 */
public interface MqttConnection extends AutoCloseable {

  /** Publishes {@code payload} (UTF-8) to {@code topic}; dropped silently while disconnected. */
  void publish(String topic, String payload);

  /** Publishes raw bytes (an empty array is an empty payload, e.g. EVerest's trigger commands). */
  void publish(String topic, byte[] payload);

  /**
   * Subscribes {@code handler} to a topic filter ({@code +} and {@code #} wildcards allowed). The
   * future completes when the broker acknowledged the subscription (later, once connected, if the
   * connection is down); the subscription survives reconnects until {@link Subscription#cancel()}.
   */
  Subscription subscribe(String topicFilter, MqttMessageHandler handler);

  /**
   * Runs {@code hook} after every successful (re)connect, once every subscription has been made
   * again (e.g. to re-publish state vars that are not retained). {@code reconnect} is false for
   * the first connection.
   */
  void addConnectionListener(ConnectionListener hook);

  /** Removes a listener added with {@link #addConnectionListener}. */
  void removeConnectionListener(ConnectionListener hook);

  boolean isConnected();

  /** Completes when the connection is up for the first time. */
  CompletableFuture<Void> connected();

  /** Timers for heartbeats, communication checks and request timeouts (daemon threads). */
  ScheduledExecutorService timers();

  /** Disconnects and stops reconnecting. */
  @Override
  void close();

  /** A subscription that can be ended. */
  interface Subscription {
    /** Completes when the broker has acknowledged the subscription. */
    CompletableFuture<Void> ready();

    /** Ends the subscription (the broker is told once no other handler uses the same filter). */
    void cancel();
  }

  /** Told about (re)connects. */
  @FunctionalInterface
  interface ConnectionListener {
    void onConnected(boolean reconnect);

    /** Told when the connection is lost (before any reconnect attempt). */
    default void onDisconnected(Throwable cause) {}
  }
}
