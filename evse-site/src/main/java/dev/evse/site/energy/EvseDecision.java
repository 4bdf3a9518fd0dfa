package dev.evse.site.energy;

import dev.evse.api.types.EvseState;
import java.util.Locale;
import java.util.Optional;

/**
 * What the energy manager decided for one EVSE in one round.
 *
 * @param uuid the EVSE's module id
 * @param state the state it reported last (empty if it never reported one)
 * @param needsEnergy whether it takes part in the sharing
 * @param priority its configured priority (0 first)
 * @param minCurrentA the least current it can charge with
 * @param maxCurrentA the most it may take (hardware, its request, external limits on it)
 * @param targetCurrentA its share under the current limits
 * @param grantedCurrentA the current sent in {@code enforce_limits} (below the target while
 *     capacity freed elsewhere is still held by the release delay)
 * @param phases the phase count sent ({@code ac_max_phase_count})
 * @param reportedPhases the phases the EVSE reported active
 * @param waitingSinceMillis loop time it started waiting for energy, -1 if not waiting
 * @param reason why
 * @param detail the limit that bound it, in words
 */
public record EvseDecision(
    String uuid,
    Optional<EvseState> state,
    boolean needsEnergy,
    int priority,
    double minCurrentA,
    double maxCurrentA,
    double targetCurrentA,
    double grantedCurrentA,
    int phases,
    int reportedPhases,
    long waitingSinceMillis,
    GrantReason reason,
    String detail) {

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %.1fA x%d (target %.1f) %s%s", uuid, grantedCurrentA, phases,
        targetCurrentA, reason, detail.isEmpty() ? "" : " [" + detail + "]");
  }
}
