package dev.evse.app.web;

/** The dashboard could not start; the message says why and what to change, for a person to read. */
public final class DashboardStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DashboardStartException(String message) {
    super(message);
  }

  public DashboardStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
