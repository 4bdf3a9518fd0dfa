package dev.evse.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import dev.evse.mqtt.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectionTest {
  static EmbeddedBroker broker;

  @BeforeAll
  static void up() {
    broker = EmbeddedBroker.start(0);
  }

  @AfterAll
  static void down() {
    broker.close();
  }

  @Test
  void publishSubscribeAndWildcards() throws Exception {
    try (HiveMqConnection c = HiveMqConnection.open(MqttSettings.localhost(broker.port()))) {
      c.connected().get(5, TimeUnit.SECONDS);
      List<String> got = new CopyOnWriteArrayList<>();
      c.subscribe("a/b", (t, p) -> got.add("exact " + t + " " + new String(p, StandardCharsets.UTF_8)))
          .ready().get(5, TimeUnit.SECONDS);
      c.subscribe("a/+", (t, p) -> got.add("plus " + t)).ready().get(5, TimeUnit.SECONDS);
      c.publish("a/b", "1");
      c.publish("a/c", new byte[0]);
      await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 3);
      assertThat(got).containsExactlyInAnyOrder("exact a/b 1", "plus a/b", "plus a/c");
    }
  }

  @Test
  void retriesUntilTheBrokerIsThereAndResubscribesAfterALoss() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    MqttSettings settings = MqttSettings.localhost(port).withClientId("retry-test")
        .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200));
    try (HiveMqConnection c = HiveMqConnection.open(settings)) {
      List<Boolean> connects = new CopyOnWriteArrayList<>();
      c.addConnectionListener(connects::add);
      List<String> got = new CopyOnWriteArrayList<>();
      c.subscribe("x/y", (t, p) -> got.add(new String(p, StandardCharsets.UTF_8)));
      assertThat(c.isConnected()).isFalse();
      try (EmbeddedBroker late = EmbeddedBroker.start(port)) {
        c.connected().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> connects.equals(List.of(false)));
        c.publish("x/y", "first");
        await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("first"));
      }
    }
  }

  @Test
  void resubscribesAfterANetworkFailure() throws Exception {
    resubscribeThroughProxy(broker.port());
  }

  @Test
  void resubscribesAfterANetworkFailureMosquitto() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(dev.evse.mqtt.testing.MosquittoBroker.available(),
        dev.evse.mqtt.testing.MosquittoBroker.SKIP_MESSAGE);
    try (var m = dev.evse.mqtt.testing.MosquittoBroker.start()) {
      resubscribeThroughProxy(m.port());
    }
  }

  private void resubscribeThroughProxy(int brokerPort) throws Exception {
    try (TcpProxy proxy = new TcpProxy(brokerPort);
        HiveMqConnection c = HiveMqConnection.open(MqttSettings.localhost(proxy.port())
            .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200)))) {
      List<Boolean> connects = new CopyOnWriteArrayList<>();
      c.addConnectionListener(connects::add);
      List<String> got = new CopyOnWriteArrayList<>();
      c.subscribe("x/z", (t, p) -> got.add(new String(p, StandardCharsets.UTF_8))).ready().get(5, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(5)).until(() -> connects.equals(List.of(false)));
      proxy.cutConnections();
      await().atMost(Duration.ofSeconds(10)).until(() -> connects.equals(List.of(false, true)));
      c.publish("x/z", "second");
      await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("second"));
    }
  }
}
