package dev.evse.site.auth;

import dev.evse.api.EvseManagerCommands;
import dev.evse.api.EvseManagerListener;
import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.Connector;
import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnergyTransferMode;
import dev.evse.api.types.Evse;
import dev.evse.api.types.PlugAndChargeConfiguration;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.SessionStarted;
import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.api.types.UpdateAllowedEnergyTransferModesResult;
import dev.evse.api.types.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A thin EVSE manager for rule-level tests: records every command Auth sends as a short text and
 * lets the test emit session events and errors. Answers at once; {@code reserve} answers {@link
 * #reserveAnswer}.
 */
final class FakeEvse implements EvseManagerCommands {
  final int id;
  final List<ConnectorTypeEnum> types;
  final List<String> calls = new ArrayList<>();
  final List<Object[]> authorizations = new ArrayList<>();
  boolean reserveAnswer = true;
  EvseManagerListener auth;

  FakeEvse(int id, List<ConnectorTypeEnum> types) {
    this.id = id;
    this.types = List.copyOf(types);
  }

  @Override
  public CompletableFuture<Evse> getEvse() {
    List<Connector> connectors = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      connectors.add(new Connector(i + 1, Optional.of(types.get(i))));
    }
    return CompletableFuture.completedFuture(new Evse(id, connectors));
  }

  @Override
  public CompletableFuture<Boolean> enableDisable(int connectorId, EnableDisableSource cmdSource) {
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public CompletableFuture<Void> authorizeResponse(ProvidedIdToken token, ValidationResult result) {
    calls.add("authorize_response " + token.idToken().value() + " " + result.authorizationStatus()
        + result.reservationId().map(r -> " reservation " + r).orElse(""));
    authorizations.add(new Object[] {token, result});
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> withdrawAuthorization() {
    calls.add("withdraw_authorization");
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Boolean> reserve(int reservationId) {
    calls.add("reserve " + reservationId);
    return CompletableFuture.completedFuture(reserveAnswer);
  }

  @Override
  public CompletableFuture<Void> cancelReservation() {
    calls.add("cancel_reservation");
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Boolean> pauseCharging() {
    return CompletableFuture.completedFuture(false);
  }

  @Override
  public CompletableFuture<Boolean> resumeCharging() {
    return CompletableFuture.completedFuture(false);
  }

  @Override
  public CompletableFuture<Boolean> stopTransaction(StopTransactionRequest request) {
    calls.add("stop_transaction " + request.reason()
        + request.idTag().map(t -> " " + t.idToken().value()).orElse(""));
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public CompletableFuture<Boolean> forceUnlock(int connectorId) {
    return CompletableFuture.completedFuture(false);
  }

  @Override
  public CompletableFuture<Boolean> externalReadyToStartCharging() {
    return CompletableFuture.completedFuture(false);
  }

  @Override
  public CompletableFuture<Void> setPlugAndChargeConfiguration(PlugAndChargeConfiguration configuration) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<UpdateAllowedEnergyTransferModesResult> updateAllowedEnergyTransferModes(
      List<EnergyTransferMode> modes) {
    return CompletableFuture.completedFuture(UpdateAllowedEnergyTransferModesResult.NoHlc);
  }

  // ---------------------------------------------------------------- events to Auth

  void emit(SessionEventEnum kind) {
    auth.onSessionEvent(SessionEvent.of("s", "2026-01-01T00:00:00Z", kind));
  }

  void plugIn() {
    auth.onSessionEvent(new SessionEvent("s", "2026-01-01T00:00:00Z", Optional.empty(),
        SessionEventEnum.SessionStarted,
        Optional.of(new SessionStarted(StartSessionReason.EVConnected, Optional.empty(), Powermeter.of("2026-01-01T00:00:00Z", 0),
            Optional.empty(), Optional.empty(), Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()));
  }

  void inoperative(boolean raised) {
    RaisedError e = RaisedError.of(ErrorTypes.EVSE_MANAGER_INOPERATIVE, "", "", Severity.High);
    if (raised) {
      auth.onErrorRaised(e);
    } else {
      auth.onErrorCleared(e);
    }
  }

  List<String> takeCalls() {
    List<String> out = List.copyOf(calls);
    calls.clear();
    return out;
  }
}
