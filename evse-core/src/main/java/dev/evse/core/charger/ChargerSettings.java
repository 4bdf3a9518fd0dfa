package dev.evse.core.charger;

/** The options the state machine itself reads. */
public record ChargerSettings(long stateFAfterFaultMs, String switchPhasesCpState, long switchPhasesDelayMs) {

  public static ChargerSettings from(dev.evse.core.EvseConfig c) {
    return new ChargerSettings(c.stateFAfterFaultMs, c.switch3ph1phCpState, c.switch3ph1phDelayS * 1000L);
  }
}
