package dev.evse.app.cli;

import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.mqtt.HiveMqConnection;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.MqttSettings;
import dev.evse.mqtt.driverside.DriverBridge;
import dev.evse.sim.ScriptParser;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The simulated board, car and power meter as a separate process: EVerest's
 * {@code evse_board_support} and {@code powermeter} driver APIs over MQTT, as a hardware driver
 * would speak them to an EVSE manager (this project's {@code evse run} with
 * {@code hardware: {driver: mqtt}}, or EVerest's).
 */
@Command(name = "sim-hardware", mixinStandardHelpOptions = true,
    description = {"Runs simulated hardware (board with a scripted car, power meter) as MQTT drivers:",
        "evse_board_support as bsp_N and powermeter as powermeter_N, until Ctrl-C."})
public final class SimHardwareCommand implements Callable<Integer> {

  @Option(names = "--mqtt", paramLabel = "URL", defaultValue = "tcp://127.0.0.1:1883",
      description = "Broker (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--evses", paramLabel = "N", defaultValue = "1", description = "How many (bsp_1.., powermeter_1..).")
  int evses;

  @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "", description = "Topic prefix.")
  String prefix;

  @Option(names = "--script", paramLabel = "SCRIPT",
      defaultValue = "sleep 3;iec_wait_pwr_ready;sleep 1;draw_power_regulated 16,3;sleep 30;unplug",
      description = "Script of every car (default: ${DEFAULT-VALUE}).")
  String script;

  @Option(names = "--repeat", description = "Run the script again when it ends.")
  boolean repeat;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "sim-hardware-shutdown"));
    return run(System.out, stop);
  }

  int run(PrintStream out, CountDownLatch stop) throws Exception {
    if (evses < 1 || evses > 1000) {
      throw new IllegalArgumentException("--evses: " + evses + " is outside 1..1000");
    }
    ScriptParser.parse(script);
    RealTimeLoopGroup loops = new RealTimeLoopGroup();
    List<AutoCloseable> closers = new ArrayList<>();
    List<SimulatedHardware> all = new ArrayList<>();
    try (MqttConnection mqtt = HiveMqConnection.open(
        MqttSettings.of(url).withClientId("evse-sim-hardware-" + ProcessHandle.current().pid()))) {
      for (int n = 1; n <= evses; n++) {
        EventLoop loop = loops.newLoop("hw-" + n);
        SimulatedHardware hw = new SimulatedHardware(loop, SimulationConfig.builder()
            .randomOcmfKey().carAutoExecInfinite(repeat).build());
        DriverBridge driver = DriverBridge.builder(mqtt).prefix(prefix)
            .board("bsp_" + n, hw.board())
            .connectorLock(hw.lock())
            .powerMeter("powermeter_" + n, hw.meter())
            .executor(loop::post)
            .build();
        hw.connect(driver.boardListener(), driver.meterListener(), driver.errorListener());
        driver.start().get(10, TimeUnit.SECONDS);
        closers.add(driver);
        all.add(hw);
        out.println("sim-hardware: bsp_" + n + " and powermeter_" + n + " on " + url);
      }
      for (SimulatedHardware hw : all) {
        hw.start();
        hw.loop().post(() -> hw.car().execute(script));
      }
      stop.await();
      all.forEach(SimulatedHardware::stop);
      for (AutoCloseable c : closers) {
        c.close();
      }
    } finally {
      loops.close();
    }
    out.println("sim-hardware: stopped");
    return 0;
  }
}
