package dev.evse.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3SubscribeBuilder;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import dev.evse.mqtt.internal.TopicFilters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttConnection} over the HiveMQ MQTT client, MQTT 3.1.1 with a clean session.
 *
 * <ul>
 *   <li>Reconnects after any connection loss (also when the first connect fails) with an
 *       exponential back-off and ±20 % jitter, until {@link #close()}.
 *   <li>Every subscription is remembered and made again after each reconnect (the client
 *       re-subscribes what the broker had acknowledged; filters added while the connection was
 *       down are subscribed in batches); the connection listeners run once that is done.
 *   <li>Incoming messages are dispatched by topic to the handlers of every matching filter, on the
 *       client's callback thread, in arrival order.
 *   <li>QoS 0 publications made while disconnected are dropped (state is re-published by the
 *       bridges' connection listeners instead).
 *   <li>TCP_NODELAY: the client builds its sockets with Netty's defaults, which enable it; the
 *       client has no option to change that.
 * </ul>
 *
 * <pre>{@code
 * HiveMqConnection mqtt = HiveMqConnection.open(MqttSettings.of("tcp://127.0.0.1:1883"));
 * mqtt.connected().get(5, TimeUnit.SECONDS);
 * }</pre>
 */
public final class HiveMqConnection implements MqttConnection {
  private static final Logger LOG = LoggerFactory.getLogger(HiveMqConnection.class);
  private static final int SUBSCRIPTIONS_PER_PACKET = 64;

  private final MqttSettings settings;
  private final Mqtt3AsyncClient client;
  private final ScheduledExecutorService timers;
  private final Map<String, FilterEntry> exact = new ConcurrentHashMap<>();
  private final Map<String, FilterEntry> wildcard = new ConcurrentHashMap<>();
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean everConnected = new AtomicBoolean();
  private final AtomicInteger failedAttempts = new AtomicInteger();
  private final AtomicInteger generation = new AtomicInteger();
  private volatile boolean connected;

  private HiveMqConnection(MqttSettings settings) {
    this.settings = settings;
    this.timers = Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "mqtt-timers-" + settings.clientId());
      t.setDaemon(true);
      return t;
    });
    Mqtt3ClientBuilder b = MqttClient.builder()
        .useMqttVersion3()
        .identifier(settings.clientId())
        .serverHost(settings.host())
        .serverPort(settings.port())
        .addConnectedListener(this::onConnected)
        .addDisconnectedListener(this::onDisconnected);
    if (settings.secure()) {
      b = b.sslConfig(sslConfig(settings.tls().orElse(TlsOptions.defaults())));
    }
    this.client = b.buildAsync();
    client.publishes(MqttGlobalPublishFilter.ALL, this::dispatch);
  }

  /** Creates the client and starts connecting; see {@link #connected()}. */
  public static HiveMqConnection open(MqttSettings settings) {
    HiveMqConnection c = new HiveMqConnection(settings);
    c.connect();
    return c;
  }

  public MqttSettings settings() {
    return settings;
  }

  private void connect() {
    Mqtt3ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck>> c =
        client.connectWith().cleanSession(true).keepAlive(settings.keepAliveSeconds());
    if (settings.username().isPresent()) {
      var auth = c.simpleAuth().username(settings.username().get());
      if (settings.password().isPresent()) {
        auth = auth.password(settings.password().get().getBytes(StandardCharsets.UTF_8));
      }
      c = auth.applySimpleAuth();
    }
    c.send().whenComplete((ack, error) -> {
      if (error != null) {
        LOG.debug("MQTT connect to {} failed: {}", settings, error.toString());
      }
    });
  }

  private static MqttClientSslConfig sslConfig(TlsOptions tls) {
    MqttClientSslConfigBuilder b = MqttClientSslConfig.builder();
    try {
      if (tls.trustStore().isPresent()) {
        KeyStore ks = load(tls.trustStore().get(), tls.trustStorePassword(), tls.storeType());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        b = b.trustManagerFactory(tmf);
      }
      if (tls.keyStore().isPresent()) {
        KeyStore ks = load(tls.keyStore().get(), tls.keyStorePassword(), tls.storeType());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, tls.keyStorePassword().toCharArray());
        b = b.keyManagerFactory(kmf);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load TLS key material: " + e.getMessage(), e);
    }
    if (!tls.verifyHostname()) {
      b = b.hostnameVerifier((host, session) -> true);
    }
    if (!tls.protocols().isEmpty()) {
      b = b.protocols(tls.protocols());
    }
    return b.build();
  }

  private static KeyStore load(java.nio.file.Path file, String password, String type)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }

  // ---------------------------------------------------------------- life cycle

  private void onConnected(MqttClientConnectedContext ctx) {
    if (closed.get()) {
      client.disconnect(); // a reconnect attempt that was already scheduled when close() ran
      return;
    }
    generation.incrementAndGet();
    connected = true;
    failedAttempts.set(0);
    boolean reconnect = everConnected.getAndSet(true);
    LOG.info("MQTT {} to {}", reconnect ? "reconnected" : "connected", settings);
    // Subscribing from inside the client's connected callback can stall; do it from our thread.
    timers.execute(() -> afterConnect(reconnect));
  }

  private void afterConnect(boolean reconnect) {
    // The client itself subscribes again to every filter it had subscribed (clean session);
    // here only the filters added while the connection was down are subscribed.
    int gen = generation.get();
    List<FilterEntry> pending = new ArrayList<>();
    for (FilterEntry e : exact.values()) {
      if (!e.acked.isDone() && e.sentIn != gen) {
        pending.add(e);
      }
    }
    for (FilterEntry e : wildcard.values()) {
      if (!e.acked.isDone() && e.sentIn != gen) {
        pending.add(e);
      }
    }
    subscribeBatch(pending).whenComplete((v, e) -> {
      if (e != null) {
        LOG.warn("MQTT re-subscribe after connect failed: {}", e.toString());
      }
      for (ConnectionListener l : listeners) {
        try {
          l.onConnected(reconnect);
        } catch (RuntimeException ex) {
          LOG.error("MQTT connection listener failed", ex);
        }
      }
      firstConnect.complete(null);
    });
  }

  private void onDisconnected(MqttClientDisconnectedContext ctx) {
    boolean wasConnected = connected;
    connected = false;
    if (wasConnected) {
      if (closed.get() || ctx.getSource() == MqttDisconnectSource.USER) {
        LOG.debug("MQTT connection to {} closed", settings);
      } else {
        LOG.warn("MQTT connection to {} lost: {}", settings, ctx.getCause().toString());
      }
      for (ConnectionListener l : listeners) {
        try {
          l.onDisconnected(ctx.getCause());
        } catch (RuntimeException ex) {
          LOG.error("MQTT connection listener failed", ex);
        }
      }
    }
    if (closed.get() || ctx.getSource() == MqttDisconnectSource.USER) {
      return;
    }
    int attempt = failedAttempts.getAndIncrement();
    long delay = backoffMillis(attempt);
    if (!wasConnected) {
      if (attempt % 20 == 0) {
        LOG.warn("MQTT connect to {} failed ({}), retrying (next in {} ms)", settings, ctx.getCause().toString(), delay);
      } else {
        LOG.debug("MQTT connect to {} failed ({}), retry in {} ms", settings, ctx.getCause().toString(), delay);
      }
    }
    ctx.getReconnector()
        .reconnect(true)
        .resubscribeIfSessionExpired(true)
        .republishIfSessionExpired(false)
        .delay(delay, TimeUnit.MILLISECONDS);
  }

  private long backoffMillis(int attempt) {
    long initial = Math.max(1, settings.reconnectInitialDelay().toMillis());
    long max = Math.max(initial, settings.reconnectMaxDelay().toMillis());
    long d = initial << Math.min(attempt, 20);
    if (d <= 0 || d > max) {
      d = max;
    }
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.max(1, Math.round(d * jitter));
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      client.disconnect().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("MQTT disconnect: {}", e.toString());
    }
    timers.shutdownNow();
    firstConnect.completeExceptionally(new IllegalStateException("connection closed"));
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public CompletableFuture<Void> connected() {
    return firstConnect;
  }

  @Override
  public ScheduledExecutorService timers() {
    return timers;
  }

  @Override
  public void addConnectionListener(ConnectionListener hook) {
    listeners.add(hook);
  }

  @Override
  public void removeConnectionListener(ConnectionListener hook) {
    listeners.remove(hook);
  }

  // ---------------------------------------------------------------- publish

  @Override
  public void publish(String topic, String payload) {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void publish(String topic, byte[] payload) {
    if (!TopicFilters.isValidTopicName(topic)) {
      LOG.warn("not publishing to invalid topic '{}'", topic);
      return;
    }
    if (!connected) {
      LOG.trace("not connected: dropped publication to {}", topic);
      return;
    }
    try {
      client.publishWith()
          .topic(topic)
          .qos(MqttQos.AT_MOST_ONCE)
          .retain(false)
          .payload(payload)
          .send()
          .whenComplete((p, e) -> {
            if (e != null) {
              LOG.debug("publication to {} failed: {}", topic, e.toString());
            }
          });
    } catch (RuntimeException e) {
      LOG.warn("cannot publish to {}: {}", topic, e.toString());
    }
  }

  // ---------------------------------------------------------------- subscribe

  /** The handlers of one filter and its acknowledgement. */
  private static final class FilterEntry {
    final String filter;
    final List<MqttMessageHandler> handlers = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> acked = new CompletableFuture<>();
    /** The connection generation in which a SUBSCRIBE for this filter was sent (-1: never). */
    volatile int sentIn = -1;

    FilterEntry(String filter) {
      this.filter = filter;
    }
  }

  @Override
  public Subscription subscribe(String topicFilter, MqttMessageHandler handler) {
    if (!TopicFilters.isValidFilter(topicFilter)) {
      throw new IllegalArgumentException("invalid topic filter: '" + topicFilter + "'");
    }
    Map<String, FilterEntry> map = TopicFilters.hasWildcard(topicFilter) ? wildcard : exact;
    FilterEntry entry;
    boolean created;
    synchronized (this) {
      FilterEntry existing = map.get(topicFilter);
      created = existing == null;
      entry = created ? new FilterEntry(topicFilter) : existing;
      entry.handlers.add(handler);
      if (created) {
        map.put(topicFilter, entry);
      }
    }
    if (created && connected) {
      subscribeBatch(List.of(entry));
    }
    FilterEntry e = entry;
    return new Subscription() {
      @Override
      public CompletableFuture<Void> ready() {
        return e.acked;
      }

      @Override
      public void cancel() {
        boolean last;
        synchronized (HiveMqConnection.this) {
          e.handlers.remove(handler);
          last = e.handlers.isEmpty() && map.remove(e.filter, e);
        }
        if (last) {
          client.unsubscribeWith().topicFilter(e.filter).send().whenComplete((v, ex) -> {
            if (ex != null) {
              LOG.debug("unsubscribe {} failed: {}", e.filter, ex.toString());
            }
          });
        }
      }
    };
  }

  private CompletableFuture<Void> subscribeBatch(List<FilterEntry> entries) {
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (int i = 0; i < entries.size(); i += SUBSCRIPTIONS_PER_PACKET) {
      List<FilterEntry> chunk = entries.subList(i, Math.min(entries.size(), i + SUBSCRIPTIONS_PER_PACKET));
      Mqtt3SubscribeBuilder.Complete b = null;
      int gen = generation.get();
      for (FilterEntry e : chunk) {
        e.sentIn = gen;
        Mqtt3Subscription s = Mqtt3Subscription.builder().topicFilter(e.filter).qos(MqttQos.AT_MOST_ONCE).build();
        b = b == null ? Mqtt3Subscribe.builder().addSubscription(s) : b.addSubscription(s);
      }
      if (b == null) {
        continue;
      }
      CompletableFuture<?> ack = client.subscribe(b.build()).whenComplete((suback, ex) -> {
        if (ex != null) {
          LOG.warn("MQTT subscribe failed: {}", ex.toString());
          return;
        }
        chunk.forEach(e -> e.acked.complete(null));
      });
      acks.add(ack);
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }

  private void dispatch(Mqtt3Publish publish) {
    String topic = publish.getTopic().toString();
    byte[] payload = publish.getPayloadAsBytes();
    FilterEntry e = exact.get(topic);
    if (e != null) {
      deliver(e, topic, payload);
    }
    if (!wildcard.isEmpty()) {
      for (FilterEntry w : wildcard.values()) {
        if (TopicFilters.matches(w.filter, topic)) {
          deliver(w, topic, payload);
        }
      }
    }
  }

  private static void deliver(FilterEntry e, String topic, byte[] payload) {
    for (MqttMessageHandler h : e.handlers) {
      try {
        h.onMessage(topic, payload);
      } catch (RuntimeException ex) {
        LOG.error("handler for {} failed on {}", e.filter, topic, ex);
      }
    }
  }

  @Override
  public String toString() {
    return "MQTT " + settings;
  }
}
