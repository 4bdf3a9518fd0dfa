package dev.evse.core.port;

/**
 * Where an error comes from. The order is the order in which the error policy looks for the
 * cause of {@code evse_manager/Inoperative}.
 */
public enum ErrorSource {
  EVSE_MANAGER,
  BOARD_SUPPORT,
  CONNECTOR_LOCK,
  AC_RCD,
  ISOLATION_MONITOR,
  POWER_SUPPLY_DC,
  POWER_METER,
  OVER_VOLTAGE_MONITOR
}
