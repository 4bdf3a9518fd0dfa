package dev.evse.sim;

import dev.evse.core.port.NoListeners;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.errors.ErrorOrigin;
import dev.evse.api.errors.ErrorState;
import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.core.port.ErrorListener;
import dev.evse.core.port.ErrorSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Errors raised and cleared by the simulated devices, reported through the {@link ErrorListener}.
 * An error is identified by source, type and sub-type; raising an active one again, or clearing
 * one that is not active, does nothing (and returns false), like EVerest's error framework.
 */
public final class SimulatedErrors {

  /** An active error and the port it comes from. */
  public record ActiveError(ErrorSource source, RaisedError error) {}

  private final SimContext ctx;
  private final List<ActiveError> active = new ArrayList<>();
  private volatile ErrorListener listener = NoListeners.ERRORS;

  SimulatedErrors(SimContext ctx) {
    this.ctx = ctx;
  }

  void setListener(ErrorListener listener) {
    this.listener = listener == null ? NoListeners.ERRORS : listener;
  }

  /**
   * Raises an error.
   *
   * @param type full type {@code namespace/Name}
   * @return false when the same source/type/sub-type is already active
   */
  public boolean raise(ErrorSource source, String type, String subType, String message, Severity severity) {
    String sub = subType == null ? "" : subType;
    RaisedError e =
        new RaisedError(
            type,
            sub,
            "",
            message,
            Optional.of(ErrorOrigin.of("evse_sim", originOf(source))),
            RaisedError.DEFAULT_VENDOR_ID,
            severity,
            Optional.of(Rfc3339.format(ctx.loop.clock().wallTime())),
            Optional.empty(),
            Optional.of(ErrorState.Active));
    synchronized (ctx.lock) {
      if (find(source, type, sub) >= 0) {
        return false;
      }
      active.add(new ActiveError(source, e));
      ctx.record("errors", "raise", source + " " + type + (sub.isEmpty() ? "" : "/" + sub));
      ctx.emit(() -> listener.onErrorRaised(source, e));
      return true;
    }
  }

  /** Clears an active error; returns false when it was not active. */
  public boolean clear(ErrorSource source, String type, String subType) {
    String sub = subType == null ? "" : subType;
    synchronized (ctx.lock) {
      int i = find(source, type, sub);
      if (i < 0) {
        return false;
      }
      active.remove(i);
      ctx.record("errors", "clear", source + " " + type + (sub.isEmpty() ? "" : "/" + sub));
      ctx.emit(() -> listener.onErrorCleared(source, type, sub));
      return true;
    }
  }

  /** The errors active now, oldest first. */
  public List<ActiveError> active() {
    synchronized (ctx.lock) {
      return List.copyOf(active);
    }
  }

  public boolean isActive(String type) {
    synchronized (ctx.lock) {
      return active.stream().anyMatch(a -> a.error().type().equals(type));
    }
  }

  // ------------------------------------------------------------ used by the board

  static String boardType(String type) {
    return type.contains("/") ? type : "evse_board_support/" + type;
  }

  boolean raiseBoardError(String type, Severity severity) {
    return raise(ErrorSource.BOARD_SUPPORT, boardType(type), "", "simulated", severity);
  }

  boolean clearBoardError(String type) {
    return clear(ErrorSource.BOARD_SUPPORT, boardType(type), "");
  }

  void diodeFault(boolean present) {
    if (present) {
      raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_DIODE_FAULT, "", "CP diode of the EV is shorted", Severity.High);
    } else {
      clear(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_DIODE_FAULT, "");
    }
  }

  void rcd(boolean tripped, double milliamps) {
    if (tripped) {
      raise(
          ErrorSource.AC_RCD,
          ErrorTypes.AC_RCD_DC,
          "",
          String.format(Locale.ROOT, "residual DC current %.1f mA", milliamps),
          Severity.High);
    } else {
      clear(ErrorSource.AC_RCD, ErrorTypes.AC_RCD_DC, "");
    }
  }

  private int find(ErrorSource source, String type, String sub) {
    for (int i = 0; i < active.size(); i++) {
      ActiveError a = active.get(i);
      if (a.source() == source && a.error().matches(type, sub)) {
        return i;
      }
    }
    return -1;
  }

  private static String originOf(ErrorSource s) {
    return switch (s) {
      case BOARD_SUPPORT -> "board";
      case AC_RCD -> "rcd";
      case CONNECTOR_LOCK -> "lock";
      case POWER_METER -> "meter";
      default -> s.name().toLowerCase(Locale.ROOT);
    };
  }
}
