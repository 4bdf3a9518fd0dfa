package dev.evse.app.web;

import dev.evse.app.SimulatedStation;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * One EVSE as the dashboard drives it: the simulated station (kernel, car, board, meter, lock) and
 * the callback that sets its power budget.
 *
 * @param station the station; its kernel's connector id is the EVSE id on the page and in URLs
 * @param budgetSetter called (on a web thread) with the new budget in amps per phase when someone
 *     sets it on the page; it should change what the station's energy supply grants (e.g. the
 *     current a {@code LocalEnergySupply} renews every second) rather than call
 *     {@code setMaxCurrent} once and be overwritten on the next renewal
 * @param name the label of its card, e.g. "EVSE 1"
 */
public record DashboardStation(SimulatedStation station, DoubleConsumer budgetSetter, String name) {

  public DashboardStation {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(budgetSetter, "budgetSetter");
    Objects.requireNonNull(name, "name");
  }

  /** A station labelled "EVSE n" after its connector id. */
  public static DashboardStation of(SimulatedStation station, DoubleConsumer budgetSetter) {
    return new DashboardStation(station, budgetSetter, "EVSE " + station.evse().config().connectorId);
  }

  /** The id of this EVSE on the page and in the control URLs (its connector id). */
  public int id() {
    return station.evse().config().connectorId;
  }
}
