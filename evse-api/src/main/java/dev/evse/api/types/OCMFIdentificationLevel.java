package dev.evse.api.types;

/** OCMF identification level (IL): how trustworthy the user assignment is. */
@EverestType(file = "powermeter", name = "OCMFIdentificationLevel")
public enum OCMFIdentificationLevel {
  NONE,
  HEARSAY,
  TRUSTED,
  VERIFIED,
  CERTIFIED,
  SECURE,
  MISMATCH,
  INVALID,
  OUTDATED,
  UNKNOWN
}
