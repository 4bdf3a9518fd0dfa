package dev.evse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The manager and its hardware on two sides of MQTT, as in an EVerest deployment: `evse run` with
 * `hardware: {driver: mqtt}` and `evse sim-hardware` meet on the embedded broker and charge a car.
 */
class SimHardwareOverMqttTest {
  @TempDir Path dir;

  @Test
  void aSessionRunsWithTheHardwareOnTheOtherSideOfTheBroker() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path cfg = dir.resolve("site.yaml");
    Files.writeString(cfg, """
        evses:
          - connector_id: 1
            disable_authentication: true
            hardware:
              driver: mqtt
        mqtt:
          port: %d
        dashboard:
          enabled: false
        """.formatted(port));
    ExecutorService exec = Executors.newFixedThreadPool(2);
    ByteArrayOutputStream runOut = new ByteArrayOutputStream();
    ByteArrayOutputStream hwOut = new ByteArrayOutputStream();
    CountDownLatch stopRun = new CountDownLatch(1);
    CountDownLatch stopHw = new CountDownLatch(1);
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--config", cfg.toString(), "--db", dir.resolve("t.db").toString());
    Future<Integer> runResult = exec.submit(() -> run.run(new PrintStream(runOut, true, StandardCharsets.UTF_8), stopRun));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runOut.toString(StandardCharsets.UTF_8).contains("Ctrl-C"));
    SimHardwareCommand hw = new SimHardwareCommand();
    new CommandLine(hw).parseArgs("--mqtt", "tcp://127.0.0.1:" + port,
        "--script", "sleep 1;iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 2;unplug");
    Future<Integer> hwResult = exec.submit(() -> hw.run(new PrintStream(hwOut, true, StandardCharsets.UTF_8), stopHw));
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60))
          .until(() -> runOut.toString(StandardCharsets.UTF_8).contains("SessionFinished"));
    } finally {
      stopHw.countDown();
      stopRun.countDown();
    }
    assertThat(hwResult.get()).isZero();
    assertThat(runResult.get()).isZero();
    String text = runOut.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("on MQTT hardware drivers", "hardware: bsp_1, powermeter_1");
    assertThat(text).containsSubsequence("SessionStarted", "TransactionStarted id_tag=FREESERVICE", "ChargingStarted",
        "TransactionFinished reason=EVDisconnected", "SessionFinished");
    exec.shutdown();
  }
}
