package dev.evse.app.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.TokenValidationStatusMessage;
import dev.evse.api.types.WithdrawAuthorizationRequest;
import dev.evse.api.types.WithdrawAuthorizationResult;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.BadInputLog;
import dev.evse.mqtt.internal.BadMessage;
import dev.evse.mqtt.internal.CommunicationCheck;
import dev.evse.mqtt.internal.Payloads;
import dev.evse.mqtt.internal.Request;
import dev.evse.mqtt.internal.TopicFilters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves EVerest's {@code auth_consumer} API for one Auth under
 * {@code <prefix>everest_api/1/auth_consumer/<module_id>/}.
 *
 * <ul>
 *   <li>m2e request {@code withdraw_authorization}: {@code {"headers":{"replyTo":T},
 *       "payload":WithdrawAuthorizationRequest}} ({@code {}} = every authorization); the bare
 *       result ({@code "Accepted"}, {@code "AuthorizationNotFound"}, {@code "EvseNotFound"}) is
 *       published to {@code <prefix>T}; without {@code replyTo} the command runs unanswered. A bad
 *       request (malformed JSON, missing payload, wrong types) changes nothing; it is logged and,
 *       with a usable {@code replyTo} and {@link ApiOptions#errorReplies()}, answered with
 *       {@code {"error":"<path>: <problem>"}}, as the project's other served APIs do.
 *   <li>e2m {@code token_validation_status}: every {@code TokenValidationStatusMessage} of Auth
 *       ({@link #statusListener()}), with {@code messages} always present (EVerest's form). An
 *       event, so nothing is re-published after a reconnect.
 *   <li>m2e {@code communication_check}, e2m {@code heartbeat}; a lost client raises {@code
 *       generic/CommunicationFault} on the bridge only (logged).
 * </ul>
 *
 * <p>The API has no other commands: {@code set_connection_timeout}, {@code
 * set_master_pass_group_id} and the reservation interface are not reachable over EVerest's MQTT
 * APIs (auth-behavior.md 10.1).
 */
public final class AuthConsumerApi extends ApiEndpoint {
  public static final String API_TYPE = "auth_consumer";
  private static final Logger LOG = LoggerFactory.getLogger(AuthConsumerApi.class);

  private final ApiOptions options;
  private final Function<WithdrawAuthorizationRequest, CompletableFuture<WithdrawAuthorizationResult>> withdraw;
  private final CommunicationCheck commCheck;

  /**
   * @param withdraw runs {@code withdraw_authorization} (Auth's {@code withdrawAuthorization})
   */
  public AuthConsumerApi(MqttConnection mqtt, String prefix, String moduleId, ApiOptions options,
      Function<WithdrawAuthorizationRequest, CompletableFuture<WithdrawAuthorizationResult>> withdraw) {
    super(mqtt, new ApiTopics(prefix, API_TYPE, moduleId), LOG);
    this.options = Objects.requireNonNull(options, "options");
    this.withdraw = Objects.requireNonNull(withdraw, "withdraw");
    this.commCheck = new CommunicationCheck(mqtt.timers(), options.communicationCheckTimeoutMs(),
        new LoggedCommunicationFault(LOG, topics));
  }

  /** The listener to register with {@code auth.addStatusListener}: publishes each message. */
  public Consumer<TokenValidationStatusMessage> statusListener() {
    return this::publishStatus;
  }

  /** Publishes one {@code e2m/token_validation_status}. */
  public void publishStatus(TokenValidationStatusMessage message) {
    TokenValidationStatusMessage m = message.messages().isPresent() ? message
        : new TokenValidationStatusMessage(message.token(), message.status(), Optional.of(List.of()));
    publishJson(topics.e2m("token_validation_status"), m);
  }

  /** Subscribes, starts heartbeat and communication check; completes when subscribed. */
  public CompletableFuture<Void> start() {
    on(topics.m2e("withdraw_authorization"), (topic, text) -> {
      Request req = Request.parse(text); // unanswerable if this fails
      if (req.wantsReply() && !TopicFilters.isValidTopicName(topics.replyTopic(req.replyTo()))) {
        throw new BadMessage("headers.replyTo: not a valid topic name: \"" + req.replyTo() + "\"");
      }
      WithdrawAuthorizationRequest args;
      try {
        args = Payloads.decode(req.requirePayload(), WithdrawAuthorizationRequest.class, "payload");
      } catch (BadMessage e) {
        reject(topic, req, e.getMessage());
        return;
      }
      commCheck.alive();
      CompletableFuture<WithdrawAuthorizationResult> result;
      try {
        result = withdraw.apply(args);
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      result.whenComplete((value, error) -> {
        if (error != null || value == null) {
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          reject(topic, req, "withdraw_authorization failed: " + (cause == null ? "no result" : cause.getMessage()));
        } else if (req.wantsReply()) {
          publish(topics.replyTopic(req.replyTo()), WireCodec.encode(value));
        }
      });
    });
    on(topics.m2e("communication_check"), (t, text) -> commCheck.check(Payloads.bool(text)));
    startHeartbeat(topics.e2m("heartbeat"), options.heartbeatIntervalMs());
    commCheck.start();
    return subscriptionsReady();
  }

  /** Whether {@code generic/CommunicationFault} is raised now (it does not affect Auth). */
  public boolean communicationFaultActive() {
    return commCheck.faultActive();
  }

  private void reject(String topic, Request req, String problem) {
    problem = BadInputLog.shorten(problem);
    badInput.reject(topic, problem);
    if (req.wantsReply() && options.errorReplies()) {
      ObjectNode error = JsonNodeFactory.instance.objectNode().put("error", problem);
      publish(topics.replyTopic(req.replyTo()), WireCodec.encode(error));
    }
  }

  @Override
  protected void onClose() {
    commCheck.stop();
  }
}
