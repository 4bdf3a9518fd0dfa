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

  @Test
  void runsASessionInRealTimeAndStopsCleanly() throws Exception {
    RunCommand cmd = new RunCommand();
    new CommandLine(cmd).parseArgs("--script", "iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 1;unplug");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CountDownLatch stop = new CountDownLatch(1);
    var exec = Executors.newSingleThreadExecutor();
    Future<Integer> result = exec.submit(() -> cmd.run(out, stop));
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> bytes.toString(StandardCharsets.UTF_8).contains("SessionFinished"));
    stop.countDown();
    assertThat(result.get()).isZero();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("ChargingStarted", "TransactionFinished reason=EVDisconnected", "evse run: stopped");
    exec.shutdown();
  }
}
