package dev.evse.site.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.ConnectorTypeEnum;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The config and the reservation types with EVerest's wire names. */
class WireFormTest {

  @Test
  void configDecodesWithTheManifestNames() {
    AuthConfig c = WireCodec.decode("""
        {"selection_algorithm": "PlugEvents", "connection_timeout": 60, "master_pass_group_id": "POLICE",
         "prioritize_authorization_over_stopping_transaction": false, "ignore_connector_faults": true,
         "plug_in_timeout_enabled": true,
         "local_tokens": [{"id_token": "04A2B3C4", "parent_id_token": "FAMILY"},
                          {"id_token": "OLD", "authorization_status": "Blocked", "expiry_time": "2026-06-01T00:00:00Z"}]}
        """, AuthConfig.class);
    assertThat(c.problems()).isEmpty();
    assertThat(c.selectionAlgorithm).isEqualTo("PlugEvents");
    assertThat(c.connectionTimeout).isEqualTo(60);
    assertThat(c.masterPassGroupId).isEqualTo("POLICE");
    assertThat(c.prioritizeAuthorizationOverStoppingTransaction).isFalse();
    assertThat(c.ignoreConnectorFaults).isTrue();
    assertThat(c.plugInTimeoutEnabled).isTrue();
    assertThat(c.localTokens).hasSize(2);
    assertThat(c.localTokens.get(0).parentIdToken()).contains("FAMILY");
    assertThat(c.localTokens.get(1).authorizationStatus()).contains(AuthorizationStatus.Blocked);

    AuthConfig defaults = WireCodec.decode("{\"connection_timeout\": 30}", AuthConfig.class);
    assertThat(defaults.problems()).isEmpty();
    assertThat(defaults.selectionAlgorithm).isEqualTo("FindFirst");
    assertThat(defaults.localTokens).isEmpty();
  }

  @Test
  void reservationTypesUseTheWireNames() {
    Reservation r = WireCodec.decode("""
        {"reservation_id": 3, "id_token": "ABC", "expiry_time": "2026-01-01T01:00:00Z", "evse_id": 2,
         "parent_id_token": "GRP", "connector_type": "cType2"}""", Reservation.class);
    assertThat(r).isEqualTo(Reservation.forEvse(2, 3, "ABC", "2026-01-01T01:00:00Z").withParentIdToken("GRP")
        .withConnectorType(ConnectorTypeEnum.cType2));
    assertThat(r.isGlobal()).isFalse();
    assertThat(Reservation.forEvse(-1, 3, "ABC", "2026-01-01T01:00:00Z").isGlobal()).isTrue(); // A15
    assertThatThrownBy(() -> WireCodec.decode("{\"reservation_id\": 3, \"id_token\": \"ABC\"}", Reservation.class))
        .isInstanceOf(RuntimeException.class);
    assertThat(WireCodec.encode(new ReservationUpdateStatus(3, ReservationStatus.Expired)))
        .isEqualTo("{\"reservation_id\":3,\"reservation_status\":\"Expired\"}");
    assertThat(WireCodec.decode("{\"id_token\": \"A\", \"group_id_token\": \"G\"}", ReservationCheck.class))
        .isEqualTo(new ReservationCheck(Optional.empty(), "A", Optional.of("G")));
    assertThat(WireCodec.encode(ReservationResult.Occupied)).isEqualTo("\"Occupied\"");
    assertThat(WireCodec.encode(ReservationCheckStatus.ReservedForOtherTokenAndHasParentToken))
        .isEqualTo("\"ReservedForOtherTokenAndHasParentToken\"");
  }
}
