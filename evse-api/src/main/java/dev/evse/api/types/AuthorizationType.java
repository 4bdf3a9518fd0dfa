package dev.evse.api.types;

/** Channel through which a token was obtained. */
@EverestType(file = "authorization", name = "AuthorizationType")
public enum AuthorizationType {
  OCPP,
  RFID,
  Autocharge,
  PlugAndCharge,
  BankCard
}
