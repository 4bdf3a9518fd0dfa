package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An EVSE (id 1..128) and its connectors: the result of {@code get_evse}. */
@EverestType(file = "evse_manager", name = "Evse")
public record Evse(
    @JsonProperty(value = "id", required = true) int id,
    @JsonProperty(value = "connectors", required = true) List<Connector> connectors) {

  /** Checks required fields and schema ranges. */
  public Evse {
    id = WireChecks.integer("id", id, 1, 128);
    connectors = WireChecks.list("connectors", connectors, 1, 128);
  }
}
