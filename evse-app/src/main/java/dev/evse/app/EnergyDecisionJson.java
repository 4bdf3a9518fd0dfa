package dev.evse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.site.energy.EnergyDecision;
import dev.evse.site.energy.EvseDecision;
import dev.evse.site.energy.PhaseCurrents;

/**
 * The energy manager's decision of one round as JSON, published by {@code evse run} on the
 * project's own topic {@value #TOPIC} (not part of EVerest's API).
 */
final class EnergyDecisionJson {
  static final String TOPIC = "evse/energy_manager/decision";
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnergyDecisionJson() {}

  static String encode(EnergyDecision d) {
    ObjectNode root = JSON.createObjectNode();
    root.put("round", d.round());
    root.put("timestamp", dev.evse.api.codec.Rfc3339.format(d.time()));
    root.set("capacity_per_phase_A", phases(d.capacityPerPhaseA()));
    d.powerLimitW().ifPresent(w -> root.put("power_limit_W", w));
    root.put("limit_source", d.limitSource());
    root.set("granted_per_phase_A", phases(d.grantedPerPhaseA()));
    ArrayNode evses = root.putArray("evses");
    for (EvseDecision e : d.evses()) {
      ObjectNode n = evses.addObject();
      n.put("uuid", e.uuid());
      e.state().ifPresent(s -> n.put("evse_state", s.name()));
      n.put("needs_energy", e.needsEnergy());
      n.put("priority", e.priority());
      n.put("granted_current_A", e.grantedCurrentA());
      n.put("target_current_A", e.targetCurrentA());
      n.put("phases", e.phases());
      n.put("reason", e.reason().name());
      if (!e.detail().isEmpty()) {
        n.put("detail", e.detail());
      }
    }
    return root.toString();
  }

  private static ObjectNode phases(PhaseCurrents p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("L1", p.l1());
    n.put("L2", p.l2());
    n.put("L3", p.l3());
    return n;
  }
}
