package dev.evse.site.energy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One round of the energy manager: the limits in force and what each EVSE got. Published to
 * {@link EnergyManager#addDecisionListener} after the limits were sent.
 *
 * @param round counts the rounds from 1
 * @param time wall time of the round
 * @param monotonicMillis loop time of the round
 * @param capacityPerPhaseA current available per grid phase now (fuse, schedules, external limits)
 * @param powerLimitW total power limit of the grid connection now, if any
 * @param limitSource what sets the grid limit now (e.g. "fuse", "schedule 07:00-22:00", "external")
 * @param grantedPerPhaseA sum of the currents sent, per grid phase
 * @param committedPerPhaseA sum of what may still flow per grid phase (the highest grant each EVSE
 *     got within the release delay); never above the fuse
 * @param evses one entry per EVSE known to the manager
 */
public record EnergyDecision(
    long round,
    Instant time,
    long monotonicMillis,
    PhaseCurrents capacityPerPhaseA,
    Optional<Double> powerLimitW,
    String limitSource,
    PhaseCurrents grantedPerPhaseA,
    PhaseCurrents committedPerPhaseA,
    List<EvseDecision> evses) {

  public EnergyDecision {
    evses = List.copyOf(evses);
  }

  public Optional<EvseDecision> evse(String uuid) {
    return evses.stream().filter(e -> e.uuid().equals(uuid)).findFirst();
  }
}
