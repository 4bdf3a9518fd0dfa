package dev.evse.site.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.api.types.EverestType;
import dev.evse.api.types.WireChecks;
import java.util.Optional;

/**
 * A reservation request ({@code reserve_now}): for one EVSE ({@code evse_id} given) or, without
 * {@code evse_id} (or with a negative one), a global reservation that guarantees one EV of the
 * connector type an EVSE somewhere. An absent {@code connector_type} means {@code Unknown}, which
 * matches every connector.
 */
@EverestType(file = "reservation", name = "Reservation")
public record Reservation(
    @JsonProperty("evse_id") Optional<Integer> evseId,
    @JsonProperty(value = "reservation_id", required = true) int reservationId,
    @JsonProperty(value = "id_token", required = true) String idToken,
    @JsonProperty(value = "expiry_time", required = true) String expiryTime,
    @JsonProperty("parent_id_token") Optional<String> parentIdToken,
    @JsonProperty("connector_type") Optional<ConnectorTypeEnum> connectorType) {

  /** Normalizes absent optionals to empty and checks required fields. */
  public Reservation {
    evseId = WireChecks.optional(evseId);
    WireChecks.require("id_token", idToken);
    expiryTime = WireChecks.timestamp("expiry_time", expiryTime);
    parentIdToken = WireChecks.optional(parentIdToken);
    connectorType = WireChecks.optional(connectorType);
  }

  /** A global reservation without parent id token or connector type. */
  public static Reservation global(int reservationId, String idToken, String expiryTime) {
    return new Reservation(Optional.empty(), reservationId, idToken, expiryTime, Optional.empty(), Optional.empty());
  }

  /** A reservation of one EVSE without parent id token or connector type. */
  public static Reservation forEvse(int evseId, int reservationId, String idToken, String expiryTime) {
    return new Reservation(Optional.of(evseId), reservationId, idToken, expiryTime, Optional.empty(), Optional.empty());
  }

  /** This reservation with a parent (group) id token. */
  public Reservation withParentIdToken(String parent) {
    return new Reservation(evseId, reservationId, idToken, expiryTime, Optional.of(parent), connectorType);
  }

  /** This reservation for a connector type. */
  public Reservation withConnectorType(ConnectorTypeEnum type) {
    return new Reservation(evseId, reservationId, idToken, expiryTime, parentIdToken, Optional.of(type));
  }

  /** True when this is a global reservation (no EVSE, or a negative evse id). */
  public boolean isGlobal() {
    return evseId.isEmpty() || evseId.get() < 0;
  }

  /** The requested connector type; {@code Unknown} when absent. */
  public ConnectorTypeEnum connectorTypeOrUnknown() {
    return connectorType.orElse(ConnectorTypeEnum.Unknown);
  }
}
