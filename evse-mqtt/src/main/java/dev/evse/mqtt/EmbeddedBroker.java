package dev.evse.mqtt;

import io.moquette.broker.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 broker inside the process (Moquette), for a single station or for tests. It
 * listens on 127.0.0.1 only, without persistence, telemetry or authentication; TCP_NODELAY is on.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {   // 0 = any free port
 *   MqttSettings settings = MqttSettings.localhost(broker.port());
 * }
 * }</pre>
 *
 * Stopping takes about two seconds (Moquette waits for its worker threads).
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  /** The largest message accepted (Moquette's default, 8 KiB, is too small for some payloads). */
  public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  private final Server server;
  private final String host;
  private final int port;
  private volatile boolean running;

  private EmbeddedBroker(Server server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
    this.running = true;
  }

  /** Starts a broker on 127.0.0.1:{@code port}; port 0 picks a free port (see {@link #port()}). */
  public static EmbeddedBroker start(int port) {
    return start("127.0.0.1", port);
  }

  /** Starts a broker on {@code host}:{@code port} (port 0 = a free one). */
  public static EmbeddedBroker start(String host, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port outside 0..65535: " + port);
    }
    if (port != 0) {
      return new EmbeddedBroker(startServer(host, port), host, port);
    }
    // Moquette cannot report a port it picked itself reliably: pick a free one, retry if taken meanwhile.
    RuntimeException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int free = freePort(host);
      try {
        return new EmbeddedBroker(startServer(host, free), host, free);
      } catch (RuntimeException e) {
        last = e;
        LOG.debug("port {} taken meanwhile, trying another: {}", free, e.toString());
      }
    }
    throw last;
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }

  private static Server startServer(String host, int port) {
    Properties p = new Properties();
    p.setProperty("host", host);
    p.setProperty("port", Integer.toString(port));
    p.setProperty("websocket_port", "disabled");
    p.setProperty("allow_anonymous", "true");
    p.setProperty("allow_zero_byte_client_id", "true"); // mosquitto_pub/sub 2.x send none
    p.setProperty("persistence_enabled", "false");
    p.setProperty("telemetry_enabled", "false");
    p.setProperty("use_metrics", "false");
    p.setProperty("use_bugsnag", "false");
    p.setProperty("netty.tcp_nodelay", "true");
    p.setProperty("netty.epoll", "false");
    p.setProperty("immediate_buffer_flush", "true");
    p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
    p.setProperty("session_queue_size", "65536");
    Server server = new Server();
    try {
      server.startServer(p);
    } catch (IOException e) {
      server.stopServer();
      throw new UncheckedIOException("cannot start the MQTT broker on " + host + ":" + port, e);
    } catch (RuntimeException e) {
      server.stopServer();
      throw new IllegalStateException("cannot start the MQTT broker on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    LOG.info("embedded MQTT broker listening on {}:{}", host, port);
    return server;
  }

  public String host() {
    return host;
  }

  /** The port the broker listens on. */
  public int port() {
    return port;
  }

  /** {@code tcp://host:port}. */
  public String url() {
    return "tcp://" + host + ":" + port;
  }

  /** Drops the connection of a client (tests: simulates a network failure). */
  public boolean disconnectClient(String clientId) {
    return server.disconnectClient(clientId);
  }

  public boolean isRunning() {
    return running;
  }

  /** Stops the broker (takes about two seconds); safe to call twice. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    server.stopServer();
    LOG.info("embedded MQTT broker on {}:{} stopped", host, port);
  }
}
