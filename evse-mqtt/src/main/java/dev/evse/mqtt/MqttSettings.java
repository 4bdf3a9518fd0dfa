package dev.evse.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where and how to connect to the MQTT broker (MQTT 3.1.1, clean session, QoS 0 as EVerest).
 *
 * <p>URL forms: {@code tcp://host:port} (default port 1883), {@code mqtt://host:port} (same),
 * {@code ssl://host:port} or {@code mqtts://host:port} (default port 8883, TLS per {@link #tls()}).
 * After a lost connection the client reconnects with an exponential back-off from {@link
 * #reconnectInitialDelay()} up to {@link #reconnectMaxDelay()}, for ever until closed.
 */
public record MqttSettings(
    URI url,
    String clientId,
    Optional<String> username,
    Optional<String> password,
    Optional<TlsOptions> tls,
    int keepAliveSeconds,
    Duration reconnectInitialDelay,
    Duration reconnectMaxDelay) {

  public MqttSettings {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("tcp") && !scheme.equals("mqtt") && !scheme.equals("ssl") && !scheme.equals("mqtts")) {
      throw new IllegalArgumentException("MQTT URL must start with tcp://, mqtt://, ssl:// or mqtts://: " + url);
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("MQTT URL has no host: " + url);
    }
    clientId = clientId == null || clientId.isBlank() ? "evse-" + UUID.randomUUID().toString().substring(0, 8) : clientId;
    username = username == null ? Optional.empty() : username;
    password = password == null ? Optional.empty() : password;
    tls = tls == null ? Optional.empty() : tls;
    if (keepAliveSeconds < 0) {
      throw new IllegalArgumentException("keep alive must not be negative: " + keepAliveSeconds);
    }
    reconnectInitialDelay = reconnectInitialDelay == null ? Duration.ofMillis(100) : reconnectInitialDelay;
    reconnectMaxDelay = reconnectMaxDelay == null ? Duration.ofSeconds(10) : reconnectMaxDelay;
    if (reconnectInitialDelay.isNegative() || reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
      throw new IllegalArgumentException("reconnect delays must satisfy 0 <= initial <= max");
    }
  }

  /** Settings for {@code url} with a random client id, no credentials, keep-alive 30 s. */
  public static MqttSettings of(String url) {
    return new MqttSettings(URI.create(url), null, Optional.empty(), Optional.empty(), Optional.empty(), 30,
        null, null);
  }

  /** Plain TCP to 127.0.0.1 on {@code port}. */
  public static MqttSettings localhost(int port) {
    return of("tcp://127.0.0.1:" + port);
  }

  public MqttSettings withClientId(String id) {
    return new MqttSettings(url, id, username, password, tls, keepAliveSeconds, reconnectInitialDelay, reconnectMaxDelay);
  }

  public MqttSettings withCredentials(String user, String pass) {
    return new MqttSettings(url, clientId, Optional.of(user), Optional.ofNullable(pass), tls, keepAliveSeconds,
        reconnectInitialDelay, reconnectMaxDelay);
  }

  public MqttSettings withTls(TlsOptions options) {
    return new MqttSettings(url, clientId, username, password, Optional.of(options), keepAliveSeconds,
        reconnectInitialDelay, reconnectMaxDelay);
  }

  public MqttSettings withKeepAlive(int seconds) {
    return new MqttSettings(url, clientId, username, password, tls, seconds, reconnectInitialDelay, reconnectMaxDelay);
  }

  public MqttSettings withReconnectDelays(Duration initial, Duration max) {
    return new MqttSettings(url, clientId, username, password, tls, keepAliveSeconds, initial, max);
  }

  /** Whether the URL asks for TLS. */
  public boolean secure() {
    String s = url.getScheme().toLowerCase(Locale.ROOT);
    return s.equals("ssl") || s.equals("mqtts");
  }

  public String host() {
    return url.getHost();
  }

  public int port() {
    return url.getPort() > 0 ? url.getPort() : secure() ? 8883 : 1883;
  }

  /** The URL without credentials, for logs. */
  @Override
  public String toString() {
    return url.getScheme() + "://" + host() + ":" + port() + " as " + clientId
        + username.map(u -> " (user " + u + ")").orElse("");
  }
}
