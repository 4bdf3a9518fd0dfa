package dev.evse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

  private static String simulate(String... args) throws Exception {
    SimulateCommand cmd = new SimulateCommand();
    new CommandLine(cmd).parseArgs(args);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    cmd.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static List<String> events(String output) {
    return output.lines().filter(l -> l.contains(" event ")).map(l -> l.replaceAll("^\\S+\\s+event\\s+", "")
        .replaceAll(" .*", "")).toList();
  }

  @Test
  void defaultScriptRunsAWholeSession() throws Exception {
    String out = simulate();
    assertThat(events(out)).containsExactly("Enabled", "SessionStarted", "AuthRequired", "Authorized",
        "TransactionStarted", "PrepareCharging", "ChargingStarted", "StoppingCharging", "ChargingFinished",
        "TransactionFinished", "SessionFinished");
    assertThat(out).contains("0:00:03.500  hw    allow_power_on true (FullPowerCharging)");
    assertThat(out).contains("summary: 1 session(s), 92.0 Wh delivered");
  }

  @Test
  void anHourOfChargingIsSimulatedFastAndDeterministically() throws Exception {
    String script = "sleep 1;iec_wait_pwr_ready;sleep 1;draw_power_regulated 32,1;sleep 3600;unplug";
    long t0 = System.nanoTime();
    String first = simulate("--script", script, "--seed", "7");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    String second = simulate("--script", script, "--seed", "7");
    assertThat(first).contains("TransactionFinished reason=EVDisconnected");
    assertThat(strip(first)).isEqualTo(strip(second));
    // 32 A x 230 V x 1 h = 7360 Wh
    assertThat(first).containsPattern("summary: 1 session\\(s\\), 73\\d\\d\\.\\d Wh delivered");
    assertThat(took).as("no sleeping: virtual time").isLessThan(Duration.ofSeconds(30));
  }

  /** The wall-clock duration is the one thing that differs between runs. */
  private static String strip(String s) {
    return s.replaceAll("simulated in \\d+ ms", "");
  }

  @Test
  void evPauseAndResumeShowInTheTimeline() throws Exception {
    String out = simulate("--script",
        "iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 60;pause;sleep 20;draw_power_regulated 16,3;sleep 60;unplug",
        "--no-hardware");
    assertThat(events(out)).containsSubsequence("ChargingStarted", "StoppingCharging", "ChargingPausedEV",
        "PrepareCharging", "ChargingStarted", "TransactionFinished", "SessionFinished");
    assertThat(out).doesNotContain(" hw ");
  }

  @Test
  void withoutAuthorizationNothingCharges() throws Exception {
    String out = simulate("--script", "sleep 1;pause;sleep 10;unplug", "--token", "");
    assertThat(events(out)).containsExactly("Enabled", "SessionStarted", "AuthRequired", "SessionFinished");
  }

  @Test
  void badScriptIsRefusedThroughTheCommandLine() {
    int code = dev.evse.app.Main.execute("simulate", "--script", "fly_to_the_moon");
    assertThat(code).isEqualTo(2);
  }
}
