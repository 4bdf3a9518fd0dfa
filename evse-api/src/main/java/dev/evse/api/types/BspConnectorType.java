package dev.evse.api.types;

/**
 * Connector of an AC EVSE: fixed cable or socket ({@link HardwareCapabilities#connectorType()}).
 */
@EverestType(file = "evse_board_support", name = "HardwareCapabilities", property = "connector_type")
public enum BspConnectorType {
  IEC62196Type2Cable,
  IEC62196Type2Socket
}
