package dev.evse.site.auth;

import dev.evse.api.EvseManagerCommands;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.core.runtime.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Auth's record of one EVSE (spec 3.1). Touched only on Auth's loop. */
final class EvseRecord {

  /** One connector: id, type (Unknown when not given) and state. */
  static final class ConnectorRecord {
    final int id;
    final ConnectorTypeEnum type;
    ConnectorState state = ConnectorState.Available;

    ConnectorRecord(int id, ConnectorTypeEnum type) {
      this.id = id;
      this.type = type;
    }
  }

  /** The authorization placed on the EVSE: the token as sent in the Accepted authorize_response. */
  record Identifier(
      IdToken idToken,
      AuthorizationType authorizationType,
      AuthorizationStatus status,
      Optional<String> expiryTime,
      Optional<IdToken> parentIdToken,
      ProvidedIdToken sentToken) {

    Identifier withUpdate(AuthorizationStatus newStatus, Optional<IdToken> newParent) {
      return new Identifier(idToken, authorizationType, newStatus, expiryTime, newParent, sentToken);
    }
  }

  enum TimerKind { NONE, AUTHORIZATION, PLUG_IN }

  final int evseId;
  final EvseManagerCommands commands;
  final List<ConnectorRecord> connectors = new ArrayList<>();
  Identifier identifier;
  boolean transactionActive;
  boolean pluggedIn;
  boolean plugInTimedOut;
  Cancellable timer = Cancellable.NONE;
  TimerKind timerKind = TimerKind.NONE;

  EvseRecord(int evseId, EvseManagerCommands commands) {
    this.evseId = evseId;
    this.commands = commands;
  }

  Optional<ConnectorRecord> connector(int id) {
    return connectors.stream().filter(c -> c.id == id).findFirst();
  }

  void stopTimer() {
    timer.cancel();
    timer = Cancellable.NONE;
    timerKind = TimerKind.NONE;
  }

  /** Every connector Unavailable or UnavailableFaulted (spec 3.3). */
  boolean unavailable() {
    return connectors.stream().allMatch(c -> c.state.unavailable());
  }

  boolean anyConnectorOccupied() {
    return connectors.stream().anyMatch(c -> c.state.occupied());
  }

  boolean anyConnectorAvailable() {
    return connectors.stream().anyMatch(c -> c.state == ConnectorState.Available);
  }

  /** May take a new authorization (spec 3.3, A5). */
  boolean available() {
    return !plugInTimedOut && identifier == null && !anyConnectorOccupied() && anyConnectorAvailable();
  }

  static boolean typesMatch(ConnectorTypeEnum a, ConnectorTypeEnum b) {
    return a == b || a == ConnectorTypeEnum.Unknown || b == ConnectorTypeEnum.Unknown;
  }

  boolean hasConnectorOfType(ConnectorTypeEnum t) {
    return connectors.stream().anyMatch(c -> typesMatch(c.type, t));
  }

  boolean hasAvailableConnectorOfType(ConnectorTypeEnum t) {
    return connectors.stream().anyMatch(c -> c.state == ConnectorState.Available && typesMatch(c.type, t));
  }

  /** Not plugged in and no Occupied/FaultedOccupied connector: could take a car (before types). */
  boolean couldTakeACar() {
    return !pluggedIn && !anyConnectorOccupied();
  }

  @Override
  public String toString() {
    return "EVSE " + evseId;
  }
}
