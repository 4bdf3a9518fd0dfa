package dev.evse.app.cli;

import dev.evse.app.Site;
import dev.evse.app.StationOutput;
import dev.evse.app.config.AppConfig;
import dev.evse.app.config.ConfigLoader;
import dev.evse.sim.ScriptParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the EVSEs of the config with every service, in real time, until Ctrl-C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the EVSE managers of the config (default: one simulated AC EVSE in free service)",
        "with the embedded MQTT broker and EVerest's API, the SQLite store, the site energy",
        "manager, the built-in Auth and the web dashboard, until Ctrl-C or SIGTERM."})
public final class RunCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config (default: built-in).")
  Path config;

  @Option(names = "--print-default-config", description = "Print the documented default config and exit.")
  boolean printDefaultConfig;

  @Option(names = "--db", paramLabel = "FILE", description = "Session database (default: ~/.local/share/evse/evse.db).")
  Path db;

  @Option(names = "--mqtt-port", paramLabel = "PORT", description = "Port of the embedded MQTT broker (default 1883).")
  Integer mqttPort;

  @Option(names = "--dashboard-port", paramLabel = "PORT", description = "Port of the dashboard (default 8080).")
  Integer dashboardPort;

  @Option(names = "--no-dashboard", description = "Do not start the web dashboard.")
  boolean noDashboard;

  @Option(names = "--no-mqtt", description = "Do not start the broker and the MQTT API.")
  boolean noMqtt;

  @Option(names = "--script", paramLabel = "SCRIPT", description = "Script of every simulated car.")
  String script;

  @Option(names = "--repeat", description = "Run the car's script again when it ends.")
  boolean repeat;

  @Option(names = "--no-hardware", description = "Print session events only, not hardware commands.")
  boolean noHardware;

  @Override
  public Integer call() throws Exception {
    if (printDefaultConfig) {
      System.out.print(defaultConfigText());
      return 0;
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
    // Ctrl-C and SIGTERM: stop safely, then leave with 0 (a signal would otherwise give 130/143).
    // An exit for another reason (a bad config: 2) keeps its own code.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (over.get()) {
        return;
      }
      stop.countDown();
      try {
        stopped.await(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(0);
    }, "evse-shutdown"));
    try {
      return run(System.out, stop);
    } catch (Exception | Error e) {
      over.set(true);
      throw e;
    } finally {
      stopped.countDown();
    }
  }

  /** The documented default config, as {@code --print-default-config} prints it. */
  public static String defaultConfigText() throws IOException {
    try (InputStream in = RunCommand.class.getResourceAsStream("/default-config.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs until {@code stop} opens. */
  int run(PrintStream out, CountDownLatch stop) throws Exception {
    AppConfig app = config == null ? AppConfig.defaults() : ConfigLoader.load(config);
    if (script != null) {
      ScriptParser.parse(script);
    }
    for (AppConfig.EvseEntry entry : app.evses) {
      if (script != null) {
        entry.simulation().script = script;
      }
      entry.simulation().repeat |= repeat;
    }
    boolean several = app.evses.size() > 1;
    java.util.Map<Integer, StationOutput> printers = new java.util.HashMap<>();
    dev.evse.core.runtime.Clock wall = dev.evse.core.runtime.Clock.system();
    for (AppConfig.EvseEntry e : app.evses) {
      int id = e.evse().connectorId;
      printers.put(id, new StationOutput(out, wall, false, !noHardware, several ? "[" + id + "] " : ""));
    }
    Site.Options options = new Site.Options(Optional.ofNullable(db), Optional.ofNullable(mqttPort),
        Optional.ofNullable(dashboardPort), noDashboard, noMqtt, id -> printers.get(id)::board);
    try (Site site = Site.start(app, options, evse -> evse.addListener(printers.get(evse.config().connectorId)))) {
      site.banner().forEach(out::println);
      stop.await();
      out.println("evse run: stopping (relays open, open transactions stay on record)");
    }
    out.println("evse run: stopped");
    return 0;
  }
}
