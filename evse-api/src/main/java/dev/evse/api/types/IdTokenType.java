package dev.evse.api.types;

/** OCPP 2.0.1 id token type. */
@EverestType(file = "authorization", name = "IdTokenType")
public enum IdTokenType {
  Central,
  eMAID,
  MacAddress,
  ISO14443,
  ISO15693,
  KeyCode,
  Local,
  NoAuthorization
}
