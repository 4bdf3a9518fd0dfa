package dev.evse.app.cli;

import dev.evse.app.bench.MqttRoundTrip;
import dev.evse.bench.FleetBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Benchmarks: the fleet in virtual or real time, and the MQTT round trip. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks (figures and how to reproduce them: docs/performance.md).",
    subcommands = {BenchCommand.Fleet.class, BenchCommand.Mqtt.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code evse bench fleet --evses N --sessions-per-evse K [--real-time --duration 60s]}. */
  @Command(name = "fleet", description = {"N EVSE managers with simulated cars doing K full AC sessions each",
      "(virtual time), or idling in real time; prints sessions/s, events/s, heap per EVSE, GC time.",
      "Options are FleetBenchmark's: --evses N --sessions-per-evse K --real-time --duration 60s ..."})
  static final class Fleet implements Runnable {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public void run() {
      FleetBenchmark.main(args.toArray(String[]::new));
    }
  }

  /** {@code evse bench mqtt}. */
  @Command(name = "mqtt", mixinStandardHelpOptions = true,
      description = "Request -> reply and board event -> session_event latency over the embedded broker "
          + "and over Mosquitto (when installed).")
  static final class Mqtt implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "2000", description = "get_evse round trips (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--cycles", defaultValue = "300", description = "plug-in/unplug cycles (default ${DEFAULT-VALUE}).")
    int cycles;

    @Override
    public Integer call() throws Exception {
      MqttRoundTrip.run(requests, cycles, System.out);
      return 0;
    }
  }
}
