package dev.evse.site.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.ValidationResult;
import dev.evse.api.types.ValidationResultUpdate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Token handling rules of spec 5 against fake EVSEs. */
class TokenRulesTest {

  @Test
  void configNeedsAConnectionTimeoutAndAKnownAlgorithm() {
    AuthConfig none = new AuthConfig();
    assertThat(none.problems()).containsExactly("connection_timeout: mandatory option missing");
    AuthConfig user = AuthConfig.withConnectionTimeout(10);
    user.selectionAlgorithm = "UserInput";
    assertThat(user.problems()).hasSize(1).first().asString().startsWith("selection_algorithm: UserInput");
    try (var time = new dev.evse.core.runtime.VirtualTimeLoopGroup()) {
      assertThatThrownBy(() -> new Auth(time.newLoop("a"), user)).isInstanceOf(IllegalArgumentException.class);
    }
    AuthConfig defaults = AuthConfig.withConnectionTimeout(10);
    assertThat(defaults.selectionAlgorithm).isEqualTo("FindFirst");
    assertThat(defaults.masterPassGroupId).isEmpty();
    assertThat(defaults.prioritizeAuthorizationOverStoppingTransaction).isTrue();
    assertThat(defaults.ignoreConnectorFaults).isFalse();
    assertThat(defaults.plugInTimeoutEnabled).isFalse();
  }

  @Test
  void tokensBeforeStartAreDiscarded() {
    try (FakeSite site = new FakeSite(1, c -> { })) {
      site.accept("A");
      site.swipe("A");
      assertThat(site.statuses).isEmpty();
      site.started();
      site.swipe("A");
      assertThat(site.statusLog()).containsExactly("Processing A", "Accepted A", "UsedToStart A [1]");
    }
  }

  @Test
  void eventsBeforeStartAreReplayed() {
    try (FakeSite site = new FakeSite(2, c -> c.selectionAlgorithm = "PlugEvents")) {
      site.accept("A");
      site.evse(2).plugIn();
      site.run();
      site.started();
      site.swipe("A");
      assertThat(site.statusLog()).endsWith("UsedToStart A [2]");
    }
  }

  @Test
  void swipingAgainWhileWaitingOrAuthorizedIsIgnored() {
    try (FakeSite site = new FakeSite(2, c -> c.selectionAlgorithm = "PlugEvents").started()) {
      site.accept("A");
      site.swipe("A");
      site.swipe("a");
      assertThat(site.statusLog()).containsExactly("Processing A", "Accepted A");
      site.evse(1).plugIn();
      site.run();
      site.swipe("A"); // authorized, transaction not started: ignored
      assertThat(site.statusLog()).containsExactly("Processing A", "Accepted A", "UsedToStart A [1]");
      assertThat(site.validated).containsExactly("A");
    }
  }

  @Test
  void nothingAvailableIsRejectedWithoutValidation() {
    try (FakeSite site = new FakeSite(1, c -> { }).started()) {
      site.accept("A");
      site.accept("B");
      site.swipe("A");
      site.evse(1).emit(SessionEventEnum.TransactionStarted);
      site.run();
      site.swipe("B");
      assertThat(site.takeStatusLog()).endsWith("Processing B", "Rejected B");
      assertThat(site.validated).containsExactly("A");
      site.evse(1).emit(SessionEventEnum.TransactionFinished);
      site.evse(1).emit(SessionEventEnum.SessionFinished);
      site.evse(1).emit(SessionEventEnum.Disabled); // an unavailable EVSE is no candidate at all
      site.swipe("B");
      assertThat(site.takeStatusLog()).containsExactly("Processing B", "Rejected B");
      site.evse(1).emit(SessionEventEnum.Enabled);
      site.swipe("B");
      assertThat(site.takeStatusLog()).endsWith("UsedToStart B [1]");
    }
  }

  @Test
  void inoperativeEvseIsNotAvailableUnlessFaultsAreIgnored() {
    try (FakeSite site = new FakeSite(1, c -> { }).started()) {
      site.accept("A");
      site.evse(1).inoperative(true);
      site.swipe("A");
      assertThat(site.takeStatusLog()).containsExactly("Processing A", "Rejected A");
      site.evse(1).inoperative(false);
      site.swipe("A");
      assertThat(site.takeStatusLog()).endsWith("UsedToStart A [1]");
    }
    try (FakeSite site = new FakeSite(1, c -> c.ignoreConnectorFaults = true).started()) {
      site.accept("A");
      site.evse(1).inoperative(true);
      site.swipe("A");
      assertThat(site.takeStatusLog()).endsWith("UsedToStart A [1]");
    }
  }

  @Test
  void plugAndChargeRejectionIsReportedToTheNamedEvse() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      site.answers.put("EMAID1", ValidationResult.of(AuthorizationStatus.Blocked));
      site.present(FakeSite.token("EMAID1", AuthorizationType.PlugAndCharge, List.of(2, 7)));
      assertThat(site.statusLog()).containsExactly("Processing EMAID1 [2, 7]", "Rejected EMAID1 [2, 7]");
      assertThat(site.evse(2).takeCalls()).containsExactly("authorize_response EMAID1 Blocked");
      assertThat(site.evse(1).takeCalls()).isEmpty();
    }
  }

  @Test
  void aTokenNamingOneEvseIsAuthorizedThereAtOnce() {
    try (FakeSite site = new FakeSite(2, c -> c.selectionAlgorithm = "PlugEvents").started()) {
      site.accept("EMAID1");
      site.present(FakeSite.token("EMAID1", AuthorizationType.PlugAndCharge, List.of(2)));
      assertThat(site.statusLog()).containsExactly("Processing EMAID1 [2]", "Accepted EMAID1 [2]",
          "UsedToStart EMAID1 [2]");
      assertThat(site.evse(2).takeCalls()).containsExactly("authorize_response EMAID1 Accepted");
      // a Plug&Charge token presented again never stops; while authorized it is ignored
      site.present(FakeSite.token("EMAID1", AuthorizationType.PlugAndCharge, List.of(2)));
      assertThat(site.statuses).hasSize(3);
    }
  }

  @Test
  void evseIdsOfTheResultMustShareAnEvseWithTheCandidates() {
    try (FakeSite site = new FakeSite(2, c -> { }).started()) {
      site.answers.put("A", new ValidationResult(AuthorizationStatus.Accepted, Optional.empty(), List.of(),
          Optional.empty(), Optional.empty(), Optional.of(List.of(5)), Optional.empty(), Optional.empty()));
      site.present(FakeSite.token("A", AuthorizationType.OCPP, List.of(1)));
      assertThat(site.statusLog()).containsExactly("Processing A [1]", "Accepted A [1]", "Rejected A [1]");
      // notified in the loop (5.8) and again as the named EVSE (5.11)
      assertThat(site.evse(1).takeCalls()).containsExactly("authorize_response A NotAtThisLocation",
          "authorize_response A NotAtThisLocation");
    }
  }

  @Test
  void prevalidatedTokensSkipTheValidators() {
    try (FakeSite site = new FakeSite(1, c -> { }).started()) {
      ProvidedIdToken t = new ProvidedIdToken(Optional.empty(), IdToken.of("REMOTE", IdTokenType.Central),
          Optional.of(IdToken.of("GRP", IdTokenType.Central)), AuthorizationType.OCPP, Optional.empty(),
          Optional.of(true), Optional.empty(), Optional.empty());
      site.present(t);
      assertThat(site.statusLog()).containsExactly("Processing REMOTE", "Accepted REMOTE", "UsedToStart REMOTE [1]");
      assertThat(site.validated).isEmpty();
    }
  }

  @Test
  void groupCardOnAnAuthorizedButIdleEvseEndsSilently() {
    try (FakeSite site = new FakeSite(1, c -> c.prioritizeAuthorizationOverStoppingTransaction = false).started()) {
      site.accept("ANNA", "FAMILY");
      site.accept("BERT", "FAMILY");
      site.swipe("ANNA");
      site.swipe("BERT");
      assertThat(site.takeStatusLog()).containsExactly("Processing ANNA", "Accepted ANNA", "UsedToStart ANNA [1]",
          "Processing BERT");
      // A3: BERT was released: once ANNA charges, BERT stops it
      site.evse(1).emit(SessionEventEnum.TransactionStarted);
      site.swipe("BERT");
      assertThat(site.takeStatusLog()).containsExactly("Processing BERT", "UsedToStop BERT [1]");
      assertThat(site.evse(1).takeCalls()).endsWith("stop_transaction Local BERT");
    }
  }

  @Test
  void masterPassWithPriorityStopsOnlyWhenNothingIsFree() {
    try (FakeSite site = new FakeSite(2, c -> c.masterPassGroupId = "MASTER").started()) {
      site.accept("A");
      site.accept("COP", "master");
      site.swipe("A");
      site.evse(1).emit(SessionEventEnum.TransactionStarted);
      site.run();
      site.swipe("COP"); // EVSE 2 is free: 5.7 does not run, 5.8 rejects the master pass before Accepted
      assertThat(site.takeStatusLog()).endsWith("UsedToStart A [1]", "Processing COP", "Rejected COP");
      assertThat(site.evse(1).takeCalls()).doesNotContain("stop_transaction MasterPass COP");
      // the master pass group can be changed at run time
      site.await(site.auth.setMasterPassGroupId(""));
      site.swipe("COP");
      assertThat(site.takeStatusLog()).endsWith("UsedToStart COP [2]");
    }
  }

  @Test
  void validateResultUpdateReplacesTheParentOfAPlacedAuthorization() {
    try (FakeSite site = new FakeSite(1, c -> { }).started()) {
      site.accept("A");
      site.accept("B", "NEWGROUP");
      site.swipe("A");
      site.evse(1).emit(SessionEventEnum.TransactionStarted);
      site.takeStatusLog();
      site.auth.onValidateResultUpdate(new ValidationResultUpdate(new ValidationResult(AuthorizationStatus.Accepted,
          Optional.empty(), List.of(), Optional.empty(), Optional.of(IdToken.of("NEWGROUP", IdTokenType.Central)),
          Optional.empty(), Optional.empty(), Optional.empty()), 1));
      site.auth.onValidateResultUpdate(new ValidationResultUpdate(ValidationResult.of(AuthorizationStatus.Blocked), 9));
      site.run();
      assertThat(site.takeStatusLog()).containsExactly("Accepted A [1]");
      site.swipe("NEWGROUP"); // RFID with the stored parent id as value: stops
      assertThat(site.takeStatusLog()).containsExactly("Processing NEWGROUP", "UsedToStop NEWGROUP [1]");
    }
  }

  @Test
  void withdrawRemovesPlacedAuthorizationsAndWaitingTokens() {
    try (FakeSite site = new FakeSite(2, c -> c.selectionAlgorithm = "PlugEvents").started()) {
      site.accept("A");
      site.accept("B");
      var none = site.auth.withdrawAuthorization(new dev.evse.api.types.WithdrawAuthorizationRequest(
          Optional.empty(), Optional.empty()));
      assertThat(site.await(none)).isEqualTo(dev.evse.api.types.WithdrawAuthorizationResult.AuthorizationNotFound);
      var unknown = site.auth.withdrawAuthorization(new dev.evse.api.types.WithdrawAuthorizationRequest(
          Optional.of(9), Optional.empty()));
      assertThat(site.await(unknown)).isEqualTo(dev.evse.api.types.WithdrawAuthorizationResult.EvseNotFound);

      site.swipe("A"); // waits for a plug-in
      var waiting = site.auth.withdrawAuthorization(new dev.evse.api.types.WithdrawAuthorizationRequest(
          Optional.empty(), Optional.of(IdToken.of("a", IdTokenType.ISO14443))));
      assertThat(site.await(waiting)).isEqualTo(dev.evse.api.types.WithdrawAuthorizationResult.Accepted);
      assertThat(site.takeStatusLog()).containsExactly("Processing A", "Accepted A", "Withdrawn A");
      // A2: the request is over; the next token is not withdrawn
      site.swipe("A");
      site.evse(2).plugIn();
      site.run();
      assertThat(site.takeStatusLog()).endsWith("UsedToStart A [2]");

      // placed, no transaction: withdraw_authorization; transaction: stop DeAuthorized
      site.evse(1).plugIn();
      site.swipe("B");
      site.evse(1).emit(SessionEventEnum.TransactionStarted);
      site.evse(1).takeCalls();
      site.evse(2).takeCalls();
      var all = site.auth.withdrawAuthorization(new dev.evse.api.types.WithdrawAuthorizationRequest(
          Optional.empty(), Optional.empty()));
      assertThat(site.await(all)).isEqualTo(dev.evse.api.types.WithdrawAuthorizationResult.Accepted);
      assertThat(site.evse(1).takeCalls()).containsExactly("stop_transaction DeAuthorized");
      assertThat(site.evse(2).takeCalls()).containsExactly("withdraw_authorization");
    }
  }

  @Test
  void connectionTimeoutCanBeChangedAtRunTime() {
    try (FakeSite site = new FakeSite(1, c -> { }).started()) {
      site.accept("A");
      assertThat(site.auth.setConnectionTimeout(5)).isCompletedExceptionally();
      site.await(site.auth.setConnectionTimeout(10));
      site.swipe("A");
      site.advanceSeconds(10);
      assertThat(site.statusLog()).endsWith("UsedToStart A [1]", "TimedOut A [1]");
      assertThat(site.evse(1).takeCalls()).endsWith("withdraw_authorization");
    }
  }

  @Test
  void waitingTokensGetPlugInsInTheOrderTheyStartedWaiting() {
    try (FakeSite site = new FakeSite(3, c -> c.selectionAlgorithm = "PlugEvents").started()) {
      site.accept("A");
      site.accept("B");
      site.swipe("A");
      site.advanceSeconds(10);
      site.swipe("B");
      site.evse(3).plugIn();
      site.run();
      assertThat(site.takeStatusLog()).containsExactly("Processing A", "Accepted A", "Processing B", "Accepted B",
          "UsedToStart A [3]");
      site.advanceSeconds(15);
      site.evse(1).plugIn();
      site.run();
      assertThat(site.takeStatusLog()).containsExactly("UsedToStart B [1]");
      assertThat(site.evse(2).calls).isEmpty();
    }
  }

  @Test
  void withdrawWaitsForAHandlingStillBeingValidatedThenRemovesItsAuthorization() {
    try (FakeSite site = new FakeSite(List.of(List.of(dev.evse.api.types.ConnectorTypeEnum.cType2)), c -> { },
        ReservationStore.NONE, false)) {
      java.util.concurrent.CompletableFuture<ValidationResult> answer = new java.util.concurrent.CompletableFuture<>();
      site.auth.addValidator(t -> answer);
      site.started();
      site.swipe("A");
      var withdraw = site.auth.withdrawAuthorization(new dev.evse.api.types.WithdrawAuthorizationRequest(
          Optional.of(1), Optional.empty()));
      site.run();
      assertThat(withdraw).isNotDone();
      answer.complete(ValidationResult.of(AuthorizationStatus.Accepted));
      assertThat(site.await(withdraw)).isEqualTo(dev.evse.api.types.WithdrawAuthorizationResult.Accepted);
      assertThat(site.statusLog()).containsExactly("Processing A", "Accepted A", "UsedToStart A [1]");
      assertThat(site.evse(1).takeCalls()).containsExactly("authorize_response A Accepted", "withdraw_authorization");
    }
  }
}
