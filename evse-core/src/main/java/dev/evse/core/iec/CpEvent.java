package dev.evse.core.iec;

/** Abstract events the IEC layer derives from raw CP states and relay feedback. */
public enum CpEvent {
  CarPluggedIn,
  CarRequestedPower,
  CarRequestedStopPower,
  CarUnplugged,
  PowerOn,
  PowerOff,
  EFtoBCD,
  BCDtoEF,
  BCDtoE
}
