package dev.evse.core.iec;

/** Control pilot state as the board measures it; DISABLED stands for "board disabled". */
public enum RawCpState {
  DISABLED,
  A,
  B,
  C,
  D,
  E,
  F;

  boolean isBcd() {
    return this == B || this == C || this == D;
  }
}
