package dev.evse.core.charger;

import static dev.evse.api.types.BspEventKind.A;
import static dev.evse.api.types.BspEventKind.B;
import static dev.evse.api.types.BspEventKind.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.core.testing.Harness;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec 4.6 (a), (b), (c), (e) and the simple sequences after them, with virtual times. */
class BasicSessionTest {

  @Test
  void plugInThenAuthorizeThenChargeThenUnplug() {
    Harness h = new Harness().started();
    h.at(1000);
    h.cp(B);
    h.at(2000);
    h.authorize("CARD1");
    h.at(3000);
    h.cp(C);
    h.at(60_000);
    h.cp(A);

    assertThat(h.timeline.all()).containsExactly(
        "1000 SessionStarted EVConnected",
        "1000 AuthRequired",
        "2000 Authorized",
        "2000 TransactionStarted",
        "2000 PrepareCharging",
        "2000 pwm_on 53.33",
        "3000 ChargingStarted",
        "3000 allow_power_on true FullPowerCharging",
        "60000 cp_state_X1",
        "60000 allow_power_on false PowerOff",
        "60000 StoppingCharging",
        "60000 ChargingFinished",
        "60000 TransactionFinished EVDisconnected",
        "60000 SessionFinished");
    assertThat(h.state()).isEqualTo(ChargerState.Idle);
  }

  @Test
  void sessionEventsCarryOneUuidAndTheirPayloads() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.cp(A);

    String uuid = h.events.get(0).uuid();
    assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(h.events).allSatisfy(e -> {
      assertThat(e.uuid()).isEqualTo(uuid);
      assertThat(e.timestamp()).isEqualTo("2026-01-01T00:00:00.000Z");
    });
    SessionEvent started = h.events.get(0);
    assertThat(started.sessionStarted().get().reason()).isEqualTo(StartSessionReason.EVConnected);
    assertThat(started.sessionStarted().get().idTag()).isEmpty();
    SessionEvent tx = h.events.stream().filter(e -> e.transactionStarted().isPresent()).findFirst().get();
    assertThat(tx.transactionStarted().get().idTag().idToken().value()).isEqualTo("CARD1");
    SessionEvent finished = h.events.stream().filter(e -> e.transactionFinished().isPresent()).findFirst().get();
    assertThat(finished.transactionFinished().get().signedMeterValue()).isPresent();
    assertThat(finished.transactionFinished().get().idTag()).isEmpty();
    assertThat(h.meter.starts).singleElement().satisfies(r -> {
      assertThat(r.transactionId()).isEqualTo(uuid);
      assertThat(r.identificationData()).contains("CARD1");
      assertThat(r.evseId()).isEqualTo("DE*PNX*E1234567*1");
    });
    assertThat(h.meter.stops).contains(uuid);
  }

  @Test
  void authorizeFirstThenPlugIn() {
    Harness h = new Harness().started();
    h.at(1000);
    h.authorize("CARD1");
    h.at(5000);
    h.cp(B);
    h.at(6000);
    h.cp(C);

    assertThat(h.timeline.all()).containsExactly(
        "1000 SessionStarted Authorized",
        "1000 Authorized",
        "5000 AuthRequired",
        "5000 TransactionStarted",
        "5000 PrepareCharging",
        "5000 pwm_on 53.33",
        "6000 ChargingStarted",
        "6000 allow_power_on true FullPowerCharging");
    assertThat(h.events.get(0).sessionStarted().get().idTag().get().idToken().value()).isEqualTo("CARD1");
  }

  @Test
  void authorizeFirstAndWithdrawnBeforePlugInEndsTheSession() {
    Harness h = new Harness().started();
    h.authorize("CARD1");
    h.at(10_000);
    h.await(h.evse.withdrawAuthorization());
    assertThat(h.eventNames()).containsExactly("SessionStarted", "Authorized", "Deauthorized", "SessionFinished");
    assertThat(h.state()).isEqualTo(ChargerState.Idle);
  }

  @Test
  void evPausesAndResumes() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.timeline.clear();
    h.at(10_000);
    h.cp(B);
    h.at(20_000);
    h.cp(C);

    assertThat(h.timeline.all()).containsExactly(
        "10000 allow_power_on false PowerOff",
        "10000 StoppingCharging",
        "10000 cp_state_X1",
        "10000 ChargingPausedEV",
        "15000 pwm_on 53.33",
        "20000 PrepareCharging",
        "20000 ChargingStarted",
        "20000 allow_power_on true FullPowerCharging");
    assertThat(h.board.relaysOn()).isTrue();
  }

  @Test
  void stopTransactionThenUnplug() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.timeline.clear();
    h.at(10_000);
    boolean stopped = h.await(h.evse.stopTransaction(
        new StopTransactionRequest(StopTransactionReason.Remote, Optional.of(Harness.token("ADMIN")))));
    h.at(10_500);
    h.cp(B); // the EV follows the PWM going off
    h.at(30_000);
    h.authorize("CARD1"); // ignored: the session was cancelled
    h.at(40_000);
    h.cp(A);

    assertThat(stopped).isTrue();
    assertThat(h.timeline.all()).containsExactly(
        "10000 StoppingCharging",
        "10000 cp_state_X1",
        "10500 allow_power_on false PowerOff",
        "10500 ChargingFinished",
        "10500 TransactionFinished Remote",
        "40000 SessionFinished");
    SessionEvent finished = h.events.stream().filter(e -> e.transactionFinished().isPresent()).findFirst().get();
    assertThat(finished.transactionFinished().get().idTag().get().idToken().value()).isEqualTo("ADMIN");
  }

  @Test
  void stopTransactionWithTheEvStayingInCOpensTheRelaysAfterSixSeconds() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.timeline.clear();
    h.at(10_000);
    h.await(h.evse.stopTransaction(new StopTransactionRequest(StopTransactionReason.Local, Optional.empty())));
    h.at(30_000);

    assertThat(h.timeline.all()).containsExactly(
        "10000 StoppingCharging",
        "10000 cp_state_X1",
        "16000 allow_power_on false PowerOff",
        "16000 ChargingFinished",
        "16000 TransactionFinished Local");
    assertThat(h.state()).isEqualTo(ChargerState.Finished);
  }

  @Test
  void stopTransactionWithoutTransactionIsRefused() {
    Harness h = new Harness().started();
    h.cp(B);
    assertThat(h.await(h.evse.stopTransaction(
        new StopTransactionRequest(StopTransactionReason.Remote, Optional.empty())))).isFalse();
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired");
  }

  @Test
  void plugInAndUnplugWithoutAuthorization() {
    Harness h = new Harness().started();
    h.cp(B);
    h.at(5000);
    h.cp(A);
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired", "SessionFinished");
    assertThat(h.meter.starts).isEmpty();
  }

  @Test
  void authorizedButEvNeverDrawsThenUnplug() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.at(5000);
    h.cp(A);
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired", "Authorized",
        "TransactionStarted", "PrepareCharging", "StoppingCharging", "ChargingFinished",
        "TransactionFinished", "SessionFinished");
  }

  @Test
  void legacyWakeUpAfterThirtySecondsThenPausedByEv() {
    Harness h = new Harness().started();
    h.cp(B);
    h.authorize("CARD1");
    h.timeline.clear();
    h.at(60_000);

    assertThat(h.timeline.all()).containsExactly(
        "30000 cp_state_F",
        "34000 cp_state_X1",
        "34750 pwm_on 53.33",
        "44750 ChargingPausedEV");
  }

  @Test
  void noEnergyBeforeTheSessionKeepsPwmOffUntilEnergyArrives() {
    Harness h = new Harness().started();
    h.budget(0);
    h.timeline.clear();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.at(5000);
    h.budget(16);

    assertThat(h.timeline.where(l -> !l.startsWith("ac_set"))).containsExactly(
        "0 SessionStarted EVConnected",
        "0 AuthRequired",
        "0 Authorized",
        "0 TransactionStarted",
        "0 PrepareCharging",
        "5000 pwm_on 26.67",
        "5000 ChargingStarted",
        "5000 allow_power_on true FullPowerCharging");
  }

  @Test
  void replugStartsANewSessionWithANewUuid() {
    Harness h = new Harness().started();
    h.cp(B);
    h.cp(A);
    h.cp(B);
    List<SessionEvent> starts = h.events.stream().filter(e -> e.sessionStarted().isPresent()).toList();
    assertThat(starts).hasSize(2);
    assertThat(starts.get(0).uuid()).isNotEqualTo(starts.get(1).uuid());
  }
}
