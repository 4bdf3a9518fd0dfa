package dev.evse.mqtt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The outside world of one EVSE, from the AsyncAPI files: the hardware driver
 * ({@code evse_board_support}), the meter driver ({@code powermeter}) and the consumer
 * ({@code evse_manager_consumer}), all on one {@link ApiTestClient}. Topic bases as in the spec's
 * conformance notation: {@link #con}, {@link #bsp}, {@link #pm}.
 */
public final class FakeEvse implements AutoCloseable {
  public static final String CAPABILITIES = "{\"max_current_A_import\":32.0,\"min_current_A_import\":6.0,"
      + "\"max_phase_count_import\":3,\"min_phase_count_import\":1,\"max_current_A_export\":0.0,"
      + "\"min_current_A_export\":0.0,\"max_phase_count_export\":3,\"min_phase_count_export\":1,"
      + "\"supports_changing_phases_during_charging\":false,\"connector_type\":\"IEC62196Type2Cable\"}";

  public final ApiTestClient client;
  public final String con;
  public final String bsp;
  public final String pm;
  public final String prefix;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fake-evse");
    t.setDaemon(true);
    return t;
  });
  private ScheduledFuture<?> keepAlive;
  private volatile boolean answerMeter = true;
  private volatile double energyWh = 1000.0;

  public FakeEvse(ApiTestClient client, String prefix, String conId, String bspId, String pmId) throws Exception {
    this.client = client;
    this.prefix = prefix;
    this.con = prefix + "everest_api/1/evse_manager_consumer/" + conId;
    this.bsp = prefix + "everest_api/1/evse_board_support/" + bspId;
    this.pm = prefix + "everest_api/1/powermeter/" + pmId;
    client.subscribe(con + "/e2m/#", bsp + "/e2m/#", pm + "/e2m/#", prefix + "test/reply/#");
    String prefixed = prefix;
    client.addHook(m -> {
      if (!answerMeter || m.json() == null) {
        return;
      }
      if (m.topic().equals(pm + "/e2m/start_transaction")) {
        reply(prefixed, m.json(), "{\"status\":\"OK\"}");
      } else if (m.topic().equals(pm + "/e2m/stop_transaction")) {
        reply(prefixed, m.json(), "{\"status\":\"OK\",\"signed_meter_value\":{\"signed_meter_data\":\"OCMF|{}\","
            + "\"signing_method\":\"\",\"encoding_method\":\"OCMF\"}}");
      }
    });
  }

  private void reply(String prefix, JsonNode request, String body) {
    String replyTo = request.path("headers").path("replyTo").asText("");
    if (!replyTo.isEmpty()) {
      client.publishAsync(prefix + replyTo, body);
    }
  }

  /** Whether the fake meter answers transaction requests. */
  public void answerMeter(boolean on) {
    answerMeter = on;
  }

  /** Sends communication_check true for board and meter now and every {@code periodMs}. */
  public void keepAlive(long periodMs) {
    stopKeepAlive();
    keepAlive = timer.scheduleAtFixedRate(() -> {
      client.publishAsync(bsp + "/m2e/communication_check", "true");
      client.publishAsync(pm + "/m2e/communication_check", "true");
    }, 0, periodMs, TimeUnit.MILLISECONDS);
  }

  public void stopKeepAlive() {
    if (keepAlive != null) {
      keepAlive.cancel(false);
      keepAlive = null;
    }
  }

  // ------------------------------------------------------------ board driver

  public void event(String cp) {
    client.publish(bsp + "/m2e/event", "{\"event\":\"" + cp + "\"}");
  }

  public void capabilities() {
    client.publish(bsp + "/m2e/capabilities", CAPABILITIES);
  }

  // ------------------------------------------------------------ meter driver

  /** Publishes a meter value: the register advanced by {@code addWh}, with {@code powerW}. */
  public void meter(double addWh, double powerW) {
    energyWh += addWh;
    client.publish(pm + "/m2e/powermeter_values", "{\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS)
        + "\",\"energy_Wh_import\":{\"total\":" + energyWh + "},\"power_W\":{\"total\":" + powerW + "}}");
  }

  public double energyWh() {
    return energyWh;
  }

  // ------------------------------------------------------------ consumer

  public JsonNode request(String command, String payloadJson) {
    return client.request(con + "/m2e/" + command, payloadJson, prefix);
  }

  public static String token(String id) {
    return "{\"id_token\":{\"value\":\"" + id + "\",\"type\":\"ISO14443\"},\"authorization_type\":\"RFID\"}";
  }

  /** Payload of the extension command authorize_response with an Accepted result. */
  public static String accepted(String id) {
    return "{\"provided_token\":" + token(id)
        + ",\"validation_result\":{\"authorization_status\":\"Accepted\",\"tariff_messages\":[]}}";
  }

  @Override
  public void close() {
    stopKeepAlive();
    timer.shutdownNow();
  }
}
