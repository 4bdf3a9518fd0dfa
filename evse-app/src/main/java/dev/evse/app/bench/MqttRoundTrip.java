package dev.evse.app.bench;

import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.EmbeddedBroker;
import dev.evse.mqtt.EvseBinding;
import dev.evse.mqtt.EvseBridge;
import dev.evse.mqtt.HiveMqConnection;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.MqttSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Latency of EVerest's API over MQTT, end to end on loopback: a consumer request to its reply
 * ({@code m2e/get_evse} to the bare result on {@code replyTo}), and a board event to the session
 * event it causes (driver {@code m2e/event} B to {@code session_event} SessionStarted, A to
 * SessionFinished). The benchmark plays the consumer and the hardware driver itself.
 */
public final class MqttRoundTrip {
  private static final String CON = "everest_api/1/evse_manager_consumer/evse_manager_1/";
  private static final String BSP = "everest_api/1/evse_board_support/bsp_1/";
  private static final String CAPS = "{\"max_current_A_import\":32.0,\"min_current_A_import\":6.0,"
      + "\"max_phase_count_import\":3,\"min_phase_count_import\":1,\"max_current_A_export\":0.0,"
      + "\"min_current_A_export\":0.0,\"max_phase_count_export\":3,\"min_phase_count_export\":1,"
      + "\"supports_changing_phases_during_charging\":false,\"connector_type\":\"IEC62196Type2Cable\"}";

  /** Latency figures in microseconds. */
  public record Figures(String broker, int samples, long p50Us, long p99Us, long maxUs) {
    String line(String what) {
      return String.format(Locale.ROOT, "%-34s %-10s n=%-5d p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms", what, broker,
          samples, p50Us / 1000.0, p99Us / 1000.0, maxUs / 1000.0);
    }
  }

  private MqttRoundTrip() {}

  /** Runs both measurements against a broker at {@code url} ({@code name} labels the output). */
  public static Figures[] measure(String url, String name, int requests, int cycles, PrintStream out)
      throws Exception {
    RealTimeLoopGroup loops = new RealTimeLoopGroup();
    try (MqttConnection kernelSide = HiveMqConnection.open(MqttSettings.of(url).withClientId("bench-evse"));
        MqttConnection client = HiveMqConnection.open(MqttSettings.of(url).withClientId("bench-client"))) {
      EvseConfig cfg = new EvseConfig();
      cfg.initialMeterValueTimeoutMs = 0;
      EvseBridge bridge = EvseBridge.create(kernelSide, new EvseBinding("evse_manager_1", "bsp_1", Optional.empty(), ""),
          ApiOptions.defaults(), ports -> ports.applyTo(EvseManager.builder(loops.newLoop("evse"), ports.board()), true)
              .config(cfg).build());
      BlockingQueue<Long> replies = new ArrayBlockingQueue<>(16);
      BlockingQueue<String> events = new ArrayBlockingQueue<>(1024);
      client.subscribe("bench/reply", (t, p) -> replies.offer(System.nanoTime())).ready().get(5, TimeUnit.SECONDS);
      client.subscribe(CON + "e2m/session_event", (t, p) -> {
        String s = new String(p, StandardCharsets.UTF_8);
        events.offer(System.nanoTime() + " " + s);
      }).ready().get(5, TimeUnit.SECONDS);
      ScheduledExecutorService timers = client.timers();
      var alive = timers.scheduleAtFixedRate(() -> client.publish(BSP + "m2e/communication_check", "true"),
          0, 1, TimeUnit.SECONDS);
      bridge.start().get(10, TimeUnit.SECONDS);
      client.publish(BSP + "m2e/capabilities", CAPS);
      bridge.evse().start();
      awaitEvent(events, "\"Enabled\"");

      long[] rr = new long[requests];
      for (int i = 0; i < requests; i++) {
        long t0 = System.nanoTime();
        client.publish(CON + "m2e/get_evse", "{\"headers\":{\"replyTo\":\"bench/reply\"}}");
        Long t1 = replies.poll(5, TimeUnit.SECONDS);
        if (t1 == null) {
          throw new IllegalStateException("no reply to get_evse within 5 s");
        }
        rr[i] = (t1 - t0) / 1000;
      }
      long[] ev = new long[cycles * 2];
      for (int i = 0; i < cycles; i++) {
        long t0 = System.nanoTime();
        client.publish(BSP + "m2e/event", "{\"event\":\"B\"}");
        ev[2 * i] = (awaitEvent(events, "\"SessionStarted\"") - t0) / 1000;
        awaitEvent(events, "\"AuthRequired\"");
        long t2 = System.nanoTime();
        client.publish(BSP + "m2e/event", "{\"event\":\"A\"}");
        ev[2 * i + 1] = (awaitEvent(events, "\"SessionFinished\"") - t2) / 1000;
      }
      alive.cancel(false);
      bridge.close();
      Figures request = figures(name, rr);
      Figures event = figures(name, ev);
      out.println(request.line("request -> reply (get_evse)"));
      out.println(event.line("board event -> session_event"));
      return new Figures[] {request, event};
    } finally {
      loops.close();
    }
  }

  private static long awaitEvent(BlockingQueue<String> events, String kind) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && e.contains("\"event\":" + kind)) {
        return Long.parseLong(e.substring(0, e.indexOf(' ')));
      }
    }
    throw new IllegalStateException("no session_event " + kind + " within 10 s");
  }

  private static Figures figures(String broker, long[] us) {
    long[] s = us.clone();
    Arrays.sort(s);
    return new Figures(broker, s.length, s[(int) Math.floor(0.5 * (s.length - 1))],
        s[(int) Math.floor(0.99 * (s.length - 1))], s[s.length - 1]);
  }

  /** Measures over the embedded broker, and over Mosquitto when the Debian package is installed. */
  public static void run(int requests, int cycles, PrintStream out) throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      measure(broker.url(), "embedded", requests, cycles, out);
    }
    Path mosquitto = Path.of("/usr/sbin/mosquitto");
    if (!Files.isExecutable(mosquitto)) {
      out.println("mosquitto not installed (apt-get install mosquitto): skipped the Mosquitto figures");
      return;
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = Files.createTempFile("evse-bench-mosquitto", ".conf");
    Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\n");
    Process p = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      waitForPort(port);
      measure("tcp://127.0.0.1:" + port, "mosquitto", requests, cycles, out);
    } finally {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
      Files.deleteIfExists(conf);
    }
  }

  private static void waitForPort(int port) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.onSpinWait();
        TimeUnit.MILLISECONDS.sleep(50); // waiting for another process to open its port
      }
    }
    throw new IOException("mosquitto did not open port " + port);
  }
}
