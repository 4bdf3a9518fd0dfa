package dev.evse.core.charger;

import static dev.evse.api.types.BspEventKind.B;
import static dev.evse.api.types.BspEventKind.C;
import static dev.evse.api.types.EnableSource.CSMS;
import static dev.evse.api.types.EnableSource.LocalAPI;
import static dev.evse.api.types.EnableState.Disable;
import static dev.evse.api.types.EnableState.Enable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.EnableDisableSource;
import dev.evse.core.testing.Harness;
import org.junit.jupiter.api.Test;

/** Spec 5.1 through the manager, and 4.6 (i) with decisions Q2 and Q5. */
class DisableTest {

  private static EnableDisableSource src(dev.evse.api.types.EnableSource s, dev.evse.api.types.EnableState st, int p) {
    return new EnableDisableSource(s, st, p);
  }

  @Test
  void disableWhileChargingOpensRelaysFirstAndEndsTheTransaction() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.timeline.clear();
    h.at(1000);
    boolean enabled = h.await(h.evse.enableDisable(0, src(CSMS, Disable, 10)));

    assertThat(enabled).isFalse();
    assertThat(h.timeline.all()).containsExactly(
        "1000 Disabled",
        "1000 allow_power_on false PowerOff",
        "1000 enable false",
        "1000 cp_state_X1",
        "1000 cp_state_F",
        "1000 ChargingFinished",
        "1000 TransactionFinished Other",
        "1000 SessionFinished");
    assertThat(h.state()).isEqualTo(ChargerState.Disabled);
    assertThat(h.board.relaysOn()).isFalse();
  }

  @Test
  void reEnableGoesBackToIdleAndANewSessionStarts() {
    Harness h = new Harness().started();
    h.cp(B);
    h.await(h.evse.enableDisable(0, src(CSMS, Disable, 10)));
    h.cp(C); // ignored while disabled
    h.await(h.evse.enableDisable(0, src(CSMS, Enable, 10)));
    h.cp(B);
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired", "Disabled", "SessionFinished",
        "Enabled", "SessionStarted", "AuthRequired");
    assertThat(h.events.get(0).uuid()).isNotEqualTo(h.events.get(5).uuid());
  }

  @Test
  void disabledIsPublishedOnceWithTheWinningSource() {
    Harness h = new Harness().started();
    h.await(h.evse.enableDisable(0, src(CSMS, Disable, 10)));
    h.await(h.evse.enableDisable(0, src(LocalAPI, Disable, 20)));
    assertThat(h.eventNames()).containsExactly("Disabled");
    assertThat(h.events.get(0).source().get()).isEqualTo(src(CSMS, Disable, 10));
    assertThat(h.events.get(0).connectorId()).isEmpty();
  }

  @Test
  void connectorLevelDisableNeedsAConnectorLevelEnable() {
    Harness h = new Harness().started();
    h.await(h.evse.enableDisable(1, src(CSMS, Disable, 10)));
    boolean result = h.await(h.evse.enableDisable(0, src(CSMS, Enable, 10)));
    assertThat(result).isTrue();
    assertThat(h.eventNames()).containsExactly("Disabled", "Enabled");
    assertThat(h.events.get(0).connectorId()).contains(1);
    assertThat(h.state()).isEqualTo(ChargerState.Disabled);
    h.await(h.evse.enableDisable(1, src(CSMS, Enable, 10)));
    assertThat(h.state()).isEqualTo(ChargerState.Idle);
  }

  @Test
  void higherPriorityDisableWinsOverLaterEnable() {
    Harness h = new Harness().started();
    h.await(h.evse.enableDisable(0, src(CSMS, Disable, 10)));
    assertThat(h.await(h.evse.enableDisable(0, src(LocalAPI, Enable, 50)))).isFalse();
    assertThat(h.state()).isEqualTo(ChargerState.Disabled);
  }

  @Test
  void disableCancelsAReservation() {
    Harness h = new Harness().started();
    h.await(h.evse.reserve(3));
    h.await(h.evse.enableDisable(0, src(CSMS, Disable, 10)));
    assertThat(h.eventNames()).containsExactly("ReservationStart", "Disabled", "ReservationEnd");
    assertThat(h.await(h.evse.reserve(4))).isFalse();
  }
}
