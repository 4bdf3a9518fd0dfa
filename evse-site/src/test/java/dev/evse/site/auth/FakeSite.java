package dev.evse.site.auth;

import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.TokenValidationStatusMessage;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Auth with fake EVSEs and a scripted validator, in virtual time. */
final class FakeSite implements AutoCloseable {
  final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
  final Auth auth;
  final List<FakeEvse> evses = new ArrayList<>();
  final List<TokenValidationStatusMessage> statuses = new ArrayList<>();
  final List<ReservationUpdateStatus> updates = new ArrayList<>();
  final Map<String, ValidationResult> answers = new HashMap<>();
  final List<String> validated = new ArrayList<>();

  FakeSite(int evseCount, Consumer<AuthConfig> configure) {
    this(types(evseCount), configure, ReservationStore.NONE, true);
  }

  /**
   * @param connectorTypes per EVSE, its connectors' types
   * @param scriptedValidator add the validator answering from {@link #answers} (else none)
   */
  FakeSite(List<List<ConnectorTypeEnum>> connectorTypes, Consumer<AuthConfig> configure, ReservationStore store,
      boolean scriptedValidator) {
    AuthConfig config = AuthConfig.withConnectionTimeout(30);
    configure.accept(config);
    auth = new Auth(time.newLoop("auth"), config, store);
    auth.addStatusListener(statuses::add);
    auth.addReservationListener(updates::add);
    if (scriptedValidator) {
      auth.addValidator(token -> {
        validated.add(token.idToken().value());
        return CompletableFuture.completedFuture(
            answers.getOrDefault(token.idToken().value(), ValidationResult.of(AuthorizationStatus.Invalid)));
      });
    }
    for (int i = 0; i < connectorTypes.size(); i++) {
      FakeEvse e = new FakeEvse(i + 1, connectorTypes.get(i));
      e.auth = auth.addEvse(i + 1, e);
      evses.add(e);
    }
  }

  private static List<List<ConnectorTypeEnum>> types(int n) {
    List<List<ConnectorTypeEnum>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(List.of(ConnectorTypeEnum.cType2));
    }
    return out;
  }

  FakeSite started() {
    auth.start();
    time.runUntilIdle();
    return this;
  }

  FakeEvse evse(int id) {
    return evses.get(id - 1);
  }

  /** The validator accepts {@code value}, optionally in group {@code parent}. */
  void accept(String value, String parent) {
    answers.put(value, new ValidationResult(AuthorizationStatus.Accepted, Optional.empty(), List.of(),
        Optional.empty(), Optional.ofNullable(parent).map(p -> IdToken.of(p, IdTokenType.Central)),
        Optional.empty(), Optional.empty(), Optional.empty()));
  }

  void accept(String value) {
    accept(value, null);
  }

  void present(ProvidedIdToken token) {
    auth.onTokenProvided(token);
    time.runUntilIdle();
  }

  void swipe(String value) {
    present(KernelSite.rfid(value));
  }

  void run() {
    time.runUntilIdle();
  }

  void advanceSeconds(double s) {
    time.advanceBy((long) (s * 1000));
  }

  <T> T await(CompletableFuture<T> f) {
    time.runUntilIdle();
    return f.join();
  }

  static ProvidedIdToken token(String value, AuthorizationType type, List<Integer> connectors) {
    IdTokenType idType = type == AuthorizationType.RFID ? IdTokenType.ISO14443 : IdTokenType.eMAID;
    return new ProvidedIdToken(Optional.empty(), IdToken.of(value, idType), Optional.empty(), type,
        Optional.of(connectors), Optional.empty(), Optional.empty(), Optional.empty());
  }

  List<String> statusLog() {
    return statuses.stream().map(KernelSite::describe).toList();
  }

  List<String> takeStatusLog() {
    List<String> out = statusLog();
    statuses.clear();
    return out;
  }

  List<String> updateLog() {
    return updates.stream().map(u -> u.reservationStatus() + " " + u.reservationId()).toList();
  }

  @Override
  public void close() {
    time.close();
  }
}
