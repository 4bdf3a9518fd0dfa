package dev.evse.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.ExternalLimits;
import dev.evse.core.EvseStatus;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.mqtt.driverside.DriverBridge;
import dev.evse.mqtt.testing.ApiTestClient;
import dev.evse.mqtt.testing.BridgeFixture;
import dev.evse.mqtt.testing.FakeEvse;
import dev.evse.mqtt.testing.TcpProxy;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Black-box tests of the bridge against a real broker; subclasses provide the broker (embedded
 * Moquette, Mosquitto). The test client plays the hardware drivers and the consumer from the
 * AsyncAPI files; the kernel runs on a real-time loop group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BridgeSuite {
  private static final AtomicInteger IDS = new AtomicInteger();
  static final String RFC3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
  static final Duration WAIT = Duration.ofSeconds(10);

  /** The broker's port (one broker per test class). */
  abstract int brokerPort();

  /**
   * How many bad messages the flood test sends back to back. Moquette drops QoS 0 messages to a
   * subscriber that falls behind by more than a few thousand; Mosquitto does not.
   */
  int floodSize() {
    return 1000;
  }

  static ApiOptions testOptions() {
    return ApiOptions.defaults().withCommunicationCheckTimeoutMs(3000).withHeartbeatIntervalMs(500);
  }

  /** One EVSE behind the bridge, with the fake outside world, started and ready to charge. */
  final class Rig implements AutoCloseable {
    final BridgeFixture sut;
    final ApiTestClient client;
    final FakeEvse hw;
    final EvseBridge bridge;

    Rig(ApiOptions options) throws Exception {
      this(options, "", c -> {});
    }

    Rig(ApiOptions options, String prefix, Consumer<dev.evse.core.EvseConfig> tweak) throws Exception {
      int n = IDS.incrementAndGet();
      EvseBinding binding = EvseBinding.of("evse_api_" + n, "bsp_" + n, "pm_" + n).withPrefix(prefix);
      sut = new BridgeFixture(brokerPort(), options);
      client = new ApiTestClient(brokerPort());
      hw = new FakeEvse(client, prefix, binding.consumerModuleId(), binding.boardModuleId(),
          binding.meterModuleId().get());
      bridge = sut.add(binding, 1, tweak);
      sut.start();
      hw.keepAlive(300);
      hw.meter(0, 0);
      client.await(hw.con + "/e2m/evse_id", j -> j.asText().startsWith("DE*TST*"));
      hw.capabilities(); // the manager mirrors capabilities once it is ready
      client.await(hw.con + "/e2m/hw_capabilities");
      awaitStatus(s -> s.activeErrors().isEmpty());
    }

    EvseStatus status() throws Exception {
      return bridge.evse().status().get(5, TimeUnit.SECONDS);
    }

    void awaitStatus(java.util.function.Predicate<EvseStatus> p) {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> p.test(status()));
    }

    JsonNode awaitEvent(long mark, String event) {
      return client.await(hw.con + "/e2m/session_event", mark, j -> j.path("event").asText().equals(event)).json();
    }

    /** Plug in, authorize over the extension command, car in C, relays on: charging. */
    void startCharging() {
      long mark = client.mark();
      hw.event("A");
      hw.event("B");
      awaitEvent(mark, "AuthRequired");
      assertThat(hw.request("authorize_response", FakeEvse.accepted("CARD01")).asBoolean()).isTrue();
      awaitEvent(mark, "TransactionStarted");
      client.await(hw.bsp + "/e2m/pwm_on", mark, JsonNode::isNumber);
      hw.event("C");
      client.await(hw.bsp + "/e2m/allow_power_on", mark, j -> j.path("allow_power_on").asBoolean());
      hw.event("PowerOn");
      awaitEvent(mark, "ChargingStarted");
    }

    @Override
    public void close() {
      hw.close();
      client.close();
      sut.close();
    }
  }

  // ------------------------------------------------------------------ the AC session

  @Test
  void wholeAcSession() throws Exception {
    try (Rig rig = new Rig(testOptions())) {
      acSession(rig);
    }
  }

  /**
   * With EVerest's AsyncAPI files at hand (../shared/everest, absent in CI), every payload the
   * bridge published during a session and the consumer commands (e2m vars, driver commands and
   * requests, replies) is checked against the schema of its channel.
   */
  @Test
  void publishedPayloadsFollowTheAsyncApiFiles() throws Exception {
    java.util.Optional<dev.evse.mqtt.testing.AsyncApiSchemas> schemas = dev.evse.mqtt.testing.AsyncApiSchemas.load();
    org.junit.jupiter.api.Assumptions.assumeTrue(schemas.isPresent(), "EVerest AsyncAPI files not found at "
        + dev.evse.mqtt.testing.AsyncApiSchemas.where() + ": conformance check skipped (they are absent in CI)");
    try (Rig rig = new Rig(testOptions())) {
      acSession(rig);
      FakeEvse hw = rig.hw;
      List<String> problems = new ArrayList<>();
      String disable = "{\"connector_id\":0,\"source\":{\"enable_source\":\"LocalAPI\",\"enable_state\":"
          + "\"Disable\",\"enable_priority\":10}}";
      Map<String, JsonNode> replies = new java.util.LinkedHashMap<>();
      replies.put("m2e/get_evse", hw.request("get_evse", null));
      replies.put("m2e/enable_disable", hw.request("enable_disable", disable));
      replies.put("m2e/pause_charging", hw.request("pause_charging", null));
      replies.put("m2e/resume_charging", hw.request("resume_charging", null));
      replies.put("m2e/stop_transaction", hw.request("stop_transaction", "{\"reason\":\"Local\"}"));
      replies.put("m2e/force_unlock", hw.request("force_unlock", "1"));
      replies.forEach((address, reply) ->
          problems.addAll(schemas.get().checkReply("evse_manager_consumer", address, reply)));
      java.util.Set<String> seen = new java.util.TreeSet<>();
      for (ApiTestClient.Msg m : rig.client.all()) {
        String[][] apis = {{hw.con, "evse_manager_consumer"}, {hw.bsp, "evse_board_support"}, {hw.pm, "powermeter"}};
        for (String[] api : apis) {
          if (m.topic().startsWith(api[0] + "/e2m/")) {
            String address = m.topic().substring(api[0].length() + 1);
            seen.add(api[1] + " " + address);
            if (address.equals("e2m/stop_transaction") && m.json().path("payload").isTextual()) {
              // EVerest sends the transaction id bare although the file says {"transaction_id":..}
              // (spec 4.1); this bridge does the same by default.
              continue;
            }
            problems.addAll(schemas.get().check(api[1], address, m.json()));
          }
        }
      }
      assertThat(seen).contains("evse_manager_consumer e2m/session_event", "evse_manager_consumer e2m/session_info",
          "evse_manager_consumer e2m/hw_capabilities", "evse_manager_consumer e2m/enforced_limits",
          "evse_board_support e2m/allow_power_on", "evse_board_support e2m/pwm_on",
          "powermeter e2m/start_transaction", "powermeter e2m/stop_transaction");
      assertThat(problems).as("checked " + seen).isEmpty();
    }
  }

  private void acSession(Rig rig) throws Exception {
    {
      ApiTestClient client = rig.client;
      FakeEvse hw = rig.hw;
      client.await(hw.con + "/e2m/hw_capabilities", j -> j.path("max_current_A_import").asDouble() == 32.0
          && !j.has("supports_cp_state_E") && j.path("connector_type").asText().equals("IEC62196Type2Cable"));
      client.await(hw.bsp + "/e2m/enable", JsonNode::asBoolean);
      client.await(hw.con + "/e2m/enforced_limits", j -> j.path("limits_root_side").path("ac_max_current_A")
          .path("value").asDouble() == 16.0);

      JsonNode evse = hw.request("get_evse", null);
      assertThat(evse.path("id").asInt()).isEqualTo(1);
      assertThat(evse.path("connectors").get(0).path("type").asText()).isEqualTo("cType2");

      // plug in
      long mark = client.mark();
      hw.event("A");
      hw.event("B");
      JsonNode started = rig.awaitEvent(mark, "SessionStarted");
      assertThat(started.path("uuid").asText()).isNotEmpty();
      assertThat(started.path("timestamp").asText()).matches(RFC3339);
      assertThat(started.path("session_started").path("reason").asText()).isEqualTo("EVConnected");
      assertThat(started.path("session_started").path("meter_value").path("energy_Wh_import").has("total")).isTrue();
      rig.awaitEvent(mark, "AuthRequired");
      client.await(hw.con + "/e2m/session_info", mark, j -> j.path("state").asText().equals("AuthRequired")
          && j.path("charged_energy_wh").asInt() == 0 && j.path("session_start_time").asText().matches(RFC3339)
          && j.path("timestamp").asText().matches(RFC3339));

      // authorize through the extension command
      mark = client.mark();
      assertThat(hw.request("authorize_response", FakeEvse.accepted("CARD01")).asBoolean()).isTrue();
      JsonNode startTx = client.await(hw.pm + "/e2m/start_transaction", mark, j -> true).json();
      assertThat(startTx.path("headers").path("replyTo").asText()).matches("everest_api/1/powermeter/"
          + rig.bridge.binding().meterModuleId().get() + "/m2e/reply/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
      assertThat(startTx.path("payload").path("evse_id").asText()).isEqualTo("DE*TST*E0001*1");
      assertThat(startTx.path("payload").path("identification_status").asText()).isIn("ASSIGNED", "NOT_ASSIGNED");
      JsonNode txStarted = rig.awaitEvent(mark, "TransactionStarted");
      assertThat(txStarted.path("transaction_started").path("id_tag").path("id_token").path("value").asText())
          .isEqualTo("CARD01");
      JsonNode pwm = client.await(hw.bsp + "/e2m/pwm_on", mark, JsonNode::isNumber).json();
      assertThat(pwm.asDouble()).isCloseTo(26.67, org.assertj.core.data.Offset.offset(0.01)); // 16 A

      // the car asks for power, the relays confirm
      mark = client.mark();
      hw.event("C");
      client.await(hw.bsp + "/e2m/allow_power_on", mark,
          j -> j.path("allow_power_on").asBoolean() && j.path("reason").asText().equals("FullPowerCharging"));
      hw.event("PowerOn");
      client.await(hw.con + "/e2m/session_event", mark, j -> j.path("event").asText().equals("ChargingStarted")
          && j.path("charging_state_changed_event").path("meter_value").has("energy_Wh_import"));
      client.await(hw.con + "/e2m/session_info", mark, j -> j.path("state").asText().equals("Charging"));
      assertThat(rig.status().relaysOn()).isTrue();

      // meter values
      mark = client.mark();
      hw.meter(500, 7360);
      client.await(hw.con + "/e2m/powermeter", mark, j -> j.path("power_W").path("total").asDouble() == 7360.0);
      client.await(hw.con + "/e2m/session_info", mark, j -> j.path("latest_total_w").asInt() == 7360
          && j.path("charged_energy_wh").asInt() == 500 && j.path("transaction_start_time").asText().matches(RFC3339));

      // stop button: PWM off, the car goes back to B, relays open, transaction ends
      mark = client.mark();
      client.publish(hw.bsp + "/m2e/request_stop_transaction", "{\"reason\":\"Local\"}");
      rig.awaitEvent(mark, "StoppingCharging");
      client.await(hw.bsp + "/e2m/cp_state_X1", mark, j -> true);
      hw.event("B");
      client.await(hw.bsp + "/e2m/allow_power_on", mark,
          j -> !j.path("allow_power_on").asBoolean() && j.path("reason").asText().equals("PowerOff"));
      hw.event("PowerOff");
      JsonNode stopTx = client.await(hw.pm + "/e2m/stop_transaction", mark, j -> true).json();
      assertThat(stopTx.path("payload").asText()).isEqualTo(started.path("uuid").asText());
      JsonNode finished = rig.awaitEvent(mark, "TransactionFinished");
      assertThat(finished.path("transaction_finished").path("reason").asText()).isEqualTo("Local");
      client.await(hw.con + "/e2m/session_info", mark, j -> j.path("state").asText().equals("FinishedEVSE")
          && j.has("transaction_end_time"));

      // unplug
      mark = client.mark();
      hw.event("A");
      client.await(hw.con + "/e2m/session_event", mark, j -> j.path("event").asText().equals("SessionFinished")
          && j.path("session_finished").has("meter_value"));
      client.await(hw.con + "/e2m/session_info", mark, j -> j.path("state").asText().equals("Unplugged")
          && j.path("session_end_time").asText().matches(RFC3339));
      assertThat(rig.bridge.consumerApi().rejectedMessages()).isZero();
      assertThat(rig.bridge.board().rejectedMessages()).isZero();
      assertThat(rig.bridge.meter().get().rejectedMessages()).isZero();
    }
  }

  @Test
  void consumerCommandsAndExtensions() throws Exception {
    try (Rig rig = new Rig(testOptions())) {
      FakeEvse hw = rig.hw;
      ApiTestClient client = rig.client;
      // disable via the API (conformance example 7) and re-enable (8)
      long mark = client.mark();
      String disable = "{\"connector_id\":0,\"source\":{\"enable_source\":\"LocalAPI\",\"enable_state\":\"Disable\","
          + "\"enable_priority\":10}}";
      assertThat(hw.request("enable_disable", disable).asBoolean()).isFalse();
      JsonNode disabled = rig.awaitEvent(mark, "Disabled");
      assertThat(disabled.path("source").path("enable_source").asText()).isEqualTo("LocalAPI");
      client.await(hw.con + "/e2m/session_info", mark, j -> j.path("state").asText().equals("Disabled"));
      client.await(hw.bsp + "/e2m/enable", mark, j -> !j.asBoolean());
      mark = client.mark();
      assertThat(hw.request("enable_disable", disable.replace("\"Disable\"", "\"Enable\"")).asBoolean()).isTrue();
      rig.awaitEvent(mark, "Enabled");
      client.await(hw.bsp + "/e2m/enable", mark, JsonNode::asBoolean);

      // fire and forget: no headers, the command still runs (example 13)
      mark = client.mark();
      client.publish(hw.con + "/m2e/enable_disable", "{\"payload\":" + disable + "}");
      rig.awaitEvent(mark, "Disabled");
      client.publish(hw.con + "/m2e/enable_disable", "{\"payload\":" + disable.replace("\"Disable\"", "\"Unassigned\"")
          + "}");
      rig.awaitEvent(mark, "Enabled");

      assertThat(hw.request("pause_charging", null).isBoolean()).isTrue();
      assertThat(hw.request("stop_transaction", "{\"reason\":\"Local\"}").asBoolean()).isFalse(); // example 11
      mark = client.mark();
      assertThat(hw.request("force_unlock", "1").asBoolean()).isTrue(); // the BSP is the connector lock
      client.await(hw.bsp + "/e2m/unlock", mark, j -> true);

      // extensions: reserve, cancel_reservation, withdraw_authorization
      mark = client.mark();
      assertThat(hw.request("reserve", "42").asBoolean()).isTrue();
      rig.awaitEvent(mark, "ReservationStart");
      assertThat(rig.status().reserved()).isTrue();
      assertThat(hw.request("cancel_reservation", null).asBoolean()).isTrue();
      rig.awaitEvent(mark, "ReservationEnd");
      assertThat(rig.status().reserved()).isFalse();

      mark = client.mark();
      hw.event("A");
      hw.event("B");
      rig.awaitEvent(mark, "AuthRequired");
      assertThat(hw.request("authorize_response", FakeEvse.accepted("CARD02")).asBoolean()).isTrue();
      rig.awaitEvent(mark, "TransactionStarted");
      assertThat(hw.request("withdraw_authorization", "{}").asBoolean()).isTrue();
      assertThat(rig.bridge.consumerApi().rejectedMessages()).isZero();
    }
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void badInputChangesNothingAndIsAnsweredWithAnError() throws Exception {
    try (Rig rig = new Rig(testOptions())) {
      FakeEvse hw = rig.hw;
      ApiTestClient client = rig.client;
      EvseStatus before = rig.status();
      long mark = client.mark();

      Map<String, String[]> cases = new java.util.LinkedHashMap<>();
      cases.put("unknown enum", new String[] {"enable_disable", "{\"connector_id\":0,\"source\":{\"enable_source\":"
          + "\"LocalAPI\",\"enable_state\":\"Maybe\",\"enable_priority\":10}}", "payload.source.enable_state", "Maybe"});
      cases.put("missing payload", new String[] {"enable_disable", null, "payload", "missing"});
      cases.put("wrong type", new String[] {"enable_disable", "{\"connector_id\":\"zero\",\"source\":{\"enable_source\":"
          + "\"LocalAPI\",\"enable_state\":\"Disable\",\"enable_priority\":10}}", "payload.connector_id", "integer"});
      cases.put("missing field", new String[] {"enable_disable", "{\"connector_id\":0}", "payload.source", "missing"});
      cases.put("priority out of range", new String[] {"enable_disable", "{\"connector_id\":0,\"source\":{"
          + "\"enable_source\":\"LocalAPI\",\"enable_state\":\"Disable\",\"enable_priority\":20000}}",
          "enable_priority", "10000"});
      cases.put("stop reason", new String[] {"stop_transaction", "{\"reason\":\"Bored\"}", "payload.reason", "Bored"});
      cases.put("force_unlock string", new String[] {"force_unlock", "\"one\"", "payload", "integer"});
      cases.put("force_unlock fraction", new String[] {"force_unlock", "1.5", "payload", "integer"});
      cases.put("payload on trigger", new String[] {"get_evse", "5", "payload", "no payload"});
      cases.put("payload on pause", new String[] {"pause_charging", "\"now\"", "payload", "no payload"});
      cases.put("payload on cancel", new String[] {"cancel_reservation", "[1]", "payload", "no payload"});
      cases.put("reserve boolean", new String[] {"reserve", "true", "payload", "integer"});
      cases.put("authorize status", new String[] {"authorize_response", "{\"provided_token\":" + FakeEvse.token("X")
          + ",\"validation_result\":{\"authorization_status\":\"Perhaps\",\"tariff_messages\":[]}}",
          "payload.validation_result.authorization_status", "Perhaps"});
      cases.put("authorize missing result", new String[] {"authorize_response", "{\"provided_token\":"
          + FakeEvse.token("X") + "}", "payload.validation_result", "missing"});
      for (Map.Entry<String, String[]> c : cases.entrySet()) {
        String[] v = c.getValue();
        JsonNode reply = hw.request(v[0], v[1]);
        assertThat(reply.path("error").isTextual()).as(c.getKey() + ": " + reply).isTrue();
        assertThat(reply.path("error").asText()).as(c.getKey()).contains(v[2]).contains(v[3]);
      }

      // bad messages that cannot be answered: logged and dropped
      int rejectedBefore = (int) rig.bridge.consumerApi().rejectedMessages();
      client.publish(hw.con + "/m2e/get_evse", "not json");
      client.publish(hw.con + "/m2e/get_evse", "[1,2]");
      client.publish(hw.con + "/m2e/get_evse", "{\"headers\":{\"replyTo\":5}}");
      client.publish(hw.con + "/m2e/get_evse", "{\"headers\":{\"replyTo\":\"a/+/b\"}}");
      client.publish(hw.con + "/m2e/enable_disable", "");
      client.publish(hw.con + "/m2e/communication_check", "\"yes\"");
      // driver side
      client.publish(hw.bsp + "/m2e/event", "{\"event\":\"G\"}");
      client.publish(hw.bsp + "/m2e/event", "{}");
      client.publish(hw.bsp + "/m2e/capabilities", "{\"max_current_A_import\":\"32\"}");
      client.publish(hw.bsp + "/m2e/ac_nr_of_phases", "4");
      client.publish(hw.bsp + "/m2e/ac_pp_ampacity", "{\"ampacity\":\"A_99\"}");
      client.publish(hw.bsp + "/m2e/raise_error", "{\"type\":\"Bogus\"}");
      client.publish(hw.bsp + "/m2e/request_stop_transaction", "{\"reason\":5}");
      client.publish(hw.pm + "/m2e/powermeter_values", "{\"timestamp\":\"2026-01-01T00:00:00.000Z\"}");
      client.publish(hw.pm + "/m2e/powermeter_values", "{\"timestamp\":\"yesterday\",\"energy_Wh_import\":{\"total\":1}}");
      client.publish(hw.pm + "/m2e/public_key_ocmf", "KEY");
      await().atMost(WAIT).until(() -> rig.bridge.consumerApi().rejectedMessages() >= rejectedBefore + 6
          && rig.bridge.board().rejectedMessages() >= 7 && rig.bridge.meter().get().rejectedMessages() >= 3);

      // a good request still works, and nothing changed
      assertThat(hw.request("get_evse", null).path("id").asInt()).isEqualTo(1);
      assertThat(client.find(hw.con + "/e2m/session_event", mark, j -> true)).isEmpty();
      assertThat(client.find(hw.bsp + "/e2m/allow_power_on", mark, j -> true)).isEmpty();
      EvseStatus after = rig.status();
      assertThat(after.state()).isEqualTo(before.state());
      assertThat(after.enabled()).isEqualTo(before.enabled());
      assertThat(after.cpState()).isEqualTo(before.cpState());
      assertThat(after.activeErrors()).isEqualTo(before.activeErrors());
      assertThat(after.phases()).isEqualTo(before.phases());
    }
  }

  @Test
  void errorRepliesCanBeSwitchedOff() throws Exception {
    try (Rig rig = new Rig(testOptions().withErrorReplies(false))) {
      String reply = "test/reply/silent";
      long mark = rig.client.mark();
      rig.client.publish(rig.hw.con + "/m2e/enable_disable", ApiTestClient.envelope(reply,
          "{\"connector_id\":0,\"source\":{\"enable_source\":\"LocalAPI\",\"enable_state\":\"Maybe\","
              + "\"enable_priority\":10}}"));
      await().atMost(WAIT).until(() -> rig.bridge.consumerApi().rejectedMessages() == 1);
      assertThat(rig.hw.request("get_evse", null).path("id").asInt()).isEqualTo(1);
      assertThat(rig.client.find(reply, mark, j -> true)).isEmpty();
    }
  }

  @Test
  void aFloodOfBadMessagesDoesNotSlowGoodOnes() throws Exception {
    try (Rig rig = new Rig(testOptions())) {
      int flood = floodSize();
      for (int i = 0; i < flood; i++) {
        rig.client.publishAsync(rig.hw.con + "/m2e/enable_disable", i % 2 == 0 ? "{not json" : "{\"payload\":{}}");
      }
      long t0 = System.nanoTime();
      assertThat(rig.hw.request("get_evse", null).path("id").asInt()).isEqualTo(1);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      await().atMost(WAIT).until(() -> rig.bridge.consumerApi().rejectedMessages() == flood);
      assertThat(ms).as("reply time behind %d bad messages", flood).isLessThan(3000);
      long t1 = System.nanoTime();
      assertThat(rig.hw.request("get_evse", null).path("id").asInt()).isEqualTo(1);
      assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(1000);
    }
  }

  // ------------------------------------------------------------------ driver errors and loss

  @Test
  void bspErrorsAreRoutedAndStopCharging() throws Exception {
    try (Rig rig = new Rig(testOptions())) {
      rig.startCharging();
      FakeEvse hw = rig.hw;
      ApiTestClient client = rig.client;
      long mark = client.mark();
      client.publish(hw.bsp + "/m2e/raise_error", "{\"type\":\"VendorWarning\",\"sub_type\":\"FAN\"}");
      rig.awaitStatus(s -> types(s).contains("evse_board_support/VendorWarning"));
      assertThat(rig.status().relaysOn()).isTrue();
      assertThat(client.find(hw.bsp + "/e2m/allow_power_on", mark, j -> !j.path("allow_power_on").asBoolean()))
          .isEmpty();

      // an emergency stop while charging opens the relays; clearing it makes the EVSE usable again
      client.publish(hw.bsp + "/m2e/raise_error", "{\"type\":\"MREC8EmergencyStop\",\"message\":\"E-stop pressed\"}");
      client.await(hw.bsp + "/e2m/allow_power_on", mark, j -> !j.path("allow_power_on").asBoolean());
      rig.awaitStatus(s -> s.activeErrors().stream().anyMatch(
          e -> e.type().equals("evse_board_support/MREC8EmergencyStop") && e.message().equals("E-stop pressed")));
      client.publish(hw.bsp + "/m2e/clear_error", "{\"type\":\"MREC8EmergencyStop\"}");
      rig.awaitStatus(s -> !types(s).contains("evse_board_support/MREC8EmergencyStop")
          && !types(s).contains("evse_manager/Inoperative"));

      // routing to the three interfaces of the BSP API
      client.publish(hw.bsp + "/m2e/raise_error", "{\"type\":\"ConnectorLockFailedLock\",\"sub_type\":\"x\"}");
      client.publish(hw.bsp + "/m2e/raise_error", "{\"type\":\"DC\"}");
      client.publish(hw.bsp + "/m2e/raise_error", "{\"type\":\"CommunicationFault\"}");
      rig.awaitStatus(s -> types(s).containsAll(List.of("connector_lock/ConnectorLockFailedLock", "ac_rcd/DC",
          "evse_board_support/CommunicationFault")));
      client.publish(hw.bsp + "/m2e/clear_error", "{\"type\":\"ConnectorLockFailedLock\"}"); // sub_type differs
      client.publish(hw.bsp + "/m2e/clear_error", "{\"type\":\"ConnectorLockFailedLock\",\"sub_type\":\"x\"}");
      client.publish(hw.bsp + "/m2e/clear_error", "{\"type\":\"DC\"}");
      client.publish(hw.bsp + "/m2e/clear_error", "{\"type\":\"CommunicationFault\"}");
      client.publish(hw.bsp + "/m2e/clear_error", "{\"type\":\"VendorWarning\",\"sub_type\":\"FAN\"}");
      rig.awaitStatus(s -> types(s).isEmpty());
    }
  }

  @Test
  void driverLossRaisesCommunicationFaultAndTheNextMessageClearsIt() throws Exception {
    try (Rig rig = new Rig(testOptions().withCommunicationCheckTimeoutMs(800))) {
      rig.startCharging();
      FakeEvse hw = rig.hw;
      ApiTestClient client = rig.client;
      long mark = client.mark();
      hw.stopKeepAlive();
      client.await(hw.bsp + "/e2m/allow_power_on", mark,
          j -> !j.path("allow_power_on").asBoolean() && j.path("reason").asText().equals("PowerOff"));
      rig.awaitStatus(s -> s.activeErrors().stream().anyMatch(e -> e.type().equals("evse_board_support/CommunicationFault")
          && e.subType().equals("Bridge to implementation connection lost") && e.severity().name().equals("High")));
      rig.awaitStatus(s -> types(s).contains("evse_manager/Inoperative"));
      assertThat(rig.bridge.board().communicationFaultActive()).isTrue();

      // the next message from the driver clears it
      hw.event("B");
      rig.awaitStatus(s -> !types(s).contains("evse_board_support/CommunicationFault"));
      assertThat(rig.bridge.board().communicationFaultActive()).isFalse();
      // meter lost too (no keep-alive); its next message clears its fault
      hw.meter(1, 0);
      rig.awaitStatus(s -> !types(s).contains("powermeter/CommunicationFault"));
      hw.keepAlive(300);
      rig.awaitStatus(s -> !types(s).contains("evse_manager/Inoperative"));
    }
  }

  @Test
  void heartbeatsCountUpAndCommunicationCheckFalseDisablesTheCheck() throws Exception {
    try (Rig rig = new Rig(testOptions().withHeartbeatIntervalMs(100).withCommunicationCheckTimeoutMs(600))) {
      ApiTestClient client = rig.client;
      FakeEvse hw = rig.hw;
      await().atMost(WAIT).until(() -> client.on(hw.con + "/e2m/heartbeat").size() >= 6
          && client.on(hw.bsp + "/e2m/heartbeat").size() >= 6 && client.on(hw.pm + "/e2m/heartbeat").size() >= 6);
      for (String base : List.of(hw.con, hw.bsp, hw.pm)) {
        List<ApiTestClient.Msg> beats = client.on(base + "/e2m/heartbeat");
        assertThat(beats.get(0).json().asLong()).isZero();
        for (int i = 1; i < beats.size(); i++) {
          assertThat(beats.get(i).json().asLong()).isEqualTo(beats.get(i - 1).json().asLong() + 1);
        }
      }
      // communication_check false switches the board's check off for good
      hw.stopKeepAlive();
      client.publish(hw.bsp + "/m2e/communication_check", "false");
      client.publish(hw.pm + "/m2e/communication_check", "false");
      long quiet = System.nanoTime();
      await().atMost(WAIT).pollDelay(Duration.ofMillis(1500)).until(() -> true);
      assertThat((System.nanoTime() - quiet) / 1_000_000).isGreaterThanOrEqualTo(1500);
      assertThat(rig.bridge.board().communicationFaultActive()).isFalse();
      assertThat(rig.bridge.meter().get().communicationFaultActive()).isFalse();
      assertThat(types(rig.status())).doesNotContain("evse_board_support/CommunicationFault");
      // the consumer never sent a check: its fault does not affect charging
      assertThat(rig.bridge.consumerApi().communicationFaultActive()).isTrue();
      assertThat(types(rig.status())).doesNotContain("evse_manager/Inoperative");
    }
  }

  @Test
  void heartbeatCanBeSwitchedOff() throws Exception {
    try (Rig rig = new Rig(testOptions().withHeartbeatIntervalMs(0))) {
      long mark = rig.client.mark();
      await().atMost(WAIT).pollDelay(Duration.ofMillis(700)).until(() -> true);
      assertThat(rig.client.find(rig.hw.bsp + "/e2m/heartbeat", -1, j -> true)).isEmpty();
      assertThat(rig.client.find(rig.hw.con + "/e2m/heartbeat", mark, j -> true)).isEmpty();
    }
  }

  @Test
  void meterTimeoutGivesTheDefaultAnswer() throws Exception {
    try (Rig rig = new Rig(testOptions().withRequestReplyTimeoutMs(300))) {
      rig.hw.answerMeter(false);
      var meter = rig.bridge.meter().get();
      long mark = rig.client.mark();
      var answer = meter.stopTransaction("tx-1").toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(answer.status().name()).isEqualTo("UNEXPECTED_ERROR");
      JsonNode req = rig.client.await(rig.hw.pm + "/e2m/stop_transaction", mark, j -> true).json();
      assertThat(req.path("payload").asText()).isEqualTo("tx-1");
      // a late reply is ignored
      rig.client.publish(req.path("headers").path("replyTo").asText(), "{\"status\":\"OK\"}");
      assertThat(meter.openRequests()).isZero();
      // a reply that does not decode is logged, the request keeps waiting and times out
      rig.hw.answerMeter(false);
      var pending = meter.startTransaction(new dev.evse.api.types.TransactionReq("DE*X", "tx-2",
          dev.evse.api.types.OCMFUserIdentificationStatus.ASSIGNED, java.util.Optional.empty(), List.of(),
          dev.evse.api.types.OCMFIdentificationType.NONE, java.util.Optional.empty(), java.util.Optional.empty()))
          .toCompletableFuture();
      JsonNode start = rig.client.await(rig.hw.pm + "/e2m/start_transaction", mark, j -> true).json();
      rig.client.publish(start.path("headers").path("replyTo").asText(), "{\"status\":\"MAYBE\"}");
      assertThat(pending.get(5, TimeUnit.SECONDS).status().name()).isEqualTo("UNEXPECTED_ERROR");
    }
  }

  @Test
  void rcdResetRcdCurrentAndTelemetry() throws Exception {
    try (Rig rig = new Rig(testOptions().withRequestReplyTimeoutMs(300))) {
      long mark = rig.client.mark();
      var answered = rig.bridge.board().rcdReset();
      JsonNode req = rig.client.await(rig.hw.bsp + "/e2m/reset", mark, j -> true).json();
      assertThat(req.has("payload")).isFalse();
      String replyTo = req.path("headers").path("replyTo").asText();
      assertThat(replyTo).startsWith(rig.hw.bsp + "/m2e/reply/");
      rig.client.publish(replyTo, "true");
      assertThat(answered.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(rig.bridge.board().rcdReset().get(5, TimeUnit.SECONDS)).isFalse(); // nobody answers
      // rcd_current and the extension m2e/telemetry reach their listeners
      List<Double> rcd = new java.util.concurrent.CopyOnWriteArrayList<>();
      rig.bridge.board().setRcdCurrentListener(rcd::add);
      rig.client.publish(rig.hw.bsp + "/m2e/rcd_current", "3.5");
      await().atMost(WAIT).until(() -> rcd.contains(3.5));
      List<dev.evse.api.types.Telemetry> telemetry = new java.util.concurrent.CopyOnWriteArrayList<>();
      rig.bridge.evse().addListener(new dev.evse.api.EvseManagerListener() {
        @Override
        public void onTelemetry(dev.evse.api.types.Telemetry t) {
          telemetry.add(t);
        }
      });
      rig.client.publish(rig.hw.bsp + "/m2e/telemetry", "{\"evse_temperature_C\":31.5,\"fan_rpm\":0.0,"
          + "\"supply_voltage_12V\":12.1,\"supply_voltage_minus_12V\":-11.9,\"relais_on\":false}");
      await().atMost(WAIT).until(() -> !telemetry.isEmpty());
      assertThat(telemetry.get(0).evseTemperatureC()).isEqualTo(31.5);
      assertThat(rig.bridge.board().rejectedMessages()).isZero();
    }
  }

  // ------------------------------------------------------------------ several EVSEs, prefix, limits

  @Test
  void severalEvsesShareOneConnection() throws Exception {
    int base = IDS.addAndGet(10);
    try (BridgeFixture sut = new BridgeFixture(brokerPort(), testOptions());
        ApiTestClient client = new ApiTestClient(brokerPort())) {
      List<FakeEvse> fakes = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        EvseBinding b = EvseBinding.of("multi_" + base + "_" + i, "mbsp_" + base + "_" + i, "mpm_" + base + "_" + i);
        sut.add(b, i, c -> {});
        fakes.add(new FakeEvse(client, "", b.consumerModuleId(), b.boardModuleId(), b.meterModuleId().get()));
      }
      Map<String, ExternalLimits> limits = new ConcurrentHashMap<>();
      sut.bridges.addExternalLimits("ext_" + base, "", limits::put);
      sut.start();
      for (FakeEvse f : fakes) {
        f.keepAlive(300);
        f.meter(0, 0);
      }
      for (int i = 0; i < 3; i++) {
        FakeEvse f = fakes.get(i);
        int id = i + 1;
        client.await(f.con + "/e2m/evse_id", j -> j.asText().equals("DE*TST*E000" + id + "*1"));
        assertThat(f.request("get_evse", null).path("id").asInt()).isEqualTo(id);
      }
      // plug in only EVSE 2
      long mark = client.mark();
      fakes.get(1).event("A");
      fakes.get(1).event("B");
      client.await(fakes.get(1).con + "/e2m/session_event", mark, j -> j.path("event").asText().equals("SessionStarted"));
      assertThat(client.find(fakes.get(0).con + "/e2m/session_event", mark,
          j -> j.path("event").asText().equals("SessionStarted"))).isEmpty();
      assertThat(client.find(fakes.get(2).con + "/e2m/session_event", mark,
          j -> j.path("event").asText().equals("SessionStarted"))).isEmpty();
      // external limits arrive at the listener
      client.publish("everest_api/1/external_energy_limits_consumer/ext_" + base + "/m2e/set_external_limits",
          "{\"schedule_import\":[{\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"limits_to_root\":{\"ac_max_current_A\":"
              + "{\"value\":10.0,\"source\":\"test\"}},\"limits_to_leaves\":{}}],\"schedule_export\":[],"
              + "\"schedule_setpoints\":[]}");
      await().atMost(WAIT).until(() -> limits.containsKey("ext_" + base));
      assertThat(limits.get("ext_" + base).scheduleImport().get(0).limitsToRoot().acMaxCurrentA().get().value())
          .isEqualTo(10.0);
      assertThatThrownBy(() -> sut.bridges.add(EvseBinding.of("multi_" + base + "_1", "x", null), ports -> null))
          .isInstanceOf(IllegalArgumentException.class);
      fakes.forEach(FakeEvse::close);
    }
  }

  @Test
  void topicPrefixAppliesToEverythingButTheReplyToInRequests() throws Exception {
    try (Rig rig = new Rig(testOptions(), "site7/", c -> {})) {
      assertThat(rig.hw.con).startsWith("site7/everest_api/1/");
      assertThat(rig.hw.request("get_evse", null).path("id").asInt()).isEqualTo(1);
      long mark = rig.client.mark();
      rig.hw.event("A");
      rig.hw.event("B");
      rig.awaitEvent(mark, "AuthRequired");
      rig.hw.request("authorize_response", FakeEvse.accepted("CARD03"));
      JsonNode start = rig.client.await(rig.hw.pm + "/e2m/start_transaction", mark, j -> true).json();
      assertThat(start.path("headers").path("replyTo").asText()).startsWith("everest_api/1/powermeter/");
      rig.awaitEvent(mark, "TransactionStarted"); // the fake answered on prefix + replyTo
    }
  }

  // ------------------------------------------------------------------ reconnect

  @Test
  void reconnectResubscribesAndRepublishesState() throws Exception {
    int n = IDS.incrementAndGet();
    EvseBinding binding = EvseBinding.of("evse_rc_" + n, "bsp_rc_" + n, "pm_rc_" + n);
    try (TcpProxy proxy = new TcpProxy(brokerPort());
        BridgeFixture sut = new BridgeFixture(MqttSettings.localhost(proxy.port()), testOptions());
        ApiTestClient client = new ApiTestClient(brokerPort());
        FakeEvse hw = new FakeEvse(client, "", binding.consumerModuleId(), binding.boardModuleId(),
            binding.meterModuleId().get())) {
      List<Boolean> connects = new java.util.concurrent.CopyOnWriteArrayList<>();
      sut.mqtt.addConnectionListener(connects::add);
      sut.add(binding, 1, c -> {});
      sut.start();
      hw.keepAlive(300);
      hw.meter(0, 0);
      client.await(hw.con + "/e2m/evse_id");
      hw.capabilities();
      client.await(hw.con + "/e2m/hw_capabilities");
      client.publish(hw.bsp + "/m2e/ac_nr_of_phases", "3");
      client.await(hw.con + "/e2m/ac_nr_of_phases_available", j -> j.asInt() == 3);

      long mark = client.mark();
      proxy.cutConnections();
      await().atMost(WAIT).until(() -> connects.contains(true));
      client.await(hw.con + "/e2m/evse_id", mark, j -> j.asText().equals("DE*TST*E0001*1"));
      client.await(hw.con + "/e2m/hw_capabilities", mark, j -> j.has("max_current_A_import"));
      client.await(hw.con + "/e2m/ac_nr_of_phases_available", mark, j -> j.asInt() == 3);
      client.await(hw.con + "/e2m/session_info", mark, j -> j.path("state").asText().equals("Unplugged"));
      // the driver gets the current board commands again
      client.await(hw.bsp + "/e2m/enable", mark, JsonNode::asBoolean);
      client.await(hw.bsp + "/e2m/cp_state_X1", mark, j -> true);
      client.await(hw.bsp + "/e2m/ac_overcurrent_limit", mark, j -> j.asDouble() == 16.0);
      // subscriptions work again
      assertThat(hw.request("get_evse", null).path("id").asInt()).isEqualTo(1);
      hw.event("A");
      hw.event("B");
      client.await(hw.con + "/e2m/session_event", mark, j -> j.path("event").asText().equals("SessionStarted"));
    }
  }

  // ------------------------------------------------------------------ the simulator as driver

  @Test
  void simulatedHardwareAsDriverChargesAndPublishesTheSession() throws Exception {
    int n = IDS.incrementAndGet();
    EvseBinding binding = EvseBinding.of("evse_sim_" + n, "bsp_sim_" + n, "pm_sim_" + n);
    try (BridgeFixture sut = new BridgeFixture(brokerPort(), testOptions());
        RealTimeLoopGroup simGroup = new RealTimeLoopGroup(1);
        HiveMqConnection driverMqtt = HiveMqConnection.open(MqttSettings.localhost(brokerPort()));
        ApiTestClient client = new ApiTestClient(brokerPort())) {
      client.subscribe("everest_api/1/evse_manager_consumer/" + binding.consumerModuleId() + "/e2m/#");
      String con = "everest_api/1/evse_manager_consumer/" + binding.consumerModuleId();
      // the driver process: simulated board, car and meter behind the driver APIs
      EventLoop simLoop = simGroup.newLoop("sim");
      SimulatedHardware hw = new SimulatedHardware(simLoop, SimulationConfig.defaults());
      DriverBridge driver = DriverBridge.builder(driverMqtt)
          .board(binding.boardModuleId(), hw.board())
          .connectorLock(hw.lock())
          .powerMeter(binding.meterModuleId().get(), hw.meter())
          .executor(simLoop::post)
          .build();
      hw.connect(driver.boardListener(), driver.meterListener(), driver.errorListener());
      driverMqtt.connected().get(10, TimeUnit.SECONDS);
      driver.start().get(10, TimeUnit.SECONDS);
      // the EVSE manager process
      EvseBridge bridge = sut.add(binding, 1, c -> c.disableAuthentication = true);
      sut.start();
      hw.start();
      client.await(con + "/e2m/evse_id");
      await().atMost(WAIT).until(() -> bridge.evse().status().get().activeErrors().isEmpty());
      long mark = client.mark();
      simLoop.post(() -> hw.car().execute("iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 2;"
          + "unplug"));
      client.await(con + "/e2m/session_event", mark, j -> j.path("event").asText().equals("SessionStarted"));
      client.await(con + "/e2m/session_event", mark, j -> j.path("event").asText().equals("ChargingStarted"));
      client.await(con + "/e2m/session_info", mark, j -> j.path("state").asText().equals("Charging")
          && j.path("latest_total_w").asInt() > 1000);
      client.await(con + "/e2m/session_event", mark, j -> j.path("event").asText().equals("TransactionFinished"));
      JsonNode finished = client.await(con + "/e2m/session_event", mark,
          j -> j.path("event").asText().equals("SessionFinished")).json();
      assertThat(finished.path("session_finished").path("meter_value").path("energy_Wh_import").path("total")
          .asDouble()).isGreaterThan(0.0);
      assertThat(bridge.board().rejectedMessages()).isZero();
      assertThat(bridge.meter().get().rejectedMessages()).isZero();
      assertThat(driver.board().get().rejectedMessages()).isZero();
      hw.stop();
      driver.close();
    }
  }

  static List<String> types(EvseStatus s) {
    return s.activeErrors().stream().map(RaisedError::type).toList();
  }

  static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertThatThrownBy(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    return org.assertj.core.api.Assertions.assertThatThrownBy(c);
  }
}
