package dev.evse.core.charger;

import static dev.evse.api.types.BspEventKind.B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.SessionEvent;
import dev.evse.core.testing.Harness;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec 5 reserve / cancel_reservation and 4.6 (h), with decision Q7. */
class ReservationTest {

  @Test
  void reserveInIdlePublishesReservationStartWithTimestampAndNoUuid() {
    Harness h = new Harness().started();
    assertThat(h.await(h.evse.reserve(5))).isTrue();
    SessionEvent e = h.events.get(0);
    assertThat(e.event().name()).isEqualTo("ReservationStart");
    assertThat(e.uuid()).isEmpty();
    assertThat(e.timestamp()).isNotEmpty();
  }

  @Test
  void sameIdAgainIsAcceptedSilentlyAnotherIdIsRejected() {
    Harness h = new Harness().started();
    h.await(h.evse.reserve(5));
    assertThat(h.await(h.evse.reserve(5))).isTrue();
    assertThat(h.await(h.evse.reserve(6))).isFalse();
    assertThat(h.eventNames()).containsExactly("ReservationStart");
  }

  @Test
  void negativeIdIsAcceptedAndPublishedEveryTimeAndARealIdReplacesIt() {
    Harness h = new Harness().started();
    assertThat(h.await(h.evse.reserve(-1))).isTrue();
    assertThat(h.await(h.evse.reserve(-1))).isTrue();
    assertThat(h.await(h.evse.reserve(9))).isTrue();
    assertThat(h.eventNames()).containsExactly("ReservationStart", "ReservationStart", "ReservationStart");
  }

  @Test
  void reserveIsRejectedUnlessIdle() {
    Harness h = new Harness().started();
    h.cp(B);
    assertThat(h.await(h.evse.reserve(5))).isFalse();
  }

  @Test
  void cancelPublishesReservationEndOnlyWhenReserved() {
    Harness h = new Harness().started();
    h.await(h.evse.cancelReservation());
    h.await(h.evse.reserve(5));
    h.await(h.evse.cancelReservation());
    assertThat(h.eventNames()).containsExactly("ReservationStart", "ReservationEnd");
  }

  @Test
  void matchingTokenConsumesTheReservationSilently() {
    Harness h = new Harness().started();
    h.await(h.evse.reserve(5));
    h.cp(B);
    h.await(h.evse.authorizeResponse(Harness.token("CARD1"),
        Harness.result(AuthorizationStatus.Accepted, Optional.of(5))));
    assertThat(h.eventNames()).containsExactly("ReservationStart", "SessionStarted", "AuthRequired",
        "Authorized", "TransactionStarted", "PrepareCharging");
    assertThat(h.events.get(1).sessionStarted().get().reservationId()).contains(5);
    assertThat(h.events.get(4).transactionStarted().get().reservationId()).contains(5);
    h.await(h.evse.cancelReservation());
    assertThat(h.eventNames()).doesNotContain("ReservationEnd");
  }

  @Test
  void nonMatchingResultLeavesTheReservation() {
    Harness h = new Harness().started();
    h.await(h.evse.reserve(5));
    h.cp(B);
    h.await(h.evse.authorizeResponse(Harness.token("OTHER"),
        Harness.result(AuthorizationStatus.NotAtThisTime, Optional.empty())));
    assertThat(h.state()).isEqualTo(ChargerState.WaitingForAuthentication);
    h.await(h.evse.cancelReservation());
    assertThat(h.eventNames()).endsWith("ReservationEnd");
  }
}
