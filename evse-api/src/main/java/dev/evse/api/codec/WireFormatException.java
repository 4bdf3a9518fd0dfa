package dev.evse.api.codec;

/**
 * A JSON payload could not be decoded into the requested wire type. The message names the JSON
 * path of the offending field and what was wrong, e.g. {@code "event": unknown value "Foo" for
 * SessionEventEnum}; {@link #path()} and {@link #problem()} give the two parts.
 */
public final class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;

  /**
   * @param path JSON path of the offending value, e.g. {@code session_started.meter_value.timestamp}
   *     or {@code $} for the whole document
   * @param problem what was wrong
   * @param cause the underlying exception, may be null
   */
  public WireFormatException(String path, String problem, Throwable cause) {
    super("\"" + path + "\": " + problem, cause);
    this.path = path;
    this.problem = problem;
  }

  /** JSON path of the offending value ({@code $} = the whole document). */
  public String path() {
    return path;
  }

  /** What was wrong with it. */
  public String problem() {
    return problem;
  }
}
