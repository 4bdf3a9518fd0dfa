package dev.evse.api.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One physical connector of an EVSE, numbered from 1. */
@EverestType(file = "evse_manager", name = "Connector")
public record Connector(
    @JsonProperty(value = "id", required = true) int id,
    @JsonProperty("type") Optional<ConnectorTypeEnum> type) {

  /** Normalizes absent optionals to empty and checks required fields and schema ranges. */
  public Connector {
    id = WireChecks.integer("id", id, 1, null);
    type = WireChecks.optional(type);
  }

  /** A connector of unspecified type. */
  public static Connector of(int id) {
    return new Connector(
        id,
        Optional.empty());
  }
}
