package dev.evse.site.auth;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where Auth keeps its reservations across restarts (EVerest: the optional {@code kvs}
 * connection, key {@code reservation_<module id>}). Both methods are called on Auth's loop and
 * must not block: hand slow work to another thread.
 */
public interface ReservationStore {

  /** No persistence: nothing is loaded, nothing is written. */
  ReservationStore NONE = new ReservationStore() {
    @Override
    public CompletionStage<List<StoredReservation>> load() {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public void save(List<StoredReservation> reservations) {}
  };

  /** The list written last (empty when none); read once at start-up. */
  CompletionStage<List<StoredReservation>> load();

  /** Replaces the stored list; called after every change, the empty list included. */
  void save(List<StoredReservation> reservations);
}
