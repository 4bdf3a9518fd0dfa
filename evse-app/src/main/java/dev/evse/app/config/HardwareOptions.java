package dev.evse.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an EVSE's hardware is (section {@code hardware:} of an EVSE entry): simulated in this
 * process, or drivers speaking EVerest's {@code evse_board_support} and {@code powermeter} APIs over
 * MQTT (another process, e.g. {@code evse sim-hardware}, or a real driver).
 */
public final class HardwareOptions {
  /** {@code simulated} or {@code mqtt}. */
  @JsonProperty("driver") public String driver = "simulated";
  /** Module id of the board driver; empty = {@code bsp_<connector_id>}. */
  @JsonProperty("board_module_id") public String boardModuleId = "";
  /** Module id of the meter driver; empty = {@code powermeter_<connector_id>}; "none" = no meter. */
  @JsonProperty("meter_module_id") public String meterModuleId = "";

  public boolean overMqtt() {
    return "mqtt".equals(driver);
  }

  public String board(int connectorId) {
    return boardModuleId.isBlank() ? "bsp_" + connectorId : boardModuleId;
  }

  public String meter(int connectorId) {
    return meterModuleId.isBlank() ? "powermeter_" + connectorId : meterModuleId;
  }
}
