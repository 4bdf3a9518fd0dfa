package dev.evse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss, for real: the station runs as a child process and is killed with SIGKILL at random
 * points of its sessions (and of its recoveries), then restarted on the same database. At the end
 * every transaction that started is finished exactly once, no uuid is used twice, meter values
 * never go backwards, every transaction event the station published was on disk, and the
 * database passes {@code PRAGMA integrity_check}.
 *
 * <p>{@code -Dcrash.kills=300} (or {@code -Pcrash}) for hundreds of kills; {@code -Dcrash.seed=N}
 * replays the kill times of a run (printed at the start).
 */
class CrashTest {
  private static final int EVSES = 2;

  @TempDir
  Path dir;

  private final List<String> published = new CopyOnWriteArrayList<>();
  private String classPath;

  /**
   * The test class path, with this project's own classes and jars copied aside: a build running
   * at the same time (another module's {@code install}) may rewrite them under a child's feet.
   */
  private String snapshotClassPath() throws IOException {
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      boolean ours = Files.isDirectory(p) || p.toString().contains("/dev/evse/");
      if (!ours || !Files.exists(p)) {
        out.add(entry);
        continue;
      }
      Path copy = dir.resolve("cp").resolve(n++ + "-" + p.getFileName());
      if (Files.isDirectory(p)) {
        try (java.util.stream.Stream<Path> files = Files.walk(p)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Path target = copy.resolve(p.relativize(f).toString());
            if (Files.isDirectory(f)) {
              Files.createDirectories(target);
            } else {
              Files.copy(f, target);
            }
          }
        }
      } else {
        Files.createDirectories(copy.getParent());
        Files.copy(p, copy);
      }
      out.add(copy.toString());
    }
    return String.join(java.io.File.pathSeparator, out);
  }

  /** A running station and what it printed. */
  private final class Child {
    final Process process;
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch recovered = new CountDownLatch(1);
    final List<String> lines = new CopyOnWriteArrayList<>();

    Child(Path db, boolean recoverOnly, int run) throws IOException {
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Xshare:auto",
          "-Dorg.sqlite.tmpdir=" + dir.resolve("native"),
          "-Dlogback.configurationFile=" + dir.resolve("logback-child.xml"),
          "-cp", classPath,
          CrashTestStation.class.getName(), db.toString(), Integer.toString(EVSES)));
      if (recoverOnly) {
        cmd.add("--recover-only");
      }
      process = new ProcessBuilder(cmd)
          .redirectError(dir.resolve("child-" + run + ".err").toFile())
          .start();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (lines.size() < 50) {
              lines.add(line);
            }
            if (line.equals("STARTED")) {
              started.countDown();
            } else if (line.equals("RECOVERED")) {
              recovered.countDown();
            } else if (line.startsWith("PUB ")) {
              published.add(line);
            }
          }
        } catch (IOException e) {
          // the process died
        }
      }, "crash-child-" + run);
      reader.setDaemon(true);
      reader.start();
    }
  }

  @Test
  void killedAtRandomPointsTheStationLosesNoTransaction() throws Exception {
    int kills = Integer.getInteger("crash.kills", 30);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.printf("crash test: %d kills, seed %d (-Dcrash.seed=%d replays the kill times)%n", kills, seed, seed);
    Random random = new Random(seed);
    Files.createDirectories(dir.resolve("native"));
    classPath = snapshotClassPath();
    Files.writeString(dir.resolve("logback-child.xml"), """
        <configuration>
          <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>%-5level %logger{0} - %msg%n</pattern></encoder>
          </appender>
          <root level="WARN"><appender-ref ref="STDERR"/></root>
        </configuration>
        """);
    Path db = dir.resolve("evse.db");
    long t0 = System.nanoTime();
    for (int run = 0; run < kills; run++) {
      Child child = new Child(db, false, run);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!child.started.await(50, TimeUnit.MILLISECONDS) && child.process.isAlive()
          && System.nanoTime() < deadline) {
        // waiting for STARTED
      }
      if (child.started.getCount() > 0) {
        child.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(200); // let the reader drain stdout
        throw new AssertionError("run " + run + " did not start (exit " + exitOf(child.process) + ")\nstdout: "
            + child.lines + "\nstderr:\n" + tail(dir.resolve("child-" + run + ".err")));
      }
      // a quarter of the kills land in or right after the start-up recovery
      long delay = random.nextInt(4) == 0 ? random.nextInt(300) : 300 + random.nextInt(2200);
      Thread.sleep(delay);
      assertThat(child.process.isAlive()).as("run %d alive until killed: %s", run,
          tail(dir.resolve("child-" + run + ".err"))).isTrue();
      child.process.destroyForcibly(); // SIGKILL
      assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Child last = new Child(db, true, kills);
    assertThat(last.recovered.await(60, TimeUnit.SECONDS)).as("final recovery: %s",
        tail(dir.resolve("child-" + kills + ".err"))).isTrue();
    assertThat(last.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    double seconds = (System.nanoTime() - t0) / 1e9;
    // the store never failed nor warned, the kernel raised no error (the simulated meter, which
    // forgets its transactions when killed, may warn)
    for (int run = 0; run <= kills; run++) {
      Path err = dir.resolve("child-" + run + ".err");
      assertThat(Files.readAllLines(err)).as("stderr of run %d", run)
          .noneMatch(l -> l.startsWith("ERROR") || (l.startsWith("WARN") && l.contains("Store")));
    }

    try (Db d = new Db(db)) {
      assertThat(d.one("PRAGMA integrity_check")).isEqualTo("ok");

      long transactions = d.count("SELECT count(*) FROM transactions");
      long powerLoss = d.count("SELECT count(*) FROM transactions WHERE stop_reason = 'PowerLoss'");
      System.out.printf("crash test: %d kills in %.1f s, %d transactions, %d closed after power loss, %d events%n",
          kills, seconds, transactions, powerLoss, d.count("SELECT count(*) FROM events"));
      assertThat(transactions).as("the stations made progress").isGreaterThanOrEqualTo(kills / 2);
      assertThat(powerLoss).as("some kills hit open transactions").isPositive();

      // every transaction that started is finished, exactly once
      assertThat(d.rows("SELECT uuid FROM transactions WHERE finished_at IS NULL")).isEmpty();
      assertThat(d.rows("SELECT uuid, count(*) FROM events WHERE kind = 'TransactionStarted'"
          + " GROUP BY uuid HAVING count(*) <> 1")).isEmpty();
      assertThat(d.rows("SELECT uuid, count(*) FROM events WHERE kind = 'TransactionFinished'"
          + " GROUP BY uuid HAVING count(*) <> 1")).as("finished twice").isEmpty();
      assertThat(d.rows("SELECT t.uuid FROM transactions t WHERE NOT EXISTS (SELECT 1 FROM events e"
          + " WHERE e.uuid = t.uuid AND e.kind = 'TransactionFinished')")).as("finished without event").isEmpty();
      assertThat(d.rows("SELECT e.uuid FROM events e WHERE e.kind = 'TransactionFinished' AND NOT EXISTS"
          + " (SELECT 1 FROM transactions t WHERE t.uuid = e.uuid)")).as("finish of an unknown transaction").isEmpty();

      // no uuid reused: one SessionStarted per uuid, one EVSE per uuid
      assertThat(d.rows("SELECT uuid FROM events WHERE kind = 'SessionStarted' GROUP BY uuid HAVING count(*) > 1"))
          .isEmpty();
      assertThat(d.rows("SELECT uuid FROM events WHERE uuid <> '' GROUP BY uuid HAVING count(DISTINCT evse) > 1"))
          .isEmpty();

      // meter values never go backwards: per EVSE in the order stored, and within each transaction
      for (int evse = 1; evse <= EVSES; evse++) {
        double previous = -1;
        for (List<String> r : d.rows("SELECT seq, energy_wh_import FROM meter_readings WHERE evse = " + evse
            + " ORDER BY seq")) {
          double wh = Double.parseDouble(r.get(1));
          assertThat(wh).as("EVSE %d reading %s", evse, r.get(0)).isGreaterThanOrEqualTo(previous);
          previous = wh;
        }
      }
      assertThat(d.rows("SELECT uuid FROM transactions WHERE end_wh < start_wh")).isEmpty();

      // what was published was on disk first
      Map<String, Long> onDisk = new HashMap<>();
      for (List<String> r : d.rows("SELECT evse, kind, uuid, count(*) FROM events"
          + " WHERE kind IN ('TransactionStarted', 'TransactionFinished', 'SessionResumed') GROUP BY evse, kind, uuid")) {
        onDisk.put("PUB " + r.get(0) + " " + r.get(1) + " " + r.get(2), Long.parseLong(r.get(3)));
      }
      assertThat(published).isNotEmpty();
      for (String line : published) {
        assertThat(onDisk).as("published before it was stored: %s", line).containsKey(line);
      }
    }
  }

  private static String exitOf(Process p) {
    return p.isAlive() ? "still running" : Integer.toString(p.exitValue());
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no stderr)";
    }
  }
}
