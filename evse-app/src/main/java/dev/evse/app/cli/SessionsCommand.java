package dev.evse.app.cli;

import dev.evse.store.StoreException;
import dev.evse.store.StorePaths;
import dev.evse.store.history.HistoryFormat;
import dev.evse.store.history.SessionHistory;
import dev.evse.store.history.SessionRecord;
import dev.evse.store.history.Since;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists past sessions and transactions from the session database. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
    description = "Lists the sessions and transactions recorded in the session database, oldest first, "
        + "with energy, duration, id token and stop reason. Safe while 'evse run' is writing.")
public final class SessionsCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "FILE",
      description = "Session database (default: $XDG_DATA_HOME/evse/evse.db or ~/.local/share/evse/evse.db).")
  Path db;

  @Option(names = "--evse", paramLabel = "N", description = "Only the sessions of EVSE (connector id) N.")
  Integer evse;

  @Option(names = "--since", paramLabel = "WHEN",
      description = "Only sessions started since WHEN: an RFC 3339 time, a day (2026-05-01), today, yesterday, "
          + "or an age (90m, 24h, 7d, 2w).")
  String since;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    HistoryFormat f;
    Optional<Instant> from;
    try {
      f = HistoryFormat.parse(format);
      from = since == null ? Optional.empty() : Optional.of(Since.parse(since, now, ZoneId.systemDefault()));
      if (evse != null && evse < 1) {
        throw new IllegalArgumentException("--evse " + evse + ": connector ids start at 1");
      }
    } catch (IllegalArgumentException e) {
      err.println("evse: " + e.getMessage());
      err.flush();
      return 2;
    }
    Path file = StorePaths.resolve(db);
    List<SessionRecord> rows;
    if (!Files.exists(file)) {
      err.println("evse sessions: no session database at " + file + ": nothing recorded yet");
      err.flush();
      rows = List.of();
    } else {
      try {
        rows = SessionHistory.read(file,
            new SessionHistory.Filter(evse == null ? OptionalInt.empty() : OptionalInt.of(evse), from));
      } catch (StoreException e) {
        err.println("evse: " + e.getMessage());
        err.flush();
        return 2;
      }
    }
    f.write(rows, now, out);
    out.flush();
    return 0;
  }
}
