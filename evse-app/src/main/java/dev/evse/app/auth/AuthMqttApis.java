package dev.evse.app.auth;

import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.internal.ApiEndpoint;
import dev.evse.site.auth.Auth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EVerest's auth family over MQTT for one {@link Auth} on one connection: an {@link
 * AuthTokenProviderApi} per provider module id (tokens go to {@code auth.onTokenProvided}), an
 * {@link AuthTokenValidatorApi} per validator module id (added to Auth as validators, in the
 * configured order, after {@code local_tokens}) and, unless switched off, the served {@link
 * AuthConsumerApi} ({@code token_validation_status}, {@code withdraw_authorization}).
 *
 * <pre>{@code
 * AuthMqttApis apis = AuthMqttApis.attach(mqtt, auth, options, prefix, ApiOptions.defaults());
 * apis.start().get(10, SECONDS);   // subscriptions made
 * auth.start();
 * ...
 * apis.close();
 * }</pre>
 *
 * Attach before {@code auth.start()} so that no token status is missed.
 */
public final class AuthMqttApis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuthMqttApis.class);

  private final List<AuthTokenProviderApi> providers = new ArrayList<>();
  private final List<AuthTokenValidatorApi> validators = new ArrayList<>();
  private final AuthConsumerApi consumer;
  private final List<ApiEndpoint> all = new ArrayList<>();

  private AuthMqttApis(MqttConnection mqtt, Auth auth, AuthApiOptions options, String prefix, ApiOptions api) {
    for (String id : options.tokenProviders()) {
      AuthTokenProviderApi p = new AuthTokenProviderApi(mqtt, prefix, id, api, auth::onTokenProvided);
      providers.add(p);
      all.add(p);
    }
    for (String id : options.tokenValidators()) {
      AuthTokenValidatorApi v = new AuthTokenValidatorApi(mqtt, prefix, id, api, options.requestReplyToS(),
          auth::onValidateResultUpdate);
      validators.add(v);
      all.add(v);
    }
    if (options.servesConsumer()) {
      consumer = new AuthConsumerApi(mqtt, prefix, options.consumer(), api, auth::withdrawAuthorization);
      all.add(consumer);
    } else {
      consumer = null;
    }
  }

  /**
   * Creates the bridges and wires them to {@code auth}: validators are added, the consumer
   * becomes a status listener. Nothing is subscribed before {@link #start()}.
   *
   * @param connectionPrefix the prefix of the connection's other APIs, used unless {@code
   *     options.topic_prefix} is set
   * @throws IllegalArgumentException if {@code options} has problems ({@link AuthApiOptions#problems()})
   */
  public static AuthMqttApis attach(MqttConnection mqtt, Auth auth, AuthApiOptions options, String connectionPrefix,
      ApiOptions api) {
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(api, "api");
    options = Objects.requireNonNull(options, "options").validated();
    AuthMqttApis apis = new AuthMqttApis(mqtt, auth, options, options.prefixOr(connectionPrefix), api);
    for (AuthTokenValidatorApi v : apis.validators) {
      auth.addValidator(v, v.requestReplyToS());
    }
    if (apis.consumer != null) {
      auth.addStatusListener(apis.consumer.statusListener());
    }
    return apis;
  }

  /** Subscribes every bridge and starts their heartbeats and checks; completes when subscribed. */
  public CompletableFuture<Void> start() {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    providers.forEach(p -> ready.add(p.start()));
    validators.forEach(v -> ready.add(v.start()));
    if (consumer != null) {
      ready.add(consumer.start());
    }
    all.forEach(e -> LOG.info("auth API {}/...", e.topics()));
    return CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new));
  }

  public List<AuthTokenProviderApi> providers() {
    return List.copyOf(providers);
  }

  public List<AuthTokenValidatorApi> validators() {
    return List.copyOf(validators);
  }

  public Optional<AuthConsumerApi> consumer() {
    return Optional.ofNullable(consumer);
  }

  /** The base topic of every bridge ({@code <prefix>everest_api/1/<api>/<id>}), e.g. for a banner. */
  public List<String> baseTopics() {
    return all.stream().map(e -> e.topics().base()).toList();
  }

  /** Ends every bridge; open validator requests are answered {@code Invalid}. */
  @Override
  public void close() {
    for (ApiEndpoint e : all) {
      try {
        e.close();
      } catch (RuntimeException ex) {
        LOG.warn("closing {}: {}", e.topics(), ex.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "auth APIs " + baseTopics();
  }
}
