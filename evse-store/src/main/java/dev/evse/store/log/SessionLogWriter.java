package dev.evse.store.log;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.core.EvseConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EVerest's session logging ({@code session_logging}, {@code session_logging_path},
 * {@code logfile_suffix}; spec 10): one folder per session,
 * {@code <session_logging_path>/<RFC 3339 start time>-<suffix>}, holding
 * {@value #INCOMPLETE} while the session runs, renamed to {@value #COMPLETE} once it finished.
 * Each row is {@code timestamp,origin,message,details} (RFC 4180 CSV): origin {@code EVSE} for
 * session events (details: the event's JSON), {@code SYS} for errors.
 *
 * <p>One writer per EVSE. Register it as a listener of its EVSE; the kernel asks
 * {@link #begin(String, Instant)} for the folder to put into {@code SessionStarted.logging_path}
 * (without that call the folder is made when SessionStarted arrives, and {@code logging_path}
 * stays absent). No method blocks: files are written on the writer's own thread.
 */
public final class SessionLogWriter implements EvseManagerListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLogWriter.class);

  public static final String INCOMPLETE = "incomplete-eventlog.csv";
  public static final String COMPLETE = "eventlog.csv";
  /** {@code logfile_suffix} value that means "the session uuid". */
  public static final String SUFFIX_UUID = "session_uuid";

  public static final String ORIGIN_EVSE = "EVSE";
  public static final String ORIGIN_CAR = "CAR";
  public static final String ORIGIN_SYS = "SYS";

  private final Path root;
  private final String suffix;
  private final Supplier<Instant> clock;
  private final ExecutorService io;
  private final Map<String, Path> folders = new ConcurrentHashMap<>();
  private final Map<String, BufferedWriter> open = new ConcurrentHashMap<>(); // only touched on io
  private final Map<String, Boolean> resumed = new ConcurrentHashMap<>();
  private volatile String current = "";
  private volatile boolean warned;

  /**
   * @param root {@code session_logging_path}
   * @param logfileSuffix {@code logfile_suffix}: {@value #SUFFIX_UUID} for the session uuid, else
   *     that text (made safe for a file name)
   * @param clock the time of rows that are not session events (errors)
   */
  public SessionLogWriter(Path root, String logfileSuffix, Supplier<Instant> clock) {
    this.root = root.toAbsolutePath().normalize();
    this.suffix = Objects.requireNonNull(logfileSuffix, "logfileSuffix");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.io = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "evse-session-log");
      t.setDaemon(true);
      return t;
    });
  }

  /** The writer an EVSE's options ask for; empty unless {@code session_logging} is true. */
  public static Optional<SessionLogWriter> forConfig(EvseConfig config, Supplier<Instant> clock) {
    if (!config.sessionLogging) {
      return Optional.empty();
    }
    return Optional.of(new SessionLogWriter(Path.of(config.sessionLoggingPath), config.logfileSuffix, clock));
  }

  public Path root() {
    return root;
  }

  // ---------------------------------------------------------------- the SessionLog port

  /**
   * A session begins: returns its folder for {@code SessionStarted.logging_path}. Only computes
   * the name; the folder and {@value #INCOMPLETE} are created on the writer's thread.
   */
  public Optional<String> begin(String sessionUuid, Instant startTime) {
    Path existing = folders.get(sessionUuid);
    if (existing != null) {
      return Optional.of(existing.toString());
    }
    Path folder = folderFor(sessionUuid, startTime);
    folders.put(sessionUuid, folder);
    current = sessionUuid;
    io.execute(() -> create(sessionUuid, folder));
    return Optional.of(folder.toString());
  }

  /** One row of a session's log ({@code origin} EVSE, CAR or SYS). */
  public void append(String sessionUuid, String origin, String message, String details) {
    append(sessionUuid, clock.get(), origin, message, details);
  }

  /** The session is over: its log is closed and renamed to {@value #COMPLETE}. */
  public void end(String sessionUuid) {
    Path folder = folders.remove(sessionUuid);
    resumed.remove(sessionUuid);
    if (sessionUuid.equals(current)) {
      current = "";
    }
    if (folder != null) {
      io.execute(() -> finish(sessionUuid, folder));
    }
  }

  // ---------------------------------------------------------------- as listener

  @Override
  public void onSessionEvent(SessionEvent e) {
    String uuid = e.uuid();
    Instant at = time(e.timestamp());
    switch (e.event()) {
      case SessionStarted -> {
        Optional<String> given = e.sessionStarted().flatMap(s -> s.loggingPath());
        if (given.isPresent() && !folders.containsKey(uuid)) {
          Path folder = Path.of(given.get());
          folders.put(uuid, folder);
          current = uuid;
          io.execute(() -> create(uuid, folder));
        } else {
          begin(uuid, at);
        }
      }
      case SessionResumed -> reopen(uuid);
      default -> { }
    }
    if (!uuid.isEmpty() && folders.containsKey(uuid)) {
      append(uuid, at, ORIGIN_EVSE, e.event().name(), WireCodec.encode(e));
    }
    if (e.event() == SessionEventEnum.SessionFinished
        || (e.event() == SessionEventEnum.TransactionFinished && resumed.containsKey(uuid)
            && e.transactionFinished().flatMap(t -> t.reason()).filter(StopTransactionReason.PowerLoss::equals).isPresent())) {
      end(uuid);
    }
  }

  @Override
  public void onErrorRaised(RaisedError error) {
    String uuid = current;
    if (!uuid.isEmpty()) {
      append(uuid, ORIGIN_SYS, "Error raised: " + error.type() + (error.subType().isEmpty() ? "" : "/" + error.subType()),
          error.message());
    }
  }

  @Override
  public void onErrorCleared(RaisedError error) {
    String uuid = current;
    if (!uuid.isEmpty()) {
      append(uuid, ORIGIN_SYS, "Error cleared: " + error.type() + (error.subType().isEmpty() ? "" : "/" + error.subType()),
          error.message());
    }
  }

  /** Completes once every row asked for so far is written. */
  public CompletionStage<Void> flush() {
    return CompletableFuture.runAsync(() -> { }, io);
  }

  /** Writes what is queued and closes the files (the logs of running sessions stay incomplete). */
  @Override
  public void close() {
    io.execute(() -> {
      for (BufferedWriter w : open.values()) {
        try {
          w.close();
        } catch (IOException e) {
          warn(e);
        }
      }
      open.clear();
    });
    io.shutdown();
    try {
      io.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- internals

  /** {@code <root>/<start>-<suffix>}, never outside the root whatever the suffix says. */
  Path folderFor(String sessionUuid, Instant start) {
    String s = SUFFIX_UUID.equals(suffix) ? sessionUuid : suffix;
    String safe = s.replaceAll("[^A-Za-z0-9._+-]", "_");
    if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
      safe = "_" + safe.replace('.', '_');
    }
    Path folder = root.resolve(Rfc3339.format(start) + "-" + safe).normalize();
    if (!root.equals(folder.getParent())) {
      throw new IllegalStateException("session log folder " + folder + " is outside " + root);
    }
    return folder;
  }

  private void append(String uuid, Instant at, String origin, String message, String details) {
    String row = csv(Rfc3339.format(at)) + "," + csv(origin) + "," + csv(message) + "," + csv(details) + "\r\n";
    io.execute(() -> {
      BufferedWriter w = open.get(uuid);
      if (w == null) {
        return;
      }
      try {
        w.write(row);
        w.flush();
      } catch (IOException e) {
        warn(e);
      }
    });
  }

  private void create(String uuid, Path folder) {
    try {
      Files.createDirectories(folder);
      open.put(uuid, Files.newBufferedWriter(folder.resolve(INCOMPLETE), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException | UncheckedIOException e) {
      warn(e);
    }
  }

  private void finish(String uuid, Path folder) {
    BufferedWriter w = open.remove(uuid);
    try {
      if (w != null) {
        w.close();
      }
      Path from = folder.resolve(INCOMPLETE);
      if (Files.exists(from)) {
        try {
          Files.move(from, folder.resolve(COMPLETE), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(from, folder.resolve(COMPLETE), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      warn(e);
    }
  }

  /**
   * After a restart the kernel resumes the session that had an open transaction: its folder, if
   * still incomplete, gets the rest of its rows and is completed when the transaction is closed.
   */
  private void reopen(String uuid) {
    if (uuid.isEmpty() || folders.containsKey(uuid) || !SUFFIX_UUID.equals(suffix) || !Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "*-" + globSafe(uuid))) {
      for (Path d : dirs) {
        if (Files.isRegularFile(d.resolve(INCOMPLETE))) {
          folders.put(uuid, d);
          resumed.put(uuid, true);
          io.execute(() -> create(uuid, d));
          return;
        }
      }
    } catch (IOException e) {
      warn(e);
    }
  }

  private static String globSafe(String s) {
    return s.replaceAll("[\\\\*?\\[\\]{}]", "_");
  }

  private Instant time(String rfc3339) {
    try {
      return Rfc3339.parse(rfc3339);
    } catch (RuntimeException e) {
      return clock.get();
    }
  }

  static String csv(String s) {
    if (s == null) {
      return "";
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private void warn(Exception e) {
    if (!warned) {
      warned = true;
      LOG.warn("session log under {} cannot be written: {}", root, e.toString());
    }
  }
}
