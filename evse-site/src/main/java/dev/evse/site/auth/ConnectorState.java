package dev.evse.site.auth;

/** Auth's view of one connector (spec 3.2). */
enum ConnectorState {
  Available,
  Unavailable,
  Faulted,
  Occupied,
  UnavailableFaulted,
  FaultedOccupied;

  /** The events that move a connector. */
  enum Event {
    Enable,
    Disable,
    Faulted,
    ErrorCleared,
    TransactionStarted,
    SessionFinished
  }

  /** The state after {@code event}; an event not listed for a state leaves it unchanged. */
  ConnectorState on(Event event) {
    return switch (this) {
      case Available -> switch (event) {
        case Disable -> Unavailable;
        case Faulted -> Faulted;
        case TransactionStarted -> Occupied;
        default -> this;
      };
      case Unavailable -> switch (event) {
        case Enable -> Available;
        case Faulted -> UnavailableFaulted;
        default -> this;
      };
      case Faulted -> switch (event) {
        case Disable -> UnavailableFaulted;
        case ErrorCleared -> Available;
        default -> this;
      };
      case Occupied -> switch (event) {
        case Faulted -> FaultedOccupied;
        case SessionFinished -> Available;
        default -> this;
      };
      case FaultedOccupied -> switch (event) {
        case ErrorCleared -> Occupied;
        case SessionFinished -> Faulted;
        default -> this;
      };
      case UnavailableFaulted -> switch (event) {
        case Enable -> Faulted;
        case ErrorCleared -> Unavailable;
        default -> this;
      };
    };
  }

  boolean occupied() {
    return this == Occupied || this == FaultedOccupied;
  }

  boolean unavailable() {
    return this == Unavailable || this == UnavailableFaulted;
  }

  boolean faulted() {
    return this == Faulted || this == UnavailableFaulted || this == FaultedOccupied;
  }
}
