package dev.evse.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.ValidationResultUpdate;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.mqtt.ApiOptions;
import dev.evse.mqtt.EmbeddedBroker;
import dev.evse.mqtt.HiveMqConnection;
import dev.evse.mqtt.MqttConnection;
import dev.evse.mqtt.MqttSettings;
import dev.evse.site.auth.Auth;
import dev.evse.site.auth.AuthConfig;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Auth with its MQTT bridges on an embedded broker, an EVSE kernel on simulated hardware (built
 * as {@code SimulatedStation} builds it, without its car script and energy supply) in real
 * time, and a token provider, a validator and an auth consumer written from EVerest's AsyncAPI
 * files as plain MQTT clients (prefix {@code t1/}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthMqttApisTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PREFIX = "t1/";
  private static final String PROVIDER = PREFIX + "everest_api/1/auth_token_provider/rfid";
  private static final String VALIDATOR = PREFIX + "everest_api/1/auth_token_validator/csms";
  private static final String CONSUMER = PREFIX + "everest_api/1/auth_consumer/auth";
  private static final Set<String> ACCEPTED_TOKENS = Set.of("GOODCARD");

  private EmbeddedBroker broker;
  private MqttConnection evseSide;
  private MqttConnection clients;
  private RealTimeLoopGroup loops;
  private SimulatedHardware hardware;
  private EvseManager evse;
  private Auth auth;
  private AuthMqttApis apis;

  /** Every message the clients received, in arrival order. */
  private final List<Msg> received = new CopyOnWriteArrayList<>();
  /** The token values the validator client was asked about. */
  private final List<String> validated = new CopyOnWriteArrayList<>();
  private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

  record Msg(String topic, JsonNode body) {}

  @BeforeAll
  void startSite() throws Exception {
    broker = EmbeddedBroker.start(0);
    evseSide = HiveMqConnection.open(MqttSettings.localhost(broker.port()).withClientId("evse-manager"));
    clients = HiveMqConnection.open(MqttSettings.localhost(broker.port()).withClientId("auth-clients"));
    evseSide.connected().get(10, TimeUnit.SECONDS);
    clients.connected().get(10, TimeUnit.SECONDS);

    // the clients: a recorder of everything EVerest's side publishes, and the validator
    clients.subscribe(PREFIX + "everest_api/1/+/+/e2m/#", (t, p) -> received.add(new Msg(t, parse(p))))
        .ready().get(10, TimeUnit.SECONDS);
    clients.subscribe("t1/replies/#", (t, p) -> received.add(new Msg(t, parse(p)))).ready().get(10, TimeUnit.SECONDS);
    clients.subscribe(VALIDATOR + "/e2m/validate_token", (t, p) -> {
      JsonNode request = parse(p);
      String token = request.path("payload").path("id_token").path("value").asText();
      validated.add(token);
      String status = ACCEPTED_TOKENS.contains(token) ? "Accepted" : "Invalid";
      clients.publish(PREFIX + request.path("headers").path("replyTo").asText(),
          "{\"authorization_status\": \"" + status + "\", \"tariff_messages\": []}");
    }).ready().get(10, TimeUnit.SECONDS);

    // the EVSE on simulated hardware; its car waits for a token
    loops = new RealTimeLoopGroup();
    EvseConfig cfg = new EvseConfig();
    cfg.connectorId = 1;
    cfg.disableAuthentication = false;
    EventLoop evseLoop = loops.newLoop("evse-1");
    hardware = new SimulatedHardware(evseLoop, SimulationConfig.defaults());
    evse = EvseManager.builder(evseLoop, hardware.board()).config(cfg).connectorLock(hardware.lock())
        .powerMeter(hardware.meter()).random(new Random(1)).build();
    hardware.connect(evse, evse, evse);
    auth = new Auth(loops.newLoop("auth"), AuthConfig.withConnectionTimeout(30));
    auth.attach(evse);
    evse.addListener(new EvseManagerListener() {
      @Override
      public void onSessionEvent(SessionEvent event) {
        events.add(event);
      }
    });

    AuthApiOptions options = AuthApiOptions.defaults().withTokenProviders(List.of("rfid"))
        .withTokenValidators(List.of("csms")).withConsumer("auth").withRequestReplyToS(5);
    apis = AuthMqttApis.attach(evseSide, auth, options, PREFIX,
        ApiOptions.defaults().withHeartbeatIntervalMs(200).withCommunicationCheckTimeoutMs(5000));
    apis.start().get(10, TimeUnit.SECONDS);

    hardware.start();
    evse.start();
    evse.setMaxCurrent(32, 3_600_000).get(10, TimeUnit.SECONDS);
    auth.start();
  }

  @AfterAll
  void stopSite() throws Exception {
    if (apis != null) {
      apis.close();
    }
    if (hardware != null) {
      hardware.stop();
    }
    for (AutoCloseable c : new AutoCloseable[] {clients, evseSide, loops, broker}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  @Order(1)
  void heartbeatsAndCommunicationChecksOfEveryBridge() {
    for (String base : List.of(PROVIDER, VALIDATOR, CONSUMER)) {
      await().atMost(WAIT).until(() -> heartbeats(base).size() >= 3);
      List<Long> beats = heartbeats(base);
      assertThat(beats.get(0)).isZero();
      for (int i = 1; i < beats.size(); i++) {
        assertThat(beats.get(i)).isEqualTo(beats.get(i - 1) + 1);
      }
    }
    AuthTokenProviderApi provider = apis.providers().get(0);
    AuthTokenValidatorApi validator = apis.validators().get(0);
    AuthConsumerApi consumer = apis.consumer().orElseThrow();
    // the initial communication check error is raised until the client speaks
    assertThat(provider.communicationFaultActive()).isTrue();
    assertThat(validator.communicationFaultActive()).isTrue();
    assertThat(consumer.communicationFaultActive()).isTrue();
    for (String base : List.of(PROVIDER, VALIDATOR, CONSUMER)) {
      clients.publish(base + "/m2e/communication_check", "true");
    }
    await().atMost(WAIT).until(() -> !provider.communicationFaultActive()
        && !validator.communicationFaultActive() && !consumer.communicationFaultActive());
  }

  @Test
  @Order(2)
  void withdrawAuthorizationAnswersAndBadRequestsGetErrorReplies() {
    withdraw("{\"headers\":{\"replyTo\":\"replies/1\"},\"payload\":{\"evse_id\":9}}");
    withdraw("{\"headers\":{\"replyTo\":\"replies/2\"},\"payload\":{}}");
    withdraw("{\"headers\":{\"replyTo\":\"replies/3\"},\"payload\":{\"id_token\":{\"value\":\"X\",\"type\":\"Bogus\"}}}");
    withdraw("{\"headers\":{\"replyTo\":\"replies/4\"}}");
    withdraw("not json");
    await().atMost(WAIT).until(() -> reply("replies/4").isPresent());
    assertThat(reply("replies/1")).contains(JSON.getNodeFactory().textNode("EvseNotFound"));
    assertThat(reply("replies/2")).contains(JSON.getNodeFactory().textNode("AuthorizationNotFound"));
    assertThat(reply("replies/3").orElseThrow().path("error").asText())
        .startsWith("payload.id_token.type").contains("Bogus");
    assertThat(reply("replies/4").orElseThrow().path("error").asText()).isEqualTo("payload: required field missing");
    await().atMost(WAIT).until(() -> apis.consumer().orElseThrow().rejectedMessages() == 3);
  }

  @Test
  @Order(3)
  void tokensFromAProviderStartAndStopASessionAfterTheValidatorAccepts() {
    hardware.loop().post(() -> hardware.car().execute("iec_wait_pwr_ready;draw_power_regulated 16,3"));
    await().atMost(WAIT).until(() -> seen(SessionEventEnum.AuthRequired));

    // malformed tokens change nothing: the valid token sent after them is the first Auth sees
    provide("{\"id_token\":{\"value\":\"MALFORMED\",\"type\":\"ISO14443\"}}");
    provide("{\"id_token\":{\"value\":\"MALFORMED\",\"type\":\"Bogus\"},\"authorization_type\":\"RFID\"}");
    provide("{not json");
    // a token the validator answers Invalid
    provide(rfid("BADCARD"));
    await().atMost(WAIT).until(() -> statuses("BADCARD").contains("Rejected"));
    assertThat(statuses("BADCARD")).containsExactly("Processing", "Rejected");
    assertThat(validated).containsExactly("BADCARD");
    assertThat(statusTokens()).doesNotContain("MALFORMED");
    assertThat(apis.providers().get(0).rejectedMessages()).isEqualTo(3);
    assertThat(seen(SessionEventEnum.TransactionStarted)).isFalse();
    assertThat(seen(SessionEventEnum.Authorized)).isFalse();

    // the validator accepts: the session starts with that token
    provide(rfid("GOODCARD"));
    await().atMost(WAIT).until(() -> seen(SessionEventEnum.TransactionStarted));
    SessionEvent started = last(SessionEventEnum.TransactionStarted);
    assertThat(started.transactionStarted().orElseThrow().idTag().idToken().value()).isEqualTo("GOODCARD");
    await().atMost(WAIT).until(() -> statuses("GOODCARD").contains("UsedToStart"));
    assertThat(statuses("GOODCARD")).containsExactly("Processing", "Accepted", "UsedToStart");
    JsonNode usedToStart = statusMessages("GOODCARD").get(2);
    assertThat(usedToStart.path("token").path("connectors").toString()).isEqualTo("[1]");
    assertThat(usedToStart.path("messages").isArray()).isTrue();
    await().atMost(WAIT).until(() -> seen(SessionEventEnum.ChargingStarted));

    // the same card again stops it
    provide(rfid("GOODCARD"));
    await().atMost(WAIT).until(() -> seen(SessionEventEnum.TransactionFinished));
    assertThat(last(SessionEventEnum.TransactionFinished).transactionFinished().orElseThrow().reason())
        .contains(StopTransactionReason.Local);
    await().atMost(WAIT).until(() -> statuses("GOODCARD").contains("UsedToStop"));
    assertThat(statuses("GOODCARD")).containsExactly("Processing", "Accepted", "UsedToStart", "Processing", "UsedToStop");
    assertThat(validated).containsExactly("BADCARD", "GOODCARD");
    assertThat(apis.validators().get(0).openRequests()).isZero();
  }

  @Test
  @Order(4)
  void validatorRepliesThatDoNotDecodeKeepTheRequestOpenAndUpdatesReachTheReceiver() throws Exception {
    String base = PREFIX + "everest_api/1/auth_token_validator/slow";
    List<JsonNode> requests = new CopyOnWriteArrayList<>();
    clients.subscribe(base + "/e2m/validate_token", (t, p) -> requests.add(parse(p))).ready().get(10, TimeUnit.SECONDS);
    List<ValidationResultUpdate> updates = new CopyOnWriteArrayList<>();
    try (AuthTokenValidatorApi slow = new AuthTokenValidatorApi(evseSide, PREFIX, "slow", ApiOptions.defaults(), 1,
        updates::add)) {
      slow.start().get(10, TimeUnit.SECONDS);
      var answer = slow.validateToken(ProvidedIdToken.of("CARD7",
          AuthorizationType.RFID)).toCompletableFuture();
      await().atMost(WAIT).until(() -> requests.size() == 1);
      JsonNode request = requests.get(0);
      String replyTo = request.path("headers").path("replyTo").asText();
      assertThat(replyTo).matches("everest_api/1/auth_token_validator/slow/m2e/reply/[0-9a-f-]{36}");
      assertThat(request.path("payload").path("id_token").path("value").asText()).isEqualTo("CARD7");
      // tariff_messages is required: this reply is logged and the request stays open
      clients.publish(PREFIX + replyTo, "{\"authorization_status\": \"Accepted\"}");
      await().atMost(WAIT).until(() -> slow.rejectedMessages() == 1);
      // no timeout of its own: Auth's 1 s decides, the stage stays open past it
      await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !answer.isDone());
      clients.publish(PREFIX + replyTo, "{\"authorization_status\": \"Blocked\", \"tariff_messages\": []}");
      assertThat(answer.get(10, TimeUnit.SECONDS).authorizationStatus())
          .isEqualTo(AuthorizationStatus.Blocked);
      assertThat(slow.openRequests()).isZero();

      clients.publish(base + "/m2e/validate_result_update", "{\"connector_id\": 1}");
      clients.publish(base + "/m2e/validate_result_update", "{\"connector_id\": 1, \"validation_result\":"
          + " {\"authorization_status\": \"Blocked\", \"tariff_messages\": []}}");
      await().atMost(WAIT).until(() -> updates.size() == 1);
      assertThat(updates.get(0).validationResult().authorizationStatus())
          .isEqualTo(AuthorizationStatus.Blocked);
      assertThat(slow.rejectedMessages()).isEqualTo(2);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String rfid(String value) {
    return "{\"authorization_type\": \"RFID\", \"id_token\": {\"value\": \"" + value + "\", \"type\": \"ISO14443\"},"
        + " \"connectors\": [1]}";
  }

  private void provide(String payload) {
    clients.publish(PROVIDER + "/m2e/provided_token", payload);
  }

  private void withdraw(String body) {
    clients.publish(CONSUMER + "/m2e/withdraw_authorization", body);
  }

  private static JsonNode parse(byte[] payload) {
    try {
      return JSON.readTree(new String(payload, StandardCharsets.UTF_8));
    } catch (Exception e) {
      return JSON.getNodeFactory().textNode("unparsable: " + new String(payload, StandardCharsets.UTF_8));
    }
  }

  private List<Long> heartbeats(String base) {
    return received.stream().filter(m -> m.topic().equals(base + "/e2m/heartbeat"))
        .map(m -> m.body().asLong()).toList();
  }

  private Optional<JsonNode> reply(String topic) {
    return received.stream().filter(m -> m.topic().equals(PREFIX + topic)).map(Msg::body).findFirst();
  }

  private List<JsonNode> statusMessages(String token) {
    return received.stream().filter(m -> m.topic().equals(CONSUMER + "/e2m/token_validation_status"))
        .map(Msg::body).filter(b -> b.path("token").path("id_token").path("value").asText().equals(token)).toList();
  }

  private List<String> statuses(String token) {
    return statusMessages(token).stream().map(b -> b.path("status").asText()).toList();
  }

  private List<String> statusTokens() {
    return received.stream().filter(m -> m.topic().equals(CONSUMER + "/e2m/token_validation_status"))
        .map(m -> m.body().path("token").path("id_token").path("value").asText()).toList();
  }

  private boolean seen(SessionEventEnum event) {
    return events.stream().anyMatch(e -> e.event() == event);
  }

  private SessionEvent last(SessionEventEnum event) {
    SessionEvent found = null;
    for (SessionEvent e : events) {
      if (e.event() == event) {
        found = e;
      }
    }
    return found;
  }
}
