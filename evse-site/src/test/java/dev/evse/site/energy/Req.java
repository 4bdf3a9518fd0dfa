package dev.evse.site.energy;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.EnergyFlowRequest;
import dev.evse.api.types.EvseState;
import dev.evse.api.types.ExternalLimits;
import dev.evse.api.types.IntegerWithSource;
import dev.evse.api.types.LimitsReq;
import dev.evse.api.types.NodeType;
import dev.evse.api.types.NumberWithSource;
import dev.evse.api.types.ScheduleReqEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Energy requests and external limits as an EVSE / an API client sends them, for tests. */
final class Req {
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HOUR = Rfc3339.format(EPOCH);

  private Req() {}

  /** An AC EVSE of {@code maxA} / 6 A, 1..3 phases, {@code active} phases on now. */
  static EnergyFlowRequest evse(String uuid, EvseState state, double maxA, int active, boolean canSwitch) {
    LimitsReq root = new LimitsReq(Optional.empty(),
        Optional.of(new NumberWithSource(maxA, "HardwareCapabilities")),
        Optional.of(new NumberWithSource(6.0, "HardwareCapabilities")),
        Optional.of(new IntegerWithSource(canSwitch ? 3 : active, "HardwareCapabilities")),
        Optional.of(new IntegerWithSource(canSwitch ? 1 : active, "HardwareCapabilities")),
        Optional.of(canSwitch), Optional.of(active));
    LimitsReq leaves = new LimitsReq(Optional.empty(), Optional.of(new NumberWithSource(maxA, "HardwareCapabilities")),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    return new EnergyFlowRequest(List.of(), uuid, NodeType.Evse, Optional.of(false), Optional.of(state),
        Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(new ScheduleReqEntry(HOUR, root, leaves, Optional.empty(), Optional.empty())), List.of(), List.of());
  }

  static EnergyFlowRequest charging(String uuid) {
    return evse(uuid, EvseState.Charging, 32, 3, false);
  }

  static EnergyFlowRequest idle(String uuid) {
    return evse(uuid, EvseState.Unplugged, 32, 3, false);
  }

  /** External limits: one entry at {@code at} with a current and/or power limit (null = none). */
  static ExternalLimits limit(Instant at, Double amps, Double watts) {
    return new ExternalLimits(List.of(entry(at, amps, watts)), List.of(), List.of());
  }

  static ScheduleReqEntry entry(Instant at, Double amps, Double watts) {
    LimitsReq l = new LimitsReq(
        Optional.ofNullable(watts).map(w -> new NumberWithSource(w, "test")),
        Optional.ofNullable(amps).map(a -> new NumberWithSource(a, "test")),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    LimitsReq none = new LimitsReq(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
    return new ScheduleReqEntry(Rfc3339.format(at), l, none, Optional.empty(), Optional.empty());
  }
}
