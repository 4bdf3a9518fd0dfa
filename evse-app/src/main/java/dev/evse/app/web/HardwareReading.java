package dev.evse.app.web;

import dev.evse.sim.SimulatedHardware;

/**
 * What the dashboard reads from the simulated hardware besides the kernel's status: the car, the
 * lock and the live electrical values (the simulation's accessors are thread-safe).
 *
 * @param car the simulated car's state, e.g. {@code CHARGING_REGULATED}
 * @param cp the control-pilot state the board measures ({@code A}..{@code F}), null before start
 * @param relaysClosed whether the board's power relays are closed
 * @param locked whether the connector lock is locked
 * @param l1A current on L1, A (likewise L2, L3)
 * @param powerW active power, W
 * @param energyWh meter reading, Wh
 */
record HardwareReading(String car, String cp, boolean relaysClosed, boolean locked, double l1A, double l2A,
    double l3A, double powerW, double energyWh) {

  static HardwareReading read(SimulatedHardware hw) {
    double[] a = hw.board().lineCurrentsA();
    dev.evse.sim.CpState cp = hw.board().cpState();
    return new HardwareReading(hw.car().state().name(), cp == null ? null : cp.name(),
        hw.board().relaysClosed(), hw.lock().isLocked(), a[0], a[1], a[2],
        hw.meter().powerW(), hw.meter().energyWh());
  }
}
