package dev.evse.mqtt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.EVInfo;
import dev.evse.api.types.HardwareCapabilities;
import java.util.List;

/**
 * Where the public AsyncAPI types differ from the internal ones (types.md section 5): the API's
 * {@code HardwareCapabilities} has no {@code supports_cp_state_E}, the API's {@code EVInfo} lacks
 * the energy-request and AC power fields.
 */
public final class ApiForms {
  private ApiForms() {}

  /** Internal-only fields of {@code EVInfo}, not in the API. */
  public static final List<String> EV_INFO_INTERNAL_ONLY = List.of(
      "target_energy_request", "max_energy_request", "min_energy_request",
      "ac_max_charge_power", "ac_min_charge_power", "ac_max_discharge_power", "ac_min_discharge_power",
      "ac_present_active_power", "ac_present_reactive_power");

  public static final String SUPPORTS_CP_STATE_E = "supports_cp_state_E";

  /** {@code HardwareCapabilities} as the API writes it (no {@code supports_cp_state_E}). */
  public static JsonNode capabilities(HardwareCapabilities caps) {
    ObjectNode n = (ObjectNode) WireCodec.toTree(caps);
    n.remove(SUPPORTS_CP_STATE_E);
    return n;
  }

  /** Decodes the API's capabilities: {@code supports_cp_state_E} is optional, default false. */
  public static HardwareCapabilities capabilities(JsonNode node) {
    if (!node.isObject()) {
      throw new BadMessage("$: expected object (HardwareCapabilities), got " + Payloads.kind(node));
    }
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    if (!copy.has(SUPPORTS_CP_STATE_E)) {
      copy.put(SUPPORTS_CP_STATE_E, false);
    }
    return Payloads.decode(copy, HardwareCapabilities.class, "");
  }

  /** {@code EVInfo} as the API writes it. */
  public static JsonNode evInfo(EVInfo info) {
    ObjectNode n = (ObjectNode) WireCodec.toTree(info);
    EV_INFO_INTERNAL_ONLY.forEach(n::remove);
    return n;
  }
}
