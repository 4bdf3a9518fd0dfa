package dev.evse.app.cli;

import dev.evse.app.SimulatedStation;
import dev.evse.app.StationOutput;
import dev.evse.app.config.AppConfig;
import dev.evse.app.config.ConfigLoader;
import dev.evse.core.charger.ChargerState;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import dev.evse.sim.ScriptParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a scripted session in virtual time and prints its timeline. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Runs one EVSE on simulated hardware in virtual time and prints the timeline of",
        "session events and hardware commands. An hour of charging takes milliseconds."})
public final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--script", paramLabel = "SCRIPT",
      description = "The car's script in EVerest simulator syntax (default: the config's, or "
          + "'sleep 1;iec_wait_pwr_ready;sleep 1;draw_power_regulated 16,3;sleep 30;unplug').")
  String script;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config; the first EVSE is simulated.")
  Path config;

  @Option(names = "--max-duration", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "24h", description = "Stop after this much virtual time (default: ${DEFAULT-VALUE}).")
  Duration maxDuration;

  @Option(names = "--current", paramLabel = "AMPS", description = "Current granted by the energy supply, A.")
  Double current;

  @Option(names = "--token", paramLabel = "ID", description = "RFID token the simulated reader presents "
      + "(default SIMCARD01); '' = nobody authorises.")
  String token;

  @Option(names = "--no-hardware", description = "Print session events only, not hardware commands.")
  boolean noHardware;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for session ids and the meter key.")
  Long seed;

  @Option(names = "--evses", paramLabel = "N", description = "Simulate a site of N EVSEs behind one grid "
      + "connection, shared by the site energy manager, and print the granted currents over time.")
  Integer evses;

  @Option(names = "--grid", paramLabel = "AMPS", defaultValue = "32",
      description = "Fuse of the site's grid connection per phase, with --evses (default ${DEFAULT-VALUE}).")
  double grid;

  @Option(names = "--db", paramLabel = "FILE", description = "Record the sessions in this database "
      + "(default: none; a transaction left open there by an earlier run is finished first).")
  java.nio.file.Path db;

  @Override
  public Integer call() throws Exception {
    return run(System.out);
  }

  int run(PrintStream out) throws ConfigLoader.ConfigException {
    if (evses != null) {
      if (evses < 1 || evses > 1000 || grid <= 0) {
        throw new IllegalArgumentException("--evses must be 1..1000 and --grid positive");
      }
      String carScript = script != null ? script : "iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 600;unplug";
      ScriptParser.parse(carScript);
      java.time.Duration d = maxDuration.compareTo(java.time.Duration.ofHours(24)) == 0
          ? java.time.Duration.ofMinutes(15) : maxDuration;
      return dev.evse.app.SimulatedSiteStations.runSite(out, evses, grid, carScript,
          token == null || token.isEmpty() ? "SIMCARD01" : token, d);
    }
    AppConfig app = config == null ? AppConfig.simulationDefaults() : ConfigLoader.load(config);
    AppConfig.EvseEntry entry = app.evses.get(0);
    if (script != null) {
      ScriptParser.parse(script); // a bad script fails here, before anything runs
      entry.simulation().script = script;
    }
    if (token != null) {
      entry.simulation().autoAuthorizeToken = token;
    }
    if (current != null) {
      app.energy.maxCurrentA = current;
    }
    if (seed != null) {
      entry.simulation().seed = seed;
    }
    entry.simulation().repeat = false;

    VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
    StationOutput printer = new StationOutput(out, time.clock(), true, !noHardware);
    dev.evse.store.SqliteStore store = db == null ? null : dev.evse.store.SqliteStore.open(db);
    if (store != null) {
      // The store writes on its own thread: wait for it before time moves on, so every event is
      // published at the virtual instant it happened.
      time.beforeTimeMoves(() -> store.flush().toCompletableFuture().join());
    }
    SimulatedStation station = new SimulatedStation(time, entry, java.util.Optional.of(app.energy), printer::board,
        java.util.Optional.ofNullable(store));
    station.evse().addListener(printer);
    boolean[] scriptDone = {false};
    station.hardware().car().onScriptFinished(o -> {
      scriptDone[0] = true;
      printer.note("car", o.completed() ? "script finished" : "script failed: " + o.failure().orElse("?"));
    });
    out.println("evse simulate: script \"" + entry.simulation().script + "\" (virtual time)");
    long wallStart = System.nanoTime();
    station.start();
    long limit = maxDuration.toMillis();
    while (time.now() < limit) {
      time.advanceBy(Math.min(1000, limit - time.now()));

      if (scriptDone[0] && station.evse().stateNow() == ChargerState.Idle) {
        break;
      }
    }
    long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
    station.stop();
    if (store != null) {
      store.close();
      out.println("sessions recorded in " + db);
    }
    out.printf(Locale.ROOT, "summary: %d session(s), %.1f Wh delivered, %s virtual, simulated in %d ms%s%n",
        printer.sessionsFinished(), station.hardware().meter().energyWh(), StationOutput.clock(time.now()),
        wallMs, time.now() >= limit ? " (stopped at --max-duration)" : "");
    return 0;
  }
}
