package dev.evse.core.charger;

import static dev.evse.api.types.BspEventKind.A;
import static dev.evse.api.types.BspEventKind.B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.errors.ErrorTypes;
import dev.evse.core.testing.Harness;
import org.junit.jupiter.api.Test;

/** Spec 4.6 (f) with decision Q4, and withdraw_authorization's other cases. */
class AuthorizationTimeoutTest {

  @Test
  void pluginTimeoutWithoutMrec9KeepsWaiting() {
    Harness h = new Harness().started();
    h.cp(B);
    h.await(h.evse.withdrawAuthorization());
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired", "Deauthorized", "PluginTimeout");
    assertThat(h.state()).isEqualTo(ChargerState.WaitingForAuthentication);
    assertThat(h.raised).isEmpty();
  }

  @Test
  void pluginTimeoutWithMrec9MakesTheEvseInoperativeUntilUnplug() {
    Harness h = new Harness(c -> c.raiseMrec9 = true).started();
    h.cp(B);
    h.at(1000);
    h.await(h.evse.withdrawAuthorization());
    h.at(5000);
    h.cp(A);

    assertThat(h.timeline.where(l -> !l.startsWith("cp_state") && !l.startsWith("allow"))).containsExactly(
        "0 SessionStarted EVConnected",
        "0 AuthRequired",
        "1000 Deauthorized",
        "1000 PluginTimeout",
        "1000 raise evse_manager/MREC9AuthorizationTimeout",
        "1000 raise evse_manager/Inoperative",
        "5000 SessionFinished",
        "5000 clear evse_manager/MREC9AuthorizationTimeout",
        "5000 clear evse_manager/Inoperative");
    assertThat(h.state()).isEqualTo(ChargerState.Idle);
    assertThat(h.raised.get(1).message()).isEqualTo(ErrorTypes.EVSE_MANAGER_MREC9_AUTHORIZATION_TIMEOUT);
  }

  @Test
  void withdrawWhileChargingChangesNothing() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(dev.evse.api.types.BspEventKind.C);
    h.events.clear();
    h.await(h.evse.withdrawAuthorization());
    assertThat(h.events).isEmpty();
    assertThat(h.state()).isEqualTo(ChargerState.Charging);
  }

  @Test
  void withdrawWithoutSessionPublishesNothing() {
    Harness h = new Harness().started();
    h.await(h.evse.withdrawAuthorization());
    assertThat(h.events).isEmpty();
  }

  @Test
  void rejectedAuthorizationIsIgnored() {
    Harness h = new Harness().started();
    h.cp(B);
    h.await(h.evse.authorizeResponse(Harness.token("BAD"),
        Harness.result(dev.evse.api.types.AuthorizationStatus.Invalid, java.util.Optional.empty())));
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired");
    assertThat(h.meter.starts).isEmpty();
  }

  @Test
  void repeatedAuthorizationPublishesAuthorizedAgain() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.authorize("CARD2");
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired", "Authorized",
        "TransactionStarted", "PrepareCharging", "Authorized");
  }

  @Test
  void freeServiceAuthorizesEverySession() {
    Harness h = new Harness(c -> c.disableAuthentication = true).started();
    h.cp(B);
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired", "Authorized",
        "TransactionStarted", "PrepareCharging");
    assertThat(h.meter.starts.get(0).identificationData()).contains("FREESERVICE");
  }
}
