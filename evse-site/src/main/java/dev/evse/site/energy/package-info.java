/**
 * The site energy manager: shares one grid connection among the EVSEs of an installation, as
 * EVerest's EnergyManager and EnergyNode modules do with their energy tree. Each EVSE sends
 * {@code energy_flow_request}s; every {@code update_interval} the manager answers each one with
 * {@code enforce_limits}, valid for ten intervals. Entry point: {@link
 * dev.evse.site.energy.EnergyManager}; options: {@link dev.evse.site.energy.EnergyConfig};
 * what was decided and why: {@link dev.evse.site.energy.EnergyDecision}; a whole site in virtual
 * time: {@link dev.evse.site.energy.SiteSimulation}.
 *
 * <p>Sharing, per round: the limits in force are the lowest of the fuses (grid connection and
 * optional sub-distributions, per phase), the configured time windows and the external limits
 * of each node. Every EVSE that needs energy, in priority order (configured priority, then the
 * longest waiting), gets the minimum current it can charge with (6 A, IEC 61851-1) on the phase
 * count that fits (switching between one and three phases where the EVSE can), or 0 A; what is
 * left is shared equally up to each EVSE's maximum. When not all cars can charge, they take
 * turns ({@code rotation_period_s}).
 *
 * <p>Safety: a reduction is sent at once, but the current it frees is given to another EVSE only
 * {@code release_delay_s} later (an EVSE changes its PWM at most every 5 s and the car has 5 s to
 * follow). So the current that may still flow never adds up to more than the fuse, and what is
 * granted never to more than the limits in force.
 */
package dev.evse.site.energy;
