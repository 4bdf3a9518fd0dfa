package dev.evse.api.types;

/** Outcome of a power meter transaction start or stop request. */
@EverestType(file = "powermeter", name = "TransactionRequestStatus")
public enum TransactionRequestStatus {
  OK,
  NOT_SUPPORTED,
  UNEXPECTED_ERROR
}
