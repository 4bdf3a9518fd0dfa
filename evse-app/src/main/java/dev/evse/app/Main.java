package dev.evse.app;

import dev.evse.app.cli.BenchCommand;
import dev.evse.app.cli.RunCommand;
import dev.evse.app.cli.SessionsCommand;
import dev.evse.app.cli.SimHardwareCommand;
import dev.evse.app.cli.SimulateCommand;
import dev.evse.app.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code evse} command line. */
@Command(name = "evse", mixinStandardHelpOptions = true, version = "evse 0.1.0",
    description = "An EVerest-compatible EVSE manager: the charging kernel of one connector.",
    subcommands = {RunCommand.class, SimulateCommand.class, SessionsCommand.class, SimHardwareCommand.class, BenchCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line; a bad config or script gives a clear message and exit code 2. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigLoader.ConfigException || e instanceof IllegalArgumentException
          || e instanceof dev.evse.app.web.DashboardStartException || e instanceof dev.evse.store.StoreException
          || e instanceof IllegalStateException) {
        cmd.getErr().println("evse: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
