package dev.evse.core.charger;

import java.util.Optional;

/** What the state machine asks of the EVSE manager around it. Called on the event loop. */
public interface ChargerEnvironment {

  /** A fresh session id in the configured format. */
  String newSessionId();

  /** The id of the current reservation, if the EVSE is reserved under one. */
  Optional<Integer> reservationId();

  /** The current the charger may offer now, in the given state (budget, hardware, cable). */
  double effectiveCurrentA(ChargerState state);

  /** True while a socket installation does not yet know the cable's ampacity. */
  boolean waitingForCableAmpacity();

  /** Clears the manager's own errors that last until unplug (spec 7.5). */
  void clearInternalErrors();

  /** Raises {@code evse_manager/Internal}. */
  void raiseInternalError(String message);

  /** Feeds the soft over-current detector with the current signalled through the PWM. */
  void checkOverCurrent(double signalledCurrentA);

  /** Tells the board to switch to three phases (true) or one. */
  void switchPhases(boolean threePhases);
}
