package dev.evse.api.types;

/** OCMF identification type (IT): kind of identification data. */
@EverestType(file = "powermeter", name = "OCMFIdentificationType")
public enum OCMFIdentificationType {
  NONE,
  DENIED,
  UNDEFINED,
  ISO14443,
  ISO15693,
  EMAID,
  EVCCID,
  EVCOID,
  ISO7812,
  CARD_TXN_NR,
  CENTRAL,
  CENTRAL_1,
  CENTRAL_2,
  LOCAL,
  LOCAL_1,
  LOCAL_2,
  PHONE_NUMBER,
  KEY_CODE
}
