package dev.evse.api.types;

/** Origin of an enable/disable vote ({@link EnableDisableSource#enableSource()}). */
@EverestType(file = "evse_manager", name = "EnableDisableSource", property = "enable_source")
public enum EnableSource {
  Unspecified,
  LocalAPI,
  LocalKeyLock,
  ServiceTechnician,
  RemoteKeyLock,
  MobileApp,
  FirmwareUpdate,
  CSMS
}
