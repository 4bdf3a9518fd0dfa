package dev.evse.site.auth;

import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.ValidationResult;
import dev.evse.core.runtime.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A validator answering from a fixed allow-list. A token not on the list is {@code Invalid}; an
 * entry past its {@code expiry_time} is {@code Expired}; otherwise the entry's status (default
 * {@code Accepted}) with its parent id token (type {@code Central}), expiry time and
 * {@code evse_ids}. Answers at once.
 */
public final class LocalTokenList implements TokenValidator {
  /** The {@code IdTokenType} given to the parent id tokens of the list. */
  public static final IdTokenType PARENT_TYPE = IdTokenType.Central;

  private final List<LocalToken> entries;
  private final Clock clock;

  public LocalTokenList(List<LocalToken> entries, Clock clock) {
    this.entries = List.copyOf(entries);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CompletionStage<ValidationResult> validateToken(ProvidedIdToken providedToken) {
    return CompletableFuture.completedFuture(lookup(providedToken.idToken()));
  }

  /** The answer for {@code token}. */
  public ValidationResult lookup(IdToken token) {
    for (LocalToken e : entries) {
      if (!e.idToken().equalsIgnoreCase(token.value())) {
        continue;
      }
      if (e.type().isPresent() && e.type().get() != token.type()) {
        continue;
      }
      AuthorizationStatus status = e.authorizationStatus().orElse(AuthorizationStatus.Accepted);
      if (e.expiryTime().isPresent()) {
        Instant expiry = Rfc3339.parse(e.expiryTime().get());
        if (!clock.wallTime().isBefore(expiry)) {
          status = AuthorizationStatus.Expired;
        }
      }
      return new ValidationResult(status, Optional.empty(), List.of(), e.expiryTime(),
          e.parentIdToken().map(p -> IdToken.of(p, PARENT_TYPE)), e.evseIds(), Optional.empty(),
          Optional.empty());
    }
    return ValidationResult.of(AuthorizationStatus.Invalid);
  }
}
