package dev.evse.api.types;

/** OCMF identification status (IS): user assigned or not. */
@EverestType(file = "powermeter", name = "OCMFUserIdentificationStatus")
public enum OCMFUserIdentificationStatus {
  ASSIGNED,
  NOT_ASSIGNED
}
