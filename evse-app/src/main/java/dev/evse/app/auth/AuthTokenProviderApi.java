package dev.evse.app.auth;

import dev.evse.api.types.ProvidedIdToken;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.ApiTopics;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.mqtt.internal.CommunicationCheck;
import dev.evse.mqtt.internal.Payloads;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EVerest side of {@code auth_token_provider} for one external token provider (an RFID
 * reader, a backend, ...) under {@code <prefix>everest_api/1/auth_token_provider/<module_id>/}.
 *
 * <ul>
 *   <li>m2e {@code provided_token}: a bare {@code ProvidedIdToken} (no envelope, no reply), handed
 *       to the receiver (Auth's {@code onTokenProvided}). A message that does not decode (not
 *       JSON, {@code id_token} or {@code authorization_type} missing, an unknown enum value, a
 *       value out of range) is logged with its topic and dropped; nothing reaches Auth.
 *   <li>m2e {@code communication_check}, e2m {@code heartbeat} as every API; a lost provider
 *       raises {@code generic/CommunicationFault} on the bridge only (logged).
 * </ul>
 */
public final class AuthTokenProviderApi extends ApiEndpoint {
  public static final String API_TYPE = "auth_token_provider";
  private static final Logger LOG = LoggerFactory.getLogger(AuthTokenProviderApi.class);

  private final ApiOptions options;
  private final Consumer<ProvidedIdToken> receiver;
  private final CommunicationCheck commCheck;

  public AuthTokenProviderApi(MqttConnection mqtt, String prefix, String moduleId, ApiOptions options,
      Consumer<ProvidedIdToken> receiver) {
    super(mqtt, new ApiTopics(prefix, API_TYPE, moduleId), LOG);
    this.options = Objects.requireNonNull(options, "options");
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.commCheck = new CommunicationCheck(mqtt.timers(), options.communicationCheckTimeoutMs(),
        new LoggedCommunicationFault(LOG, topics));
  }

  /** Subscribes, starts heartbeat and communication check; completes when subscribed. */
  public CompletableFuture<Void> start() {
    on(topics.m2e("provided_token"), (t, text) -> {
      ProvidedIdToken token = Payloads.decode(text, ProvidedIdToken.class);
      commCheck.alive();
      LOG.debug("{}: provided_token {} ({})", topics, token.idToken().value(), token.authorizationType());
      receiver.accept(token);
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

  @Override
  protected void onClose() {
    commCheck.stop();
  }
}
