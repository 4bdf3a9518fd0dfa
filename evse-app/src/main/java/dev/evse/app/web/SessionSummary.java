package dev.evse.app.web;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished charging session as the dashboard's history shows it.
 *
 * @param uuid the session's uuid (EVerest's {@code session_event.uuid})
 * @param evseId the EVSE (connector id) it ran on
 * @param start when the session started (plug-in or authorization)
 * @param end when it finished (unplug)
 * @param idToken the token the transaction was bound to; "" when none (no transaction)
 * @param energyWh energy charged in the transaction, Wh (0 without a transaction)
 * @param stopReason why the transaction stopped (e.g. {@code Local}, {@code EVDisconnected}); ""
 *     when unknown
 */
public record SessionSummary(
    String uuid, int evseId, Instant start, Instant end, String idToken, double energyWh, String stopReason) {

  public SessionSummary {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    idToken = idToken == null ? "" : idToken;
    stopReason = stopReason == null ? "" : stopReason;
  }
}
