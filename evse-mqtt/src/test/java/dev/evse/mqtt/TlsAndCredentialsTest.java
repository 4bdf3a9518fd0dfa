package dev.evse.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.moquette.broker.Server;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** ssl:// with a trust store, and user name / password, against a Moquette with TLS and a password file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsAndCredentialsTest {
  @TempDir
  static Path dir;
  private Server server;
  private int sslPort;

  /**
   * The key material in {@code src/test/resources/tls} was made once with keytool (EC P-256,
   * CN=localhost, SAN 127.0.0.1, valid 100 years, password {@code secret}): broker.p12 holds the
   * broker's key, trust.p12 its certificate.
   */
  @BeforeAll
  void startTlsBroker() throws Exception {
    Path broker = dir.resolve("broker.p12");
    for (String f : List.of("broker.p12", "trust.p12")) {
      try (var in = TlsAndCredentialsTest.class.getResourceAsStream("/tls/" + f)) {
        assertThat(in).as("test resource tls/" + f).isNotNull();
        Files.copy(in, dir.resolve(f));
      }
    }
    Path passwords = dir.resolve("passwords");
    Files.writeString(passwords, "evse:" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest("pw".getBytes(StandardCharsets.UTF_8))) + "\n");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      sslPort = s.getLocalPort();
    }
    Properties p = new Properties();
    p.setProperty("host", "127.0.0.1");
    p.setProperty("port", "disabled");
    p.setProperty("websocket_port", "disabled");
    p.setProperty("ssl_port", Integer.toString(sslPort));
    p.setProperty("jks_path", broker.toString());
    p.setProperty("key_store_type", "pkcs12");
    p.setProperty("key_store_password", "secret");
    p.setProperty("key_manager_password", "secret");
    p.setProperty("allow_anonymous", "false");
    p.setProperty("password_file", passwords.toString());
    p.setProperty("persistence_enabled", "false");
    p.setProperty("telemetry_enabled", "false");
    server = new Server();
    server.startServer(p);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stopServer();
    }
  }

  private MqttSettings settings(String password) {
    return MqttSettings.of("ssl://127.0.0.1:" + sslPort)
        .withTls(TlsOptions.defaults().withTrustStore(dir.resolve("trust.p12"), "secret"))
        .withCredentials("evse", password)
        .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200));
  }

  @Test
  void connectsOverTlsWithCredentials() throws Exception {
    try (HiveMqConnection c = HiveMqConnection.open(settings("pw"))) {
      c.connected().get(10, TimeUnit.SECONDS);
      List<String> got = new CopyOnWriteArrayList<>();
      c.subscribe("tls/x", (t, p) -> got.add(new String(p, StandardCharsets.UTF_8))).ready().get(5, TimeUnit.SECONDS);
      c.publish("tls/x", "hello");
      await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("hello"));
    }
  }

  @Test
  void aWrongPasswordNeverConnects() throws Exception {
    try (HiveMqConnection c = HiveMqConnection.open(settings("wrong"))) {
      await().pollDelay(Duration.ofMillis(800)).until(() -> true);
      assertThat(c.isConnected()).isFalse();
      assertThat(c.connected()).isNotDone();
    }
  }

  @Test
  void anUntrustedBrokerNeverConnects() throws Exception {
    try (HiveMqConnection c = HiveMqConnection.open(MqttSettings.of("ssl://127.0.0.1:" + sslPort)
        .withCredentials("evse", "pw").withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200)))) {
      await().pollDelay(Duration.ofMillis(800)).until(() -> true);
      assertThat(c.isConnected()).isFalse();
    }
  }
}
