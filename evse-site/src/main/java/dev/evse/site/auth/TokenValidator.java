package dev.evse.site.auth;

import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.ValidationResult;
import java.util.concurrent.CompletionStage;

/**
 * A token validator (EVerest's {@code auth_token_validator}, command {@code validate_token}):
 * a local list, an OCPP backend, an external client over MQTT. Auth asks every validator, one
 * after the other, in the order they were added.
 *
 * <p>{@link #validateToken} must return at once; the stage may complete on any thread. A stage
 * that fails (or a call that throws) counts as {@code Unknown}; one that does not complete within
 * the validator's reply timeout (see {@link Auth#addValidator(TokenValidator, int)}) counts as
 * {@code Invalid}, and its late answer is ignored. Later changes of a result (EVerest's {@code
 * validate_result_update}) go to {@link Auth#onValidateResultUpdate}.
 */
@FunctionalInterface
public interface TokenValidator {

  CompletionStage<ValidationResult> validateToken(ProvidedIdToken providedToken);
}
