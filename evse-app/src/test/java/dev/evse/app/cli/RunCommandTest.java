package dev.evse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `evse run` in real time: a short scripted session, then a clean stop. */
class RunCommandTest {

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  @Test
  void defaultConfigParses() throws Exception {
    var c = dev.evse.app.config.ConfigLoader.parse(RunCommand.defaultConfigText(), "default-config.yaml");
    assertThat(c.evses.get(0).evse().disableAuthentication).isTrue();
    assertThat(c.energyManager.gridConnection.fuseLimitA).isEqualTo(32.0);
  }

  @Test
  void runsASessionInRealTimeWithEveryServiceAndStopsCleanly() throws Exception {
    RunCommand cmd = new RunCommand();
    new CommandLine(cmd).parseArgs("--script", "iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 1;unplug",
        "--db", dir.resolve("t.db").toString(), "--mqtt-port", "0", "--dashboard-port", "0");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CountDownLatch stop = new CountDownLatch(1);
    var exec = Executors.newSingleThreadExecutor();
    Future<Integer> result = exec.submit(() -> cmd.run(out, stop));
    Awaitility.await().atMost(Duration.ofSeconds(40))
        .until(() -> bytes.toString(StandardCharsets.UTF_8).contains("SessionFinished"));
    stop.countDown();
    assertThat(result.get()).isZero();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("dashboard   http://127.0.0.1:", "MQTT broker tcp://127.0.0.1:",
        "everest_api/1/evse_manager_consumer/evse_manager_1/", "free service");
    assertThat(text).contains("ChargingStarted", "TransactionFinished reason=EVDisconnected", "evse run: stopped");
    assertThat(text).contains("TransactionStarted id_tag=FREESERVICE");
    exec.shutdown();
  }
}
