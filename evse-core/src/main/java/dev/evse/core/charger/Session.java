package dev.evse.core.charger;

import dev.evse.api.types.StartSessionReason;
import java.util.Optional;

/**
 * One charging session: from the first interaction (plug-in or authorisation) until
 * SessionFinished. Its id is also the transaction id towards the power meter and the store.
 */
public record Session(
    String uuid, StartSessionReason startReason, Optional<Integer> reservationId, long startedAtMillis) {}
