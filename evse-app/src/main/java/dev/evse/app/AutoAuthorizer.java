package dev.evse.app;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.EvseManager;
import java.util.List;
import java.util.Optional;

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
    this.token = new ProvidedIdToken(Optional.empty(), new IdToken(token, IdTokenType.ISO14443, Optional.empty()),
        Optional.empty(), AuthorizationType.RFID, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
    this.delayMs = delayMs;
  }

  @Override
  public void onSessionEvent(SessionEvent event) {
    if (event.event() == SessionEventEnum.AuthRequired) {
      evse.loop().schedule(delayMs, () -> evse.authorizeResponse(token, new ValidationResult(
          AuthorizationStatus.Accepted, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty())));
    }
  }
}
