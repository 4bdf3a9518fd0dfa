package dev.evse.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The session database could not be opened, read or written. The message always names the file
 * and says what went wrong in words an operator can act on (disk full, read-only, corrupt, ...).
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of trouble the storage is in. */
  public enum Kind {
    /** The disk (or the configured size limit) is full. */
    FULL,
    /** The file or its folder cannot be written. */
    READ_ONLY,
    /** The file is not an SQLite database or fails its integrity check. */
    CORRUPT,
    /** The file was written by a newer version of this program. */
    TOO_NEW,
    /** Another process holds the database. */
    LOCKED,
    /** The store was closed. */
    CLOSED,
    /** A record was refused (e.g. a transaction id that was used before). */
    REFUSED,
    /** Any other I/O or SQL failure. */
    IO
  }

  private final Path file;
  private final Kind kind;

  public StoreException(Path file, Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public StoreException(Path file, Kind kind, String message) {
    this(file, kind, message, null);
  }

  /** The database file concerned. */
  public Path file() {
    return file;
  }

  public Kind kind() {
    return kind;
  }
}
