package dev.evse.core.error;

import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.RaisedError;
import dev.evse.core.port.ErrorSource;
import java.util.Set;

/** Which active errors prevent charging (spec 7.2): all but a short list of warnings. */
public final class FatalErrorPolicy {
  private static final Set<String> NOT_FATAL = Set.of(
      ErrorTypes.EVSE_MANAGER_INOPERATIVE,
      ErrorTypes.BSP_MREC3_HIGH_TEMPERATURE,
      ErrorTypes.BSP_MREC18_CABLE_OVER_TEMP_DERATE);

  private final boolean powermeterErrorsCount;

  /** @param powermeterErrorsCount config {@code fail_on_powermeter_errors} */
  public FatalErrorPolicy(boolean powermeterErrorsCount) {
    this.powermeterErrorsCount = powermeterErrorsCount;
  }

  public boolean isFatal(ErrorSource source, RaisedError error) {
    if (source == ErrorSource.POWER_METER && !powermeterErrorsCount) {
      return false;
    }
    if (NOT_FATAL.contains(error.type())) {
      return false;
    }
    // Every device's VendorWarning is a warning, whatever its namespace.
    return !error.type().endsWith("/VendorWarning");
  }
}
