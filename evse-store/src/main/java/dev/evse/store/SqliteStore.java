package dev.evse.store;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.AuthorizationEvent;
import dev.evse.api.types.ChargingStateChangedEvent;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionFinished;
import dev.evse.api.types.SessionStarted;
import dev.evse.api.types.SignedMeterValue;
import dev.evse.api.types.TransactionFinished;
import dev.evse.api.types.TransactionStarted;
import dev.evse.core.port.SessionStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The session database of one installation: one SQLite file (WAL, {@code synchronous=FULL})
 * shared by all EVSEs, each seeing it through {@link #forEvse(int)}.
 *
 * <p>One writer thread owns the connection. It takes whatever events are queued (up to {@link
 * Options#maxBatch()}), inserts them in one SQL transaction and commits; only after the commit
 * returns, with the WAL synced to disk, does it complete their futures, in the order they were
 * queued (group commit). A batch that fails is rolled back and retried event by event, so one
 * refused event never fails its neighbours. Callers are never blocked and never complete a
 * future themselves.
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.open(StorePaths.resolve(dbOption))) {
 *   EvseStore s1 = store.forEvse(1);
 *   EvseManager evse = EvseManager.builder(loop, board).store(s1)...build();
 *   evse.addListener(s1); // meter checkpoints while a transaction is open (optional)
 *   evse.start();
 *   ...
 * }
 * }</pre>
 */
public final class SqliteStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /**
   * How the store behaves.
   *
   * @param maxPageCount cap of the database size in pages (SQLite {@code max_page_count}); 0 = no
   *     cap other than the disk. Past it every write fails as on a full disk.
   * @param maxBatch most events committed together
   * @param checkOnOpen run {@code PRAGMA quick_check} when opening (a corrupt file is refused)
   * @param checkpointPeriodMillis how often a meter reading is stored while a transaction is open
   *     ({@link EvseStore} as listener); 0 = only at session boundaries
   */
  public record Options(long maxPageCount, int maxBatch, boolean checkOnOpen, long checkpointPeriodMillis) {
    public Options {
      if (maxPageCount < 0 || maxBatch < 1 || checkpointPeriodMillis < 0) {
        throw new IllegalArgumentException("invalid store options: " + maxPageCount + ", " + maxBatch + ", "
            + checkpointPeriodMillis);
      }
    }

    public static Options defaults() {
      return new Options(0, 512, true, 60_000);
    }

    public Options withMaxPageCount(long pages) {
      return new Options(pages, maxBatch, checkOnOpen, checkpointPeriodMillis);
    }

    public Options withMaxBatch(int n) {
      return new Options(maxPageCount, n, checkOnOpen, checkpointPeriodMillis);
    }

    public Options withCheckpointPeriodMillis(long ms) {
      return new Options(maxPageCount, maxBatch, checkOnOpen, ms);
    }
  }

  /** Counters since opening. */
  public record Stats(long eventsCommitted, long readingsCommitted, long commits, long failures, int largestBatch) {}

  /** The transaction of one EVSE that is open on disk, with the latest meter reading stored for it. */
  record Open(String uuid, Powermeter lastReading) {}

  private final Path file;
  private final Options options;
  private final Connection conn;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<Integer, Open> open = new ConcurrentHashMap<>();
  private final Map<Integer, Powermeter> lastReading = new ConcurrentHashMap<>();
  private final Map<Integer, EvseStore> evses = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Object enqueueLock = new Object();
  private final Thread writer;
  private boolean closed;

  private final AtomicLong eventsCommitted = new AtomicLong();
  private final AtomicLong readingsCommitted = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile int largestBatch;

  private Statement control;
  private PreparedStatement insertEvent;
  private PreparedStatement insertReading;
  private PreparedStatement insertSession;
  private PreparedStatement finishSession;
  private PreparedStatement insertTransaction;
  private PreparedStatement finishTransaction;

  // ---------------------------------------------------------------- jobs of the writer thread

  private sealed interface Job permits EventJob, ReadingJob, Barrier, SizeLimit, Stop {}

  private record EventJob(int evse, SessionEvent event, CompletableFuture<Void> done) implements Job {}

  private record ReadingJob(int evse, String uuid, String boundary, Powermeter reading, CompletableFuture<Void> done)
      implements Job {}

  private record Barrier(CompletableFuture<Void> done) implements Job {}

  private record SizeLimit(long maxPages, CompletableFuture<Long> done) implements Job {}

  private record Stop() implements Job {}

  // ---------------------------------------------------------------- opening

  private SqliteStore(Path file, Options options, Connection conn, FileChannel lockChannel, FileLock lock) {
    this.file = file;
    this.options = options;
    this.conn = conn;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.writer = new Thread(this::writeLoop, "evse-store-writer");
    this.writer.setDaemon(true);
  }

  /** Opens (creating it and its folder on first use) and migrates the database at {@code file}. */
  public static SqliteStore open(Path file) {
    return open(file, Options.defaults());
  }

  /**
   * Opens (creating it and its folder on first use) and migrates the database at {@code file}.
   *
   * @throws StoreException naming the file if it is read-only, corrupt, newer than this program,
   *     in use by another process, or cannot be created
   */
  public static SqliteStore open(Path file, Options options) {
    Path f = file.toAbsolutePath().normalize();
    checkFile(f);
    FileChannel channel = null;
    FileLock lock = null;
    Connection c = null;
    try {
      Path lockFile = f.resolveSibling(f.getFileName() + ".lock");
      try {
        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      } catch (IOException e) {
        throw new StoreException(f, StoreException.Kind.READ_ONLY,
            "cannot use session database " + f + ": cannot create its lock file " + lockFile + " (" + e.getMessage() + ")", e);
      }
      if (lock == null) {
        throw new StoreException(f, StoreException.Kind.LOCKED,
            "session database " + f + " is in use by another process (lock " + lockFile + ")");
      }
      c = DriverManager.getConnection("jdbc:sqlite:" + f);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
        String mode = single(s, "PRAGMA journal_mode = WAL");
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new StoreException(f, StoreException.Kind.IO,
              "session database " + f + " cannot use write-ahead logging (journal mode " + mode + ")");
        }
        s.execute("PRAGMA synchronous = FULL");
        if (options.maxPageCount() > 0) {
          s.execute("PRAGMA max_page_count = " + options.maxPageCount());
        }
        if (options.checkOnOpen()) {
          String check = single(s, "PRAGMA quick_check");
          if (!"ok".equalsIgnoreCase(check)) {
            throw new StoreException(f, StoreException.Kind.CORRUPT,
                "session database " + f + " is corrupt (integrity check: " + check + "); it was left untouched: "
                    + "move it away to start with a new one, or repair it with the sqlite3 tool");
          }
        }
      }
      int found;
      try {
        found = Schema.migrate(c, Schema.LATEST);
      } catch (IllegalStateException e) {
        throw new StoreException(f, StoreException.Kind.TOO_NEW,
            "session database " + f + " was written by a newer version of evse (" + e.getMessage() + ")");
      }
      if (found < Schema.LATEST) {
        LOG.info("session database {} migrated from schema {} to {}", f, found, Schema.LATEST);
      }
      SqliteStore store = new SqliteStore(f, options, c, channel, lock);
      store.prepare();
      store.loadState();
      store.writer.start();
      return store;
    } catch (SQLException e) {
      closeQuietly(c, channel);
      throw translate(f, e, "open");
    } catch (RuntimeException e) {
      closeQuietly(c, channel);
      throw e;
    }
  }

  private static void closeQuietly(Connection c, FileChannel channel) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // already failing
    }
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // already failing
    }
  }

  /** Refuses what SQLite would open but not write, and files that are plainly no database. */
  private static void checkFile(Path f) {
    Path dir = f.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(f, StoreException.Kind.READ_ONLY,
          "cannot create the folder of session database " + f + ": " + e, e);
    }
    if (!Files.isWritable(dir)) {
      throw new StoreException(f, StoreException.Kind.READ_ONLY,
          "session database " + f + " cannot be written: its folder " + dir + " is read-only");
    }
    if (!Files.exists(f)) {
      return;
    }
    if (!Files.isRegularFile(f)) {
      throw new StoreException(f, StoreException.Kind.CORRUPT, "session database " + f + " is not a regular file");
    }
    boolean ownerMayWrite = true;
    try {
      ownerMayWrite = Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_WRITE);
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: rely on isWritable
    }
    if (!ownerMayWrite || !Files.isWritable(f)) {
      throw new StoreException(f, StoreException.Kind.READ_ONLY,
          "session database " + f + " is read-only: a transaction could not be recorded (make it writable)");
    }
    try (InputStream in = Files.newInputStream(f)) {
      byte[] head = in.readNBytes(SQLITE_HEADER.length);
      if (head.length > 0 && !Arrays.equals(head, SQLITE_HEADER)) {
        throw new StoreException(f, StoreException.Kind.CORRUPT,
            "session database " + f + " is corrupt: it is not an SQLite database; it was left untouched");
      }
    } catch (IOException e) {
      throw new StoreException(f, StoreException.Kind.IO, "cannot read session database " + f + ": " + e, e);
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : "";
    }
  }

  private void prepare() throws SQLException {
    if (control == null) {
      control = conn.createStatement();
    }
    insertEvent = conn.prepareStatement(
        "INSERT INTO events(evse, uuid, kind, timestamp, payload) VALUES (?, ?, ?, ?, ?)");
    insertReading = conn.prepareStatement(
        "INSERT INTO meter_readings(evse, uuid, boundary, timestamp, energy_wh_import, energy_wh_export, meter_id, reading)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insertSession = conn.prepareStatement(
        "INSERT OR IGNORE INTO sessions(uuid, evse, started_at, started_ms, start_reason, id_tag, reservation_id,"
            + " start_wh, logging_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    finishSession = conn.prepareStatement(
        "UPDATE sessions SET finished_at = ?, finished_ms = ?, end_wh = ? WHERE uuid = ? AND evse = ?");
    insertTransaction = conn.prepareStatement(
        "INSERT INTO transactions(uuid, evse, id_tag, id_tag_type, id_tag_json, reservation_id, started_at, started_ms,"
            + " start_wh, start_meter_json, start_signed_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    finishTransaction = conn.prepareStatement(
        "UPDATE transactions SET finished_at = ?, finished_ms = ?, stop_reason = ?, stop_id_tag = ?,"
            + " stop_id_tag_json = ?, end_wh = ?, end_meter_json = ?, end_start_signed_json = ?, end_signed_json = ?"
            + " WHERE uuid = ? AND evse = ? AND finished_at IS NULL");
  }

  /** Open transactions and latest readings, so the kernel's questions need no disk access. */
  private void loadState() throws SQLException {
    try (Statement s = conn.createStatement()) {
      try (ResultSet r = s.executeQuery(
          "SELECT t.evse, t.uuid, t.start_meter_json,"
              + " (SELECT m.reading FROM meter_readings m WHERE m.uuid = t.uuid AND m.evse = t.evse"
              + "  ORDER BY m.seq DESC LIMIT 1)"
              + " FROM transactions t WHERE t.finished_at IS NULL")) {
        while (r.next()) {
          String latest = r.getString(4) != null ? r.getString(4) : r.getString(3);
          open.put(r.getInt(1), new Open(r.getString(2), decodeReading(latest)));
        }
      }
      try (ResultSet r = s.executeQuery(
          "SELECT evse, reading FROM meter_readings WHERE seq IN (SELECT MAX(seq) FROM meter_readings GROUP BY evse)")) {
        while (r.next()) {
          Powermeter p = decodeReading(r.getString(2));
          if (p != null) {
            lastReading.put(r.getInt(1), p);
          }
        }
      }
    }
  }

  private Powermeter decodeReading(String json) {
    if (json == null) {
      return null;
    }
    try {
      return WireCodec.decode(json, Powermeter.class);
    } catch (RuntimeException e) {
      LOG.warn("session database {}: unreadable meter reading ignored: {}", file, e.getMessage());
      return null;
    }
  }

  // ---------------------------------------------------------------- public API

  /** The database file. */
  public Path file() {
    return file;
  }

  public Options options() {
    return options;
  }

  /** The store of one EVSE (its {@code connector_id}); the same instance for the same id. */
  public EvseStore forEvse(int connectorId) {
    if (connectorId < 1) {
      throw new IllegalArgumentException("connector id must be >= 1: " + connectorId);
    }
    return evses.computeIfAbsent(connectorId, id -> new EvseStore(this, id));
  }

  /**
   * The latest meter reading stored for an EVSE, from any session: lets a simulated meter, which
   * has no register of its own across restarts, continue where the last run stopped.
   */
  public Optional<Powermeter> lastMeterValue(int connectorId) {
    return Optional.ofNullable(lastReading.get(connectorId));
  }

  /** Completes once everything queued before this call is committed (or has failed). */
  public CompletionStage<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Barrier(done), done);
    return done;
  }

  public Stats stats() {
    return new Stats(eventsCommitted.get(), readingsCommitted.get(), commits.get(), failures.get(), largestBatch);
  }

  /**
   * Commits what is queued, then closes the file. Records asked for afterwards fail. Waits for
   * the writer (at most a few seconds per queued batch; the disk sets the pace).
   */
  @Override
  public void close() {
    synchronized (enqueueLock) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(new Stop());
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Statement s = conn.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      LOG.warn("session database {}: checkpoint at close failed: {}", file, e.getMessage());
    }
    closeQuietly(conn, null);
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel's close releases it too
    }
    closeQuietly(null, lockChannel);
  }

  // ---------------------------------------------------------------- used by EvseStore

  CompletableFuture<Void> record(int evse, SessionEvent event) {
    Objects.requireNonNull(event, "event");
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new EventJob(evse, event, done), done);
    return done;
  }

  CompletableFuture<Void> recordReading(int evse, String uuid, String boundary, Powermeter reading) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new ReadingJob(evse, uuid, boundary, reading, done), done);
    return done;
  }

  Optional<Open> open(int evse) {
    return Optional.ofNullable(open.get(evse));
  }

  /**
   * Caps the database at its current size (or {@code maxPages} if larger), as if the disk were
   * full from now on; completes with the cap in pages. For tests of a full disk.
   */
  CompletableFuture<Long> limitSize(long maxPages) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    enqueue(new SizeLimit(maxPages, done), done);
    return done;
  }

  private void enqueue(Job job, CompletableFuture<?> done) {
    synchronized (enqueueLock) {
      if (!closed) {
        queue.add(job);
        return;
      }
    }
    done.completeExceptionally(new StoreException(file, StoreException.Kind.CLOSED,
        "session database " + file + " is closed: nothing more can be recorded"));
  }

  // ---------------------------------------------------------------- the writer thread

  private void writeLoop() {
    List<Job> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only Stop ends the writer: nothing queued is dropped
      }
      queue.drainTo(batch, options.maxBatch() - 1);
      int stopAt = -1;
      for (int i = 0; i < batch.size(); i++) {
        if (batch.get(i) instanceof Stop) {
          stopAt = i;
          break;
        }
      }
      if (stopAt >= 0) {
        stop = true;
        batch.subList(stopAt, batch.size()).clear(); // nothing is queued after Stop
      }
      if (!batch.isEmpty()) {
        try {
          writeBatch(batch);
        } catch (RuntimeException | Error e) {
          LOG.error("session store writer failed", e);
          for (Job j : batch) {
            fail(j, new StoreException(file, StoreException.Kind.IO,
                "session database " + file + ": writer failed: " + e, e));
          }
        }
      }
    }
  }

  private void writeBatch(List<Job> batch) {
    List<Runnable> effects = new ArrayList<>();
    try {
      control.execute("BEGIN IMMEDIATE");
      for (Job j : batch) {
        apply(j, effects);
      }
      control.execute("COMMIT");
    } catch (SQLException e) {
      rollback();
      if (batch.size() == 1) {
        failures.incrementAndGet();
        fail(batch.get(0), translate(file, e, describe(batch.get(0))));
        return;
      }
      // One bad event must not fail the others: retry them one by one.
      for (Job j : batch) {
        writeBatch(List.of(j));
      }
      return;
    }
    commits.incrementAndGet();
    largestBatch = Math.max(largestBatch, batch.size());
    effects.forEach(Runnable::run);
    for (Job j : batch) {
      succeed(j);
    }
  }

  /**
   * Undoes the failed batch (SQLite may have rolled it back already, e.g. on a full disk);
   * statements are prepared anew, as a failed one may be left unusable.
   */
  private void rollback() {
    try {
      control.execute("ROLLBACK");
    } catch (SQLException e) {
      // no transaction active any more: nothing to undo
    }
    for (PreparedStatement p : List.of(insertEvent, insertReading, insertSession, finishSession, insertTransaction,
        finishTransaction)) {
      try {
        p.close();
      } catch (SQLException e) {
        // replaced below
      }
    }
    try {
      prepare();
    } catch (SQLException e) {
      LOG.warn("session database {}: cannot prepare statements: {}", file, e.getMessage());
    }
  }

  private void succeed(Job j) {
    if (j instanceof EventJob e) {
      eventsCommitted.incrementAndGet();
      e.done().complete(null);
    } else if (j instanceof ReadingJob r) {
      readingsCommitted.incrementAndGet();
      r.done().complete(null);
    } else if (j instanceof Barrier b) {
      b.done().complete(null);
    }
    // SizeLimit completes through its effect
  }

  private static void fail(Job j, StoreException e) {
    if (j instanceof EventJob ev) {
      ev.done().completeExceptionally(e);
    } else if (j instanceof ReadingJob r) {
      r.done().completeExceptionally(e);
    } else if (j instanceof Barrier b) {
      b.done().complete(null); // a barrier only waits
    } else if (j instanceof SizeLimit s) {
      s.done().completeExceptionally(e);
    }
  }

  private static String describe(Job j) {
    if (j instanceof EventJob e) {
      return e.event().event() + (e.event().uuid().isEmpty() ? "" : " of session " + e.event().uuid());
    }
    if (j instanceof ReadingJob r) {
      return "meter reading of session " + r.uuid();
    }
    return "write";
  }

  private void apply(Job job, List<Runnable> effects) throws SQLException {
    if (job instanceof EventJob e) {
      applyEvent(e.evse(), e.event(), effects);
    } else if (job instanceof ReadingJob r) {
      insertReading(r.evse(), r.uuid(), r.boundary(), r.reading(), effects);
    } else if (job instanceof SizeLimit s) {
      try (Statement st = conn.createStatement()) {
        long pages = Long.parseLong(single(st, "PRAGMA max_page_count = " + Math.max(1, s.maxPages())));
        effects.add(() -> s.done().complete(pages));
      }
    }
  }

  private void applyEvent(int evse, SessionEvent e, List<Runnable> effects) throws SQLException {
    String uuid = e.uuid();
    insertEvent.setInt(1, evse);
    insertEvent.setString(2, uuid);
    insertEvent.setString(3, e.event().name());
    insertEvent.setString(4, e.timestamp());
    insertEvent.setString(5, WireCodec.encode(e));
    insertEvent.executeUpdate();

    Optional<Powermeter> meter = meterValueOf(e);
    if (meter.isPresent()) {
      insertReading(evse, uuid, e.event().name(), meter.get(), effects);
    }
    long ms = millis(e.timestamp());
    switch (e.event()) {
      case SessionStarted -> {
        SessionStarted s = e.sessionStarted().orElse(null);
        insertSession.setString(1, uuid);
        insertSession.setInt(2, evse);
        insertSession.setString(3, e.timestamp());
        insertSession.setLong(4, ms);
        insertSession.setString(5, s == null ? null : s.reason().name());
        insertSession.setString(6, s == null ? null : s.idTag().map(t -> t.idToken().value()).orElse(null));
        setInt(insertSession, 7, s == null ? Optional.empty() : s.reservationId());
        setDouble(insertSession, 8, meter.map(m -> m.energyWhImport().total()));
        insertSession.setString(9, s == null ? null : s.loggingPath().orElse(null));
        insertSession.executeUpdate();
      }
      case SessionFinished -> {
        finishSession.setString(1, e.timestamp());
        finishSession.setLong(2, ms);
        setDouble(finishSession, 3, meter.map(m -> m.energyWhImport().total()));
        finishSession.setString(4, uuid);
        finishSession.setInt(5, evse);
        finishSession.executeUpdate();
      }
      case TransactionStarted -> {
        TransactionStarted t = e.transactionStarted().orElseThrow(
            () -> new SQLException("TransactionStarted without transaction_started payload"));
        if (uuid.isEmpty()) {
          throw new SQLException("TransactionStarted without session uuid");
        }
        ProvidedIdToken tag = t.idTag();
        insertTransaction.setString(1, uuid);
        insertTransaction.setInt(2, evse);
        insertTransaction.setString(3, tag.idToken().value());
        insertTransaction.setString(4, tag.idToken().type().name());
        insertTransaction.setString(5, WireCodec.encode(tag));
        setInt(insertTransaction, 6, t.reservationId());
        insertTransaction.setString(7, e.timestamp());
        insertTransaction.setLong(8, ms);
        insertTransaction.setDouble(9, t.meterValue().energyWhImport().total());
        insertTransaction.setString(10, WireCodec.encode(t.meterValue()));
        insertTransaction.setString(11, t.signedMeterValue().map(WireCodec::encode).orElse(null));
        insertTransaction.executeUpdate();
        Powermeter start = t.meterValue();
        effects.add(() -> open.put(evse, new Open(uuid, start)));
      }
      case TransactionFinished -> {
        TransactionFinished t = e.transactionFinished().orElseThrow(
            () -> new SQLException("TransactionFinished without transaction_finished payload"));
        finishTransaction.setString(1, e.timestamp());
        finishTransaction.setLong(2, ms);
        finishTransaction.setString(3, t.reason().map(Enum::name).orElse(null));
        finishTransaction.setString(4, t.idTag().map(x -> x.idToken().value()).orElse(null));
        finishTransaction.setString(5, t.idTag().map(WireCodec::encode).orElse(null));
        finishTransaction.setDouble(6, t.meterValue().energyWhImport().total());
        finishTransaction.setString(7, WireCodec.encode(t.meterValue()));
        finishTransaction.setString(8, t.startSignedMeterValue().map(SqliteStore::encodeSigned).orElse(null));
        finishTransaction.setString(9, t.signedMeterValue().map(SqliteStore::encodeSigned).orElse(null));
        finishTransaction.setString(10, uuid);
        finishTransaction.setInt(11, evse);
        int closedRows = finishTransaction.executeUpdate();
        if (closedRows == 0) {
          LOG.warn("session database {}: TransactionFinished for {} on EVSE {} closes no open transaction", file,
              uuid, evse);
        }
        effects.add(() -> open.computeIfPresent(evse, (k, o) -> o.uuid().equals(uuid) ? null : o));
      }
      default -> { }
    }
  }

  private static String encodeSigned(SignedMeterValue v) {
    return WireCodec.encode(v);
  }

  private void insertReading(int evse, String uuid, String boundary, Powermeter m, List<Runnable> effects)
      throws SQLException {
    insertReading.setInt(1, evse);
    insertReading.setString(2, uuid);
    insertReading.setString(3, boundary);
    insertReading.setString(4, m.timestamp());
    insertReading.setDouble(5, m.energyWhImport().total());
    setDouble(insertReading, 6, m.energyWhExport().map(x -> x.total()));
    insertReading.setString(7, m.meterId().orElse(null));
    insertReading.setString(8, WireCodec.encode(m));
    insertReading.executeUpdate();
    effects.add(() -> {
      lastReading.put(evse, m);
      open.computeIfPresent(evse, (k, o) -> o.uuid().equals(uuid) ? new Open(uuid, m) : o);
    });
  }

  static Optional<Powermeter> meterValueOf(SessionEvent e) {
    return e.sessionStarted().map(SessionStarted::meterValue)
        .or(() -> e.transactionStarted().map(TransactionStarted::meterValue))
        .or(() -> e.transactionFinished().map(TransactionFinished::meterValue))
        .or(() -> e.sessionFinished().map(SessionFinished::meterValue))
        .or(() -> e.chargingStateChangedEvent().map(ChargingStateChangedEvent::meterValue))
        .or(() -> e.authorizationEvent().map(AuthorizationEvent::meterValue));
  }

  private static long millis(String rfc3339) {
    try {
      return Rfc3339.parse(rfc3339).toEpochMilli();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static void setInt(PreparedStatement p, int i, Optional<Integer> v) throws SQLException {
    if (v.isPresent()) {
      p.setInt(i, v.get());
    } else {
      p.setNull(i, Types.INTEGER);
    }
  }

  private static void setDouble(PreparedStatement p, int i, Optional<Double> v) throws SQLException {
    if (v.isPresent()) {
      p.setDouble(i, v.get());
    } else {
      p.setNull(i, Types.REAL);
    }
  }

  // ---------------------------------------------------------------- errors

  /** An SQL failure in words that name the file and what the operator can do. */
  static StoreException translate(Path file, SQLException e, String what) {
    int code = e instanceof SQLiteException s ? s.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
    String sqlite = e.getMessage();
    if (code == SQLiteErrorCode.SQLITE_FULL.code) {
      return new StoreException(file, StoreException.Kind.FULL,
          "session database " + file + " is full (disk or size limit): cannot record " + what + " [" + sqlite + "]", e);
    }
    if (code == SQLiteErrorCode.SQLITE_READONLY.code || code == SQLiteErrorCode.SQLITE_PERM.code
        || code == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
      return new StoreException(file, StoreException.Kind.READ_ONLY,
          "session database " + file + " cannot be written: cannot record " + what + " [" + sqlite + "]", e);
    }
    if (code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code) {
      return new StoreException(file, StoreException.Kind.CORRUPT,
          "session database " + file + " is corrupt: cannot " + ("open".equals(what) ? "open it" : "record " + what)
              + "; it was left untouched [" + sqlite + "]", e);
    }
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
      return new StoreException(file, StoreException.Kind.REFUSED,
          "session database " + file + " refused " + what
              + " (a transaction id used before, or a second open transaction on the EVSE) [" + sqlite + "]", e);
    }
    if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
      return new StoreException(file, StoreException.Kind.LOCKED,
          "session database " + file + " is locked by another process: cannot " + what + " [" + sqlite + "]", e);
    }
    return new StoreException(file, StoreException.Kind.IO,
        "session database " + file + ": cannot " + ("open".equals(what) ? "open it" : "record " + what)
            + " [" + sqlite + "]", e);
  }

  /** For EvseStore: the store's view of SessionStore.OpenTransaction. */
  Optional<SessionStore.OpenTransaction> openTransaction(int evse) {
    return open(evse).map(o -> new SessionStore.OpenTransaction(o.uuid(), Optional.ofNullable(o.lastReading())));
  }
}
