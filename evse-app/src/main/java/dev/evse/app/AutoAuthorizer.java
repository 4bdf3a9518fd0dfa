package dev.evse.app;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.EvseManager;

/**
 * Stands in for a card reader and an authorisation service in simulations: when the EVSE asks for
 * authorisation, presents a fixed RFID token after a delay and accepts it.
 */
public final class AutoAuthorizer implements EvseManagerListener {
  private final EvseManager evse;
  private final ProvidedIdToken token;
  private final long delayMs;

  public AutoAuthorizer(EvseManager evse, String token, long delayMs) {
    this.evse = evse;
    this.token = ProvidedIdToken.of(token, AuthorizationType.RFID); // RFID cards are ISO14443
    this.delayMs = delayMs;
  }

  @Override
  public void onSessionEvent(SessionEvent event) {
    if (event.event() == SessionEventEnum.AuthRequired) {
      evse.loop().schedule(delayMs, () -> evse.authorizeResponse(token,
          ValidationResult.of(AuthorizationStatus.Accepted)));
    }
  }
}
