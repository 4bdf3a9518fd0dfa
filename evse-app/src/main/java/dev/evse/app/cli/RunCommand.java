package dev.evse.app.cli;

import dev.evse.app.SimulatedStation;
import dev.evse.app.StationOutput;
import dev.evse.app.config.AppConfig;
import dev.evse.app.config.ConfigLoader;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.sim.ScriptParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the EVSEs of the config in real time until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the EVSE managers of the config (default: one EVSE on simulated hardware) in",
        "real time and prints session events as they happen, until Ctrl-C."})
public final class RunCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config (default: built-in).")
  Path config;

  @Option(names = "--script", paramLabel = "SCRIPT", description = "Script of every simulated car.")
  String script;

  @Option(names = "--repeat", description = "Run the car's script again when it ends.")
  boolean repeat;

  @Option(names = "--no-hardware", description = "Print session events only, not hardware commands.")
  boolean noHardware;

  @Override
  public Integer call() throws Exception {
    return run(System.out, new CountDownLatch(1));
  }

  /** Runs until {@code stop} opens (Ctrl-C opens it through a shutdown hook). */
  int run(PrintStream out, CountDownLatch stop) throws Exception {
    AppConfig app = config == null ? AppConfig.defaults() : ConfigLoader.load(config);
    if (script != null) {
      ScriptParser.parse(script);
    }
    RealTimeLoopGroup loops = new RealTimeLoopGroup();
    List<SimulatedStation> stations = new ArrayList<>();
    for (AppConfig.EvseEntry entry : app.evses) {
      if (script != null) {
        entry.simulation().script = script;
      }
      entry.simulation().repeat |= repeat;
      String prefix = app.evses.size() > 1 ? "[" + entry.evse().connectorId + "] " : "";
      StationOutput printer = new StationOutput(out, loops.clock(), false, !noHardware, prefix);
      SimulatedStation station = new SimulatedStation(loops, entry, app.energy, printer::board);
      station.evse().addListener(printer);
      stations.add(station);
    }
    Thread hook = new Thread(stop::countDown, "evse-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("evse run: " + stations.size() + " EVSE(s) on simulated hardware; Ctrl-C stops");
    stations.forEach(SimulatedStation::start);
    stop.await();
    stations.forEach(SimulatedStation::stop);
    loops.close();
    out.println("evse run: stopped");
    return 0;
  }
}
