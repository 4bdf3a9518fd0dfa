package dev.evse.api.types;

/** OCMF identification flag (IF): how the user was identified. */
@EverestType(file = "powermeter", name = "OCMFIdentificationFlags")
public enum OCMFIdentificationFlags {
  RFID_NONE,
  RFID_PLAIN,
  RFID_RELATED,
  RFID_PSK,
  OCPP_NONE,
  OCPP_RS,
  OCPP_AUTH,
  OCPP_RS_TLS,
  OCPP_AUTH_TLS,
  OCPP_CACHE,
  OCPP_WHITELIST,
  OCPP_CERTIFIED,
  ISO15118_NONE,
  ISO15118_PNC,
  PLMN_NONE,
  PLMN_RING,
  PLMN_SMS
}
