package dev.evse.api.types;

/**
 * A record component violates the EVerest schema: a required field is missing, or a value is out of
 * its range, too long, of the wrong format. Thrown by the records' constructors; the codec turns it
 * into a {@code WireFormatException} with the full JSON path.
 */
public final class InvalidFieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  /**
   * @param field wire name of the offending field, possibly with an index, e.g. {@code reasons[3]}
   * @param problem what is wrong, e.g. {@code 20000 out of range 0..10000}
   */
  public InvalidFieldException(String field, String problem) {
    super("\"" + field + "\": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** Wire name of the offending field (relative to the object that rejected it). */
  public String field() {
    return field;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }
}
