package dev.evse.core.error;

import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.core.charger.ShutdownType;
import dev.evse.core.port.ErrorSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The active errors of the EVSE manager and of every device behind its ports, and the verdict
 * drawn from them (spec 7.3): while any fatal error is active, {@code evse_manager/Inoperative}
 * is raised with the first fatal error as its cause, and the charger shuts down (emergency if the
 * cause is High, else error shutdown). Runs on the event loop.
 */
public final class ErrorRegistry {

  /** Where the registry reports. */
  public interface Outputs {
    /** An error of the manager itself (including Inoperative) was raised. */
    void ownErrorRaised(RaisedError error);

    /** An error of the manager itself was cleared. */
    void ownErrorCleared(RaisedError error);

    /** The shutdown verdict changed. */
    void shutdown(ShutdownType type, boolean fatalActive);
  }

  /** The manager's own errors that last until unplug (spec 7.5). */
  private static final Set<String> CLEARED_AT_UNPLUG = Set.of(
      ErrorTypes.EVSE_MANAGER_MREC4_OVER_CURRENT_FAILURE,
      ErrorTypes.EVSE_MANAGER_MREC5_OVER_VOLTAGE,
      ErrorTypes.EVSE_MANAGER_INTERNAL,
      ErrorTypes.EVSE_MANAGER_MREC9_AUTHORIZATION_TIMEOUT,
      ErrorTypes.EVSE_MANAGER_POWERMETER_TRANSACTION_START_FAILED,
      ErrorTypes.EVSE_MANAGER_MREC22_RESISTANCE_FAULT,
      ErrorTypes.EVSE_MANAGER_MREC11_CABLE_CHECK_FAULT,
      ErrorTypes.EVSE_MANAGER_VOLTAGE_PLAUSIBILITY_FAULT);

  private final Map<ErrorSource, List<RaisedError>> active = new EnumMap<>(ErrorSource.class);
  private final FatalErrorPolicy policy;
  private final boolean inoperativeUsesVendorId;
  private final Outputs out;
  private RaisedError inoperative;

  public ErrorRegistry(FatalErrorPolicy policy, boolean inoperativeUsesVendorId, Outputs out) {
    this.policy = policy;
    this.inoperativeUsesVendorId = inoperativeUsesVendorId;
    this.out = out;
    for (ErrorSource s : ErrorSource.values()) {
      active.put(s, new ArrayList<>());
    }
  }

  /** A device raised an error; the same type and sub-type raised again is ignored. */
  public void raise(ErrorSource source, RaisedError error) {
    List<RaisedError> list = active.get(source);
    if (list.stream().anyMatch(e -> e.matches(error.type(), error.subType()))) {
      return;
    }
    list.add(error);
    if (source == ErrorSource.EVSE_MANAGER) {
      out.ownErrorRaised(error);
    }
    evaluate();
  }

  /** Clears an error; a null sub-type clears every sub-type of the type. */
  public void clear(ErrorSource source, String type, String subType) {
    List<RaisedError> list = active.get(source);
    List<RaisedError> removed = new ArrayList<>();
    list.removeIf(e -> {
      boolean hit = e.type().equals(type) && (subType == null || e.subType().equals(subType));
      if (hit) {
        removed.add(e);
      }
      return hit;
    });
    if (removed.isEmpty()) {
      return;
    }
    if (source == ErrorSource.EVSE_MANAGER) {
      removed.forEach(out::ownErrorCleared);
    }
    evaluate();
  }

  /** Raises one of the manager's own errors. */
  public void raiseOwn(String type, String subType, String message, Severity severity) {
    raise(ErrorSource.EVSE_MANAGER, RaisedError.of(type, subType, message, severity));
  }

  /** Clears the manager's own errors that last until unplug. */
  public void clearUntilUnplugErrors() {
    for (String type : CLEARED_AT_UNPLUG) {
      clear(ErrorSource.EVSE_MANAGER, type, null);
    }
  }

  public boolean isActive(String type) {
    return active.values().stream().flatMap(List::stream).anyMatch(e -> e.type().equals(type));
  }

  /** True while a fatal error keeps the EVSE inoperative. */
  public boolean inoperative() {
    return inoperative != null;
  }

  /** Every active error, devices' and the manager's own, in source order. */
  public List<RaisedError> all() {
    List<RaisedError> all = new ArrayList<>();
    active.values().forEach(all::addAll);
    return all;
  }

  private Optional<RaisedError> firstFatal() {
    for (Map.Entry<ErrorSource, List<RaisedError>> e : active.entrySet()) {
      for (RaisedError error : e.getValue()) {
        if (policy.isFatal(e.getKey(), error)) {
          return Optional.of(error);
        }
      }
    }
    return Optional.empty();
  }

  private void evaluate() {
    Optional<RaisedError> cause = firstFatal();
    if (cause.isPresent() && inoperative == null) {
      RaisedError c = cause.get();
      inoperative = new RaisedError(
          ErrorTypes.EVSE_MANAGER_INOPERATIVE,
          "",
          describe(c),
          c.type(),
          Optional.empty(),
          inoperativeUsesVendorId && !c.vendorId().isEmpty() ? c.vendorId() : "EVerest",
          Severity.High,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
      active.get(ErrorSource.EVSE_MANAGER).add(inoperative);
      out.ownErrorRaised(inoperative);
      out.shutdown(c.severity() == Severity.High ? ShutdownType.EMERGENCY : ShutdownType.ERROR, true);
    } else if (cause.isEmpty() && inoperative != null) {
      RaisedError cleared = inoperative;
      inoperative = null;
      active.get(ErrorSource.EVSE_MANAGER).remove(cleared);
      out.ownErrorCleared(cleared);
      out.shutdown(ShutdownType.NONE, false);
    }
  }

  /** "evse_board_support/MREC2GroundFailure" + sub-type "x" gives "MREC2GroundFailure/x". */
  private static String describe(RaisedError cause) {
    String type = cause.type();
    int slash = type.indexOf('/');
    String base = slash < 0 ? cause.description() : type.substring(slash + 1);
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return cause.subType().isEmpty() ? base : base + "/" + cause.subType();
  }
}
