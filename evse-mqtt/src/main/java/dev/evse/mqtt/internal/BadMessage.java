package dev.evse.mqtt.internal;

/** A message that cannot be used; the text says what was wrong (JSON path first where known). */
public final class BadMessage extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadMessage(String problem) {
    super(problem, null, false, false);
  }
}
