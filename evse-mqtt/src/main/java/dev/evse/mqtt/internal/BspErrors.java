package dev.evse.mqtt.internal;

import dev.evse.core.port.ErrorSource;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ErrorEnum} of {@code evse_board_support} and how its values are routed to the three
 * interfaces the BSP API provides (spec section 1.7): connector lock errors to
 * {@code connector_lock/}, {@code Selftest}, {@code DC} and {@code AC} to {@code ac_rcd/} (EVerest
 * writes {@code acd_rcd/}, a typo), everything else to {@code evse_board_support/}.
 * {@code CommunicationFault} is accepted although the spec's enum omits it (EVerest's codec does).
 */
public final class BspErrors {
  private BspErrors() {}

  public static final Set<String> TYPES = Set.of(
      "DiodeFault", "VentilationNotAvailable", "BrownOut", "EnergyManagement", "PermanentFault",
      "MREC2GroundFailure", "MREC3HighTemperature", "MREC4OverCurrentFailure", "MREC5OverVoltage",
      "MREC6UnderVoltage", "MREC8EmergencyStop", "MREC10InvalidVehicleMode", "MREC14PilotFault",
      "MREC15PowerLoss", "MREC17EVSEContactorFault", "MREC18CableOverTempDerate", "MREC19CableOverTempStop",
      "MREC20PartialInsertion", "MREC23ProximityFault", "MREC24ConnectorVoltageHigh", "MREC25BrokenLatch",
      "MREC26CutCable",
      "ConnectorLockCapNotCharged", "ConnectorLockUnexpectedOpen", "ConnectorLockUnexpectedClose",
      "ConnectorLockFailedLock", "ConnectorLockFailedUnlock", "MREC1ConnectorLockFailure",
      "Selftest", "DC", "AC",
      "TiltDetected", "WaterIngressDetected", "EnclosureOpen", "VendorError", "VendorWarning",
      "CommunicationFault");

  private static final Set<String> LOCK = Set.of(
      "ConnectorLockCapNotCharged", "ConnectorLockUnexpectedOpen", "ConnectorLockUnexpectedClose",
      "ConnectorLockFailedLock", "ConnectorLockFailedUnlock", "MREC1ConnectorLockFailure");
  private static final Set<String> RCD = Set.of("Selftest", "DC", "AC");

  /** An API error type routed to a source and an internal {@code namespace/Name}. */
  public record Route(ErrorSource source, String type) {}

  /** Routes a bare API error type; {@link BadMessage} if it is not in the enum. */
  public static Route route(String apiType) {
    if (!TYPES.contains(apiType)) {
      throw new BadMessage("type: unknown value \"" + apiType + "\" for ErrorEnum");
    }
    if (LOCK.contains(apiType)) {
      return new Route(ErrorSource.CONNECTOR_LOCK, "connector_lock/" + apiType);
    }
    if (RCD.contains(apiType)) {
      return new Route(ErrorSource.AC_RCD, "ac_rcd/" + apiType);
    }
    return new Route(ErrorSource.BOARD_SUPPORT, "evse_board_support/" + apiType);
  }

  /**
   * The API error type for an internal error of the board, lock or RCD (driver side), if the BSP
   * API can carry it.
   */
  public static Optional<String> apiType(ErrorSource source, String internalType) {
    if (source != ErrorSource.BOARD_SUPPORT && source != ErrorSource.CONNECTOR_LOCK && source != ErrorSource.AC_RCD) {
      return Optional.empty();
    }
    int slash = internalType.indexOf('/');
    String name = slash < 0 ? internalType : internalType.substring(slash + 1);
    return TYPES.contains(name) ? Optional.of(name) : Optional.empty();
  }
}
