package dev.evse.api.errors;

/** Severity of a raised error, spelled as on the wire. */
public enum Severity {
  Low,
  Medium,
  High
}
