package dev.evse.site.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnableSource;
import dev.evse.api.types.EnableState;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.WithdrawAuthorizationRequest;
import dev.evse.api.types.WithdrawAuthorizationResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reservations and withdraw with real kernels on simulated hardware. */
class KernelReservationTest {

  private static String in(KernelSite site, int seconds) {
    return Rfc3339.format(site.time.clock().wallTime().plusSeconds(seconds));
  }

  @Test
  void evseReservationIsUsedByItsOwnerOnly() {
    try (KernelSite site = new KernelSite(1, c -> {
      c.localTokens.add(LocalToken.accepted("OWNER"));
      c.localTokens.add(LocalToken.accepted("WALKIN"));
    }).started()) {
      KernelSite.Station s = site.station(1);
      assertThat(site.await(site.auth.reserveNow(Reservation.forEvse(1, 5, "OWNER", in(site, 600)))))
          .isEqualTo(ReservationResult.Accepted);
      assertThat(s.eventNames()).endsWith("ReservationStart");
      s.plugInAndCharge();
      site.advanceSeconds(3);
      assertThat(s.last("SessionStarted").orElseThrow().sessionStarted().orElseThrow().reservationId()).contains(5);

      site.swipe("WALKIN");
      site.advanceSeconds(3);
      assertThat(site.statusLog()).containsExactly("Processing WALKIN", "Rejected WALKIN");
      assertThat(s.eventNames()).doesNotContain("Authorized");

      site.swipe("OWNER");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("UsedToStart OWNER [1]");
      assertThat(s.last("TransactionStarted").orElseThrow().transactionStarted().orElseThrow().reservationId())
          .contains(5);
      assertThat(s.eventNames()).contains("ChargingStarted").doesNotContain("ReservationEnd");
      assertThat(site.updates).extracting(ReservationUpdateStatus::reservationStatus)
          .containsExactly(ReservationStatus.Placed);
    }
  }

  @Test
  void globalReservationBlocksTheLastFreeEvseUntilItsOwnerComes() {
    try (KernelSite site = new KernelSite(2, c -> {
      c.localTokens.add(LocalToken.accepted("OWNER"));
      c.localTokens.add(LocalToken.accepted("W1"));
      c.localTokens.add(LocalToken.accepted("W2"));
    }).started()) {
      assertThat(site.await(site.auth.reserveNow(Reservation.global(7, "OWNER", in(site, 600)))))
          .isEqualTo(ReservationResult.Accepted);
      site.station(1).plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("W1");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("UsedToStart W1 [1]");
      assertThat(site.station(2).eventNames()).endsWith("ReservationStart"); // reserve(-1)

      site.station(2).plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("W2");
      site.advanceSeconds(3);
      // with a car plugged in at EVSE 2 no EVSE has room for a walk-in: rejected before validation
      assertThat(site.statusLog()).endsWith("Processing W2", "Rejected W2");
      assertThat(site.station(2).eventNames()).doesNotContain("Authorized");
      site.swipe("OWNER");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("UsedToStart OWNER [2]");
      assertThat(site.station(2).last("TransactionStarted").orElseThrow().transactionStarted().orElseThrow()
          .reservationId()).contains(7);
      assertThat(site.await(site.auth.reservations())).isEmpty();
    }
  }

  @Test
  void expiryAndCancelEndTheKernelsReservation() {
    try (KernelSite site = new KernelSite(2, c -> { }).started()) {
      site.await(site.auth.reserveNow(Reservation.forEvse(1, 5, "A", in(site, 60))));
      site.await(site.auth.reserveNow(Reservation.forEvse(2, 6, "B", in(site, 600))));
      site.advanceSeconds(61);
      assertThat(site.station(1).eventNames()).endsWith("ReservationStart", "ReservationEnd");
      assertThat(site.await(site.auth.cancelReservation(6))).isTrue();
      assertThat(site.station(2).eventNames()).endsWith("ReservationStart", "ReservationEnd");
      assertThat(site.updates).extracting(u -> u.reservationStatus() + " " + u.reservationId())
          .containsExactly("Placed 5", "Placed 6", "Expired 5");
    }
  }

  @Test
  void disablingTheEvseEndsItsReservation() {
    try (KernelSite site = new KernelSite(1, c -> { }).started()) {
      site.await(site.auth.reserveNow(Reservation.forEvse(1, 5, "A", in(site, 600))));
      site.station(1).evse.enableDisable(0, new EnableDisableSource(EnableSource.LocalAPI, EnableState.Disable, 100));
      site.advanceSeconds(1);
      assertThat(site.updates).extracting(u -> u.reservationStatus() + " " + u.reservationId())
          .containsExactly("Placed 5", "Removed 5");
      assertThat(site.await(site.auth.reserveNow(Reservation.forEvse(1, 6, "A", in(site, 600)))))
          .isEqualTo(ReservationResult.Unavailable);
    }
  }

  @Test
  void withdrawDuringATransactionStopsItDeAuthorized() {
    try (KernelSite site = new KernelSite(1, c -> c.localTokens.add(LocalToken.accepted("A"))).started()) {
      KernelSite.Station s = site.station(1);
      s.plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("A");
      site.advanceSeconds(5);
      var result = site.auth.withdrawAuthorization(new WithdrawAuthorizationRequest(Optional.of(1),
          Optional.of(IdToken.of("A", IdTokenType.ISO14443))));
      site.advanceSeconds(5);
      assertThat(result.join()).isEqualTo(WithdrawAuthorizationResult.Accepted);
      assertThat(s.last("TransactionFinished").orElseThrow().transactionFinished().orElseThrow().reason())
          .contains(dev.evse.api.types.StopTransactionReason.DeAuthorized);
    }
  }
}
