package dev.evse.site.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.ConnectorTypeEnum;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Validators (spec 5.6): order, failures, reply timeout, and the local allow-list. */
class ValidatorTest {

  private static FakeSite bare(java.util.function.Consumer<AuthConfig> configure) {
    return new FakeSite(List.of(List.of(ConnectorTypeEnum.cType2)), configure, ReservationStore.NONE, false);
  }

  @Test
  void everyValidatorIsAskedInOrderAndTheFirstAcceptedResultIsUsed() {
    try (FakeSite site = bare(c -> { })) {
      List<String> asked = new ArrayList<>();
      site.auth.addValidator(t -> {
        asked.add("first");
        return CompletableFuture.completedFuture(ValidationResult.of(AuthorizationStatus.Blocked));
      });
      site.auth.addValidator(t -> {
        asked.add("second");
        throw new IllegalStateException("backend down"); // counts as Unknown
      });
      site.auth.addValidator(t -> {
        asked.add("third");
        return CompletableFuture.completedFuture(ValidationResult.of(AuthorizationStatus.Accepted));
      });
      site.auth.addValidator(t -> {
        asked.add("fourth");
        return CompletableFuture.failedFuture(new RuntimeException("no"));
      });
      site.started();
      site.swipe("A");
      assertThat(asked).containsExactly("first", "second", "third", "fourth");
      assertThat(site.statusLog()).containsExactly("Processing A", "Accepted A", "UsedToStart A [1]");
    }
  }

  @Test
  void aValidatorThatDoesNotAnswerInTimeCountsAsInvalid() {
    try (FakeSite site = bare(c -> { })) {
      CompletableFuture<ValidationResult> never = new CompletableFuture<>();
      site.auth.addValidator(t -> never, 5);
      site.started();
      site.swipe("A");
      site.advanceSeconds(4.9);
      assertThat(site.statusLog()).containsExactly("Processing A");
      site.advanceSeconds(0.1);
      assertThat(site.statusLog()).containsExactly("Processing A", "Rejected A");
      never.complete(ValidationResult.of(AuthorizationStatus.Accepted)); // too late: ignored
      site.run();
      assertThat(site.statuses).hasSize(2);
      assertThat(site.evse(1).calls).isEmpty();
    }
  }

  @Test
  void afterATimeoutTheNextValidatorIsAsked() {
    try (FakeSite site = bare(c -> { })) {
      site.auth.addValidator(t -> new CompletableFuture<>(), 10);
      site.auth.addValidator(t -> CompletableFuture.completedFuture(ValidationResult.of(AuthorizationStatus.Accepted)));
      site.started();
      site.swipe("A");
      site.evse(1).emit(dev.evse.api.types.SessionEventEnum.Disabled); // meanwhile the EVSE goes away
      site.run();
      site.advanceSeconds(10);
      assertThat(site.statusLog()).containsExactly("Processing A", "Rejected A"); // later steps see the new state
    }
    try (FakeSite site = bare(c -> { })) {
      site.auth.addValidator(t -> new CompletableFuture<>(), 10);
      site.auth.addValidator(t -> CompletableFuture.completedFuture(ValidationResult.of(AuthorizationStatus.Accepted)));
      site.started();
      site.swipe("A");
      site.advanceSeconds(10);
      assertThat(site.statusLog()).containsExactly("Processing A", "Accepted A", "UsedToStart A [1]");
    }
  }

  @Test
  void localAllowList() {
    try (FakeSite site = bare(c -> {
      c.localTokens.add(LocalToken.accepted("OLD").withExpiry("2026-01-01T00:00:30Z"));
      c.localTokens.add(LocalToken.accepted("BLOCKED").withStatus(AuthorizationStatus.Blocked));
      c.localTokens.add(new LocalToken("MAC", java.util.Optional.of(IdTokenType.MacAddress), java.util.Optional.empty(),
          java.util.Optional.of("FLEET"), java.util.Optional.empty(), java.util.Optional.empty()));
    }).started()) {
      LocalTokenList list = new LocalTokenList(site.auth.config().localTokens, site.time.clock());
      assertThat(list.lookup(IdToken.of("old", IdTokenType.ISO14443)).authorizationStatus())
          .isEqualTo(AuthorizationStatus.Accepted);
      assertThat(list.lookup(IdToken.of("MAC", IdTokenType.ISO14443)).authorizationStatus())
          .isEqualTo(AuthorizationStatus.Invalid);
      ValidationResult mac = list.lookup(IdToken.of("mac", IdTokenType.MacAddress));
      assertThat(mac.parentIdToken()).contains(IdToken.of("FLEET", IdTokenType.Central));
      assertThat(list.lookup(IdToken.of("NOBODY", IdTokenType.ISO14443)).authorizationStatus())
          .isEqualTo(AuthorizationStatus.Invalid);

      site.swipe("BLOCKED");
      assertThat(site.takeStatusLog()).containsExactly("Processing BLOCKED", "Rejected BLOCKED");
      site.advanceSeconds(30);
      site.swipe("OLD");
      assertThat(site.takeStatusLog()).containsExactly("Processing OLD", "Rejected OLD");
      assertThat(list.lookup(IdToken.of("OLD", IdTokenType.ISO14443)).authorizationStatus())
          .isEqualTo(AuthorizationStatus.Expired);
    }
  }
}
