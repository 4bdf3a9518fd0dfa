package dev.evse.site.auth;

import static dev.evse.api.types.ConnectorTypeEnum.cCCS2;
import static dev.evse.api.types.ConnectorTypeEnum.cType2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.api.types.SessionEventEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Reservations (spec 9) and their effect on tokens (5.5, 5.8) against fake EVSEs. */
class ReservationRulesTest {

  private static String in(FakeSite site, int seconds) {
    return Rfc3339.format(site.time.clock().wallTime().plusSeconds(seconds));
  }

  private static ReservationResult reserve(FakeSite site, Reservation r) {
    return site.await(site.auth.reserveNow(r));
  }

  @Test
  void evseReservationAdmitsOnlyItsToken() {
    try (FakeSite site = new FakeSite(1, c -> { }).started()) {
      site.accept("OWNER");
      site.accept("WALKIN");
      assertThat(reserve(site, Reservation.forEvse(1, 5, "owner", in(site, 600)))).isEqualTo(ReservationResult.Accepted);
      assertThat(site.updateLog()).containsExactly("Placed 5");
      assertThat(site.evse(1).takeCalls()).containsExactly("reserve 5");

      site.swipe("WALKIN"); // no candidate passes the reservation pre-check: no validation
      assertThat(site.takeStatusLog()).containsExactly("Processing WALKIN", "Rejected WALKIN");
      assertThat(site.validated).isEmpty();

      site.swipe("OWNER");
      assertThat(site.takeStatusLog()).containsExactly("Processing OWNER", "Accepted OWNER", "UsedToStart OWNER [1]");
      // used: the EVSE learns the reservation id; no update, no cancel_reservation
      assertThat(site.evse(1).takeCalls()).containsExactly("authorize_response OWNER Accepted reservation 5");
      assertThat(site.updateLog()).containsExactly("Placed 5");
      assertThat(site.await(site.auth.reservations())).isEmpty();
    }
  }

  @Test
  void walkInSelectedForAnotherUsersEvseIsToldNotAtThisTime() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      site.accept("WALKIN");
      reserve(site, Reservation.forEvse(1, 5, "OWNER", in(site, 600)));
      site.evse(1).takeCalls();
      site.swipe("WALKIN"); // FindFirst takes the first available EVSE; reservations are checked after selection
      assertThat(site.statusLog()).containsExactly("Processing WALKIN", "Accepted WALKIN", "Rejected WALKIN");
      assertThat(site.evse(1).takeCalls()).containsExactly("authorize_response WALKIN NotAtThisTime");
      // after plugging in at EVSE 2, the plug-in queue selects EVSE 2
      site.evse(2).plugIn();
      site.swipe("WALKIN");
      assertThat(site.statusLog()).endsWith("UsedToStart WALKIN [2]");
    }
  }

  @Test
  void groupMemberUsesTheGroupsReservation() {
    try (FakeSite site = new FakeSite(1, c -> { }).started()) {
      site.accept("BERT", "FAMILY");
      site.accept("OTHER", "STRANGERS");
      reserve(site, Reservation.forEvse(1, 5, "ANNA", in(site, 600)).withParentIdToken("family"));
      site.evse(1).takeCalls();
      site.swipe("OTHER"); // passes the pre-check (the reservation has a group), fails after validation
      assertThat(site.takeStatusLog()).containsExactly("Processing OTHER", "Accepted OTHER", "Rejected OTHER");
      assertThat(site.evse(1).takeCalls()).containsExactly("authorize_response OTHER NotAtThisTime");
      site.swipe("BERT");
      assertThat(site.takeStatusLog()).endsWith("UsedToStart BERT [1]");
      assertThat(site.evse(1).takeCalls()).containsExactly("authorize_response BERT Accepted reservation 5");
    }
  }

  @Test
  void globalReservationKeepsTheLastFreeEvseForItsToken() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      site.accept("OWNER");
      site.accept("W1");
      site.accept("W2");
      assertThat(reserve(site, Reservation.global(7, "OWNER", in(site, 600)))).isEqualTo(ReservationResult.Accepted);
      assertThat(site.updateLog()).containsExactly("Placed 7");
      assertThat(site.evse(1).takeCalls()).isEmpty();
      assertThat(site.evse(2).takeCalls()).isEmpty();

      site.swipe("W1"); // one car at EVSE 1 still leaves EVSE 2 for the reservation
      assertThat(site.takeStatusLog()).endsWith("UsedToStart W1 [1]");
      site.evse(1).emit(SessionEventEnum.TransactionStarted);
      site.run();
      assertThat(site.evse(2).takeCalls()).containsExactly("reserve -1"); // blocked for the global reservation
      assertThat(site.updateLog()).containsExactly("Placed 7"); // A9

      // the pre-check passes through EVSE 1 (a car there still leaves EVSE 2 free), but the only
      // remaining candidate, EVSE 2, is the room of the global reservation
      site.swipe("W2");
      assertThat(site.takeStatusLog()).containsExactly("Processing W2", "Accepted W2", "Rejected W2");
      assertThat(site.evse(2).takeCalls()).containsExactly("authorize_response W2 NotAtThisTime");
      site.swipe("OWNER");
      assertThat(site.takeStatusLog()).endsWith("UsedToStart OWNER [2]");
      assertThat(site.evse(2).takeCalls()).containsExactly("authorize_response OWNER Accepted reservation 7");

      // W1 leaves: EVSE 1 free, no global reservation left; EVSE 2 leaves A (transaction), forgotten
      site.evse(1).takeCalls();
      site.evse(2).emit(SessionEventEnum.TransactionStarted);
      site.evse(1).emit(SessionEventEnum.TransactionFinished);
      site.evse(1).emit(SessionEventEnum.SessionFinished);
      site.run();
      assertThat(site.evse(1).takeCalls()).isEmpty();
      assertThat(site.evse(2).takeCalls()).isEmpty();
    }
  }

  @Test
  void blockedEvseIsReleasedWhenTheGlobalReservationEnds() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      reserve(site, Reservation.global(7, "OWNER", in(site, 600)));
      reserve(site, Reservation.global(8, "OTHER", in(site, 600)));
      assertThat(site.evse(1).takeCalls()).containsExactly("reserve -1");
      assertThat(site.evse(2).takeCalls()).containsExactly("reserve -1");
      assertThat(reserve(site, Reservation.global(9, "THIRD", in(site, 600)))).isEqualTo(ReservationResult.Occupied);
      assertThat(site.await(site.auth.cancelReservation(8))).isTrue();
      assertThat(site.await(site.auth.cancelReservation(8))).isFalse();
      assertThat(site.evse(1).takeCalls()).containsExactly("cancel_reservation");
      assertThat(site.evse(2).takeCalls()).containsExactly("cancel_reservation");
      assertThat(site.updateLog()).containsExactly("Placed 7", "Placed 8"); // cancel from outside: no update
    }
  }

  @Test
  void reservationsExpire() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      reserve(site, Reservation.forEvse(1, 5, "A", in(site, 60)));
      reserve(site, Reservation.global(6, "B", in(site, 90)));
      site.evse(1).takeCalls();
      site.advanceSeconds(59);
      assertThat(site.updateLog()).containsExactly("Placed 5", "Placed 6");
      site.advanceSeconds(1);
      assertThat(site.updateLog()).containsExactly("Placed 5", "Placed 6", "Expired 5");
      assertThat(site.evse(1).takeCalls()).containsExactly("cancel_reservation");
      site.advanceSeconds(30);
      assertThat(site.updateLog()).endsWith("Expired 6");
      assertThat(site.await(site.auth.cancelReservation(6))).isFalse();
    }
  }

  @Test
  void reserveNowAnswers() {
    try (FakeSite site = new FakeSite(List.of(List.of(cType2), List.of(cType2), List.of(cType2), List.of(cType2)),
        c -> { }, ReservationStore.NONE, true).started()) {
      assertThat(reserve(site, Reservation.forEvse(1, 1, "A", in(site, 0)))).isEqualTo(ReservationResult.Rejected);
      assertThat(reserve(site, Reservation.forEvse(0, 1, "A", in(site, 60)))).isEqualTo(ReservationResult.Rejected);
      assertThat(reserve(site, Reservation.forEvse(9, 1, "A", in(site, 60)))).isEqualTo(ReservationResult.Rejected);
      assertThat(reserve(site, Reservation.forEvse(1, 1, "A", in(site, 60)).withConnectorType(cCCS2)))
          .isEqualTo(ReservationResult.Rejected);
      assertThat(reserve(site, Reservation.forEvse(1, 1, "A", in(site, 60)))).isEqualTo(ReservationResult.Accepted);
      assertThat(reserve(site, Reservation.forEvse(1, 2, "B", in(site, 60)))).isEqualTo(ReservationResult.Occupied);

      site.evse(2).plugIn();
      assertThat(reserve(site, Reservation.forEvse(2, 3, "C", in(site, 60)))).isEqualTo(ReservationResult.Occupied);
      site.evse(3).inoperative(true);
      assertThat(reserve(site, Reservation.forEvse(3, 3, "C", in(site, 60)))).isEqualTo(ReservationResult.Faulted);
      site.evse(4).emit(SessionEventEnum.Disabled);
      assertThat(reserve(site, Reservation.forEvse(4, 3, "C", in(site, 60)))).isEqualTo(ReservationResult.Unavailable);
      assertThat(reserve(site, Reservation.global(3, "C", in(site, 60)).withConnectorType(cCCS2)))
          .isEqualTo(ReservationResult.Rejected);
      assertThat(reserve(site, Reservation.global(3, "C", in(site, 60)))).isEqualTo(ReservationResult.Occupied);
      assertThat(site.updateLog()).containsExactly("Placed 1");
    }
  }

  @Test
  void refusedReserveIsRejectedSilently() {
    try (FakeSite site = new FakeSite(1, c -> { }).started()) {
      site.evse(1).reserveAnswer = false;
      assertThat(reserve(site, Reservation.forEvse(1, 1, "A", in(site, 60)))).isEqualTo(ReservationResult.Rejected);
      assertThat(site.updates).isEmpty();
      assertThat(site.evse(1).takeCalls()).containsExactly("reserve 1");
      assertThat(site.await(site.auth.reservations())).isEmpty();
    }
  }

  @Test
  void globalReservationsMustStayFeasibleForAdversarialCars() {
    List<List<ConnectorTypeEnum>> evses = List.of(List.of(cCCS2), List.of(cCCS2, cType2), List.of(cCCS2, cType2));
    try (FakeSite site = new FakeSite(evses, c -> { }, ReservationStore.NONE, true).started()) {
      for (int id = 1; id <= 3; id++) {
        assertThat(reserve(site, Reservation.global(id, "T" + id, in(site, 60)).withConnectorType(cCCS2)))
            .isEqualTo(ReservationResult.Accepted);
      }
      assertThat(reserve(site, Reservation.global(4, "T4", in(site, 60)).withConnectorType(cCCS2)))
          .isEqualTo(ReservationResult.Occupied);
    }
    try (FakeSite site = new FakeSite(evses, c -> { }, ReservationStore.NONE, true).started()) {
      assertThat(reserve(site, Reservation.global(1, "A", in(site, 60)).withConnectorType(cType2)))
          .isEqualTo(ReservationResult.Accepted);
      assertThat(reserve(site, Reservation.global(2, "B", in(site, 60)).withConnectorType(cCCS2)))
          .isEqualTo(ReservationResult.Accepted);
      // two CCS2 cars could take both combined EVSEs
      assertThat(reserve(site, Reservation.global(3, "C", in(site, 60)).withConnectorType(cType2)))
          .isEqualTo(ReservationResult.Occupied);
      // a second CCS2 car too: with both combined EVSEs taken by CCS2 cars, the Type2 car is stranded
      assertThat(reserve(site, Reservation.global(3, "C", in(site, 60)).withConnectorType(cCCS2)))
          .isEqualTo(ReservationResult.Occupied);
    }
  }

  @Test
  void evseStateChangesRemoveReservationsThatCanNoLongerBeKept() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      reserve(site, Reservation.forEvse(1, 5, "A", in(site, 600)).withConnectorType(cType2));
      reserve(site, Reservation.forEvse(2, 6, "B", in(site, 600)));
      site.evse(1).takeCalls();
      site.evse(2).takeCalls();
      site.evse(1).inoperative(true); // its connector type matches: removed
      site.evse(2).inoperative(true); // no connector type: kept
      site.run();
      assertThat(site.updateLog()).containsExactly("Placed 5", "Placed 6", "Removed 5");
      assertThat(site.evse(1).takeCalls()).containsExactly("cancel_reservation");
      assertThat(site.evse(2).takeCalls()).isEmpty();
      site.evse(2).emit(SessionEventEnum.ReservationEnd); // the EVSE manager ended it
      site.run();
      assertThat(site.updateLog()).endsWith("Removed 6");
    }
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      reserve(site, Reservation.global(7, "A", in(site, 600)));
      reserve(site, Reservation.global(8, "B", in(site, 600)));
      site.evse(1).inoperative(true); // no room for two cars any more: the later one goes
      site.run();
      assertThat(site.updateLog()).containsExactly("Placed 7", "Placed 8", "Removed 8");
    }
  }

  @Test
  void reusingAnIdMovesTheReservation() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      reserve(site, Reservation.forEvse(1, 5, "A", in(site, 600)));
      site.evse(1).takeCalls();
      assertThat(reserve(site, Reservation.forEvse(2, 5, "A", in(site, 600)))).isEqualTo(ReservationResult.Accepted);
      assertThat(site.evse(1).takeCalls()).containsExactly("cancel_reservation"); // A8
      assertThat(site.evse(2).takeCalls()).containsExactly("reserve 5");
      assertThat(site.updateLog()).containsExactly("Placed 5", "Placed 5");
      assertThat(site.await(site.auth.reservations())).extracting(s -> s.evseId()).containsExactly(Optional.of(2));
    }
  }

  @Test
  void existsReservation() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      reserve(site, Reservation.forEvse(1, 5, "ANNA", in(site, 600)).withParentIdToken("FAMILY"));
      reserve(site, Reservation.global(6, "BERT", in(site, 600)));
      assertThat(exists(site, Optional.of(1), "anna", null)).isEqualTo(ReservationCheckStatus.ReservedForToken);
      assertThat(exists(site, Optional.of(1), "CARL", "family")).isEqualTo(ReservationCheckStatus.ReservedForToken);
      assertThat(exists(site, Optional.of(1), "CARL", null))
          .isEqualTo(ReservationCheckStatus.ReservedForOtherTokenAndHasParentToken);
      assertThat(exists(site, Optional.of(1), "CARL", "OTHERS")).isEqualTo(ReservationCheckStatus.ReservedForOtherToken);
      assertThat(exists(site, Optional.of(2), "ANNA", null)).isEqualTo(ReservationCheckStatus.NotReserved); // A4
      assertThat(exists(site, Optional.empty(), "BERT", null)).isEqualTo(ReservationCheckStatus.ReservedForToken);
      assertThat(exists(site, Optional.empty(), "ANNA", null)).isEqualTo(ReservationCheckStatus.NotReserved);
    }
  }

  private static ReservationCheckStatus exists(FakeSite site, Optional<Integer> evse, String token, String group) {
    return site.await(site.auth.existsReservation(new ReservationCheck(evse, token, Optional.ofNullable(group))));
  }

  /** Keeps what was saved; answers {@link #initial} at start-up. */
  private static final class RecordingStore implements ReservationStore {
    final List<StoredReservation> initial;
    final List<List<StoredReservation>> saved = new ArrayList<>();

    RecordingStore(List<StoredReservation> initial) {
      this.initial = initial;
    }

    @Override
    public CompletionStage<List<StoredReservation>> load() {
      return CompletableFuture.completedFuture(initial);
    }

    @Override
    public void save(List<StoredReservation> reservations) {
      saved.add(reservations);
    }
  }

  @Test
  void reservationsArePersistedAfterEveryChangeAndRestoredAtStartUp() {
    RecordingStore store = new RecordingStore(List.of());
    String expiry;
    try (FakeSite site = new FakeSite(List.of(List.of(cType2), List.of(cType2)), c -> { }, store, true).started()) {
      expiry = in(site, 600);
      reserve(site, Reservation.forEvse(1, 5, "A", expiry));
      reserve(site, Reservation.global(6, "B", expiry));
      site.await(site.auth.cancelReservation(5));
      site.await(site.auth.cancelReservation(6));
      assertThat(store.saved).extracting(List::size).containsExactly(0, 1, 2, 1, 0); // A6: empty list included
      assertThat(dev.evse.api.codec.WireCodec.encode(store.saved.get(2)))
          .isEqualTo("[{\"evse_id\":1,\"reservation\":{\"evse_id\":1,\"reservation_id\":5,\"id_token\":\"A\","
              + "\"expiry_time\":\"" + expiry + "\"}},{\"reservation\":{\"reservation_id\":6,\"id_token\":\"B\","
              + "\"expiry_time\":\"" + expiry + "\"}}]");
    }

    RecordingStore restored = new RecordingStore(List.of(
        new StoredReservation(Optional.of(1), Reservation.forEvse(1, 5, "A", "2026-01-01T00:10:00Z")),
        new StoredReservation(Optional.of(2), Reservation.forEvse(2, 7, "C", "2025-12-31T00:00:00Z")),
        new StoredReservation(Optional.empty(), Reservation.global(6, "B", "2026-01-01T00:10:00Z"))));
    try (FakeSite site = new FakeSite(List.of(List.of(cType2), List.of(cType2)), c -> { }, restored, true).started()) {
      assertThat(site.evse(1).takeCalls()).containsExactly("reserve 5"); // A7
      assertThat(site.evse(2).takeCalls()).containsExactly("cancel_reservation", "reserve -1");
      assertThat(site.updateLog()).containsExactly("Removed 7");
      assertThat(restored.saved.get(restored.saved.size() - 1)).extracting(s -> s.reservation().reservationId())
          .containsExactly(5, 6);
      site.accept("B");
      site.evse(2).plugIn();
      site.swipe("B");
      assertThat(site.statusLog()).endsWith("UsedToStart B [2]");
      assertThat(site.evse(2).takeCalls()).containsExactly("authorize_response B Accepted reservation 6");
    }
  }
}
