package dev.evse.app.auth;

import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.ValidationResult;
import dev.evse.api.types.ValidationResultUpdate;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.CommunicationCheck;
import dev.evse.mqtt.internal.Payloads;
import dev.evse.mqtt.internal.PendingRequests;
import dev.evse.site.auth.TokenValidator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EVerest side of {@code auth_token_validator} for one external validator under
 * {@code <prefix>everest_api/1/auth_token_validator/<module_id>/}, usable as Auth's
 * {@link TokenValidator}.
 *
 * <ul>
 *   <li>{@link #validateToken}: e2m request {@code validate_token}
 *       {@code {"headers":{"replyTo":"everest_api/1/auth_token_validator/<id>/m2e/reply/<uuid>"},
 *       "payload":ProvidedIdToken}}; the first reply on that topic that decodes as a bare
 *       {@code ValidationResult} ({@code authorization_status} and {@code tariff_messages}
 *       required) completes the stage. A reply that does not decode is logged and the request keeps
 *       waiting. The reply timeout is Auth's (register with {@code auth.addValidator(api,
 *       requestReplyToS)}): without an answer in time Auth counts {@code Invalid} and ignores the
 *       stage. The stage itself is only completed later as housekeeping ({@link #HOUSEKEEPING_MS}
 *       after that timeout, or at {@link #close()}), with {@code Invalid}, which Auth ignores.
 *   <li>m2e {@code validate_result_update}: a bare {@code ValidationResultUpdate}, handed to the
 *       receiver (Auth's {@code onValidateResultUpdate}); a bad one is logged and dropped.
 *   <li>m2e {@code communication_check}, e2m {@code heartbeat}; a lost validator raises
 *       {@code generic/CommunicationFault} on the bridge only (logged).
 * </ul>
 */
public final class AuthTokenValidatorApi extends ApiEndpoint implements TokenValidator {
  public static final String API_TYPE = "auth_token_validator";
  /** How long after Auth's reply timeout an unanswered request is forgotten. */
  public static final long HOUSEKEEPING_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(AuthTokenValidatorApi.class);

  private final ApiOptions options;
  private final int requestReplyToS;
  private final Consumer<ValidationResultUpdate> updates;
  private final CommunicationCheck commCheck;
  private final PendingRequests requests;

  /**
   * @param requestReplyToS Auth's reply timeout for this validator (1..550 s), the one given to
   *     {@code auth.addValidator}
   * @param updates receives {@code validate_result_update}
   */
  public AuthTokenValidatorApi(MqttConnection mqtt, String prefix, String moduleId, ApiOptions options,
      int requestReplyToS, Consumer<ValidationResultUpdate> updates) {
    super(mqtt, new ApiTopics(prefix, API_TYPE, moduleId), LOG);
    if (requestReplyToS < 1 || requestReplyToS > 550) {
      throw new IllegalArgumentException("request_reply_to_s " + requestReplyToS + " is outside 1..550");
    }
    this.options = Objects.requireNonNull(options, "options");
    this.requestReplyToS = requestReplyToS;
    this.updates = Objects.requireNonNull(updates, "updates");
    this.requests = new PendingRequests(mqtt, topics, badInput);
    this.commCheck = new CommunicationCheck(mqtt.timers(), options.communicationCheckTimeoutMs(),
        new LoggedCommunicationFault(LOG, topics));
  }

  /** The reply timeout to register this validator with ({@code auth.addValidator(api, s)}). */
  public int requestReplyToS() {
    return requestReplyToS;
  }

  /** Subscribes, starts heartbeat and communication check; completes when subscribed. */
  public CompletableFuture<Void> start() {
    on(topics.replyFilter(), (t, text) -> {
      requests.onReply(t, text);
      commCheck.alive();
    });
    on(topics.m2e("validate_result_update"), (t, text) -> {
      ValidationResultUpdate update = Payloads.decode(text, ValidationResultUpdate.class);
      commCheck.alive();
      updates.accept(update);
    });
    on(topics.m2e("communication_check"), (t, text) -> commCheck.check(Payloads.bool(text)));
    startHeartbeat(topics.e2m("heartbeat"), options.heartbeatIntervalMs());
    commCheck.start();
    return subscriptionsReady();
  }

  @Override
  public CompletionStage<ValidationResult> validateToken(ProvidedIdToken providedToken) {
    Objects.requireNonNull(providedToken, "providedToken");
    if (isClosed()) {
      return CompletableFuture.failedFuture(new IllegalStateException(topics + " is closed"));
    }
    return requests.send("validate_token", Optional.of(providedToken),
        n -> Payloads.decode(n, ValidationResult.class, ""),
        requestReplyToS * 1000L + HOUSEKEEPING_MS,
        () -> ValidationResult.of(AuthorizationStatus.Invalid));
  }

  /** How many {@code validate_token} requests wait for their reply. */
  public int openRequests() {
    return requests.open();
  }

  /** Whether {@code generic/CommunicationFault} is raised now (it does not affect Auth). */
  public boolean communicationFaultActive() {
    return commCheck.faultActive();
  }

  @Override
  protected void onClose() {
    commCheck.stop();
    requests.cancelAll();
  }

  @Override
  public String toString() {
    return "validator " + topics;
  }
}
