package dev.evse.api.types;

/** State wanted by an enable/disable vote; {@code Unassigned} withdraws the vote. */
@EverestType(file = "evse_manager", name = "EnableDisableSource", property = "enable_state")
public enum EnableState {
  Unassigned,
  Disable,
  Enable
}
