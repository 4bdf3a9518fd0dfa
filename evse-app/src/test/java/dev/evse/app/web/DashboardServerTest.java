package dev.evse.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dashboard over HTTP and WebSocket, with two simulated stations in real time. */
@Timeout(60)
class DashboardServerTest {
  private final List<AutoCloseable> toClose = new ArrayList<>();

  private TestStations stations;
  private Dashboard dashboard;
  private WebClient client;

  private void start(Optional<SessionHistory> history) {
    stations = new TestStations(2);
    toClose.add(stations);
    dashboard = Dashboard.start(DashboardOptions.loopback(0), stations.dashboardStations, history);
    toClose.add(0, dashboard);
    client = new WebClient(dashboard);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private static boolean isType(JsonNode m, String type) {
    return type.equals(m.path("type").asText());
  }

  @Test
  void servesThePageItsScriptsAndUplotFromTheWebJar() throws Exception {
    start(Optional.empty());
    assertThat(dashboard.url()).isEqualTo("http://127.0.0.1:" + dashboard.port() + "/");
    HttpResponse<String> page = client.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("/vendor/uplot.js", "/assets/app.js", "EVSE dashboard");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        v -> assertThat(v).contains("frame-ancestors 'none'"));
    assertThat(client.get("/vendor/uplot.js").body()).contains("uPlot");
    assertThat(client.get("/vendor/uplot.css").statusCode()).isEqualTo(200);
    assertThat(client.get("/assets/app.js").body()).contains("new WebSocket");
    assertThat(client.get("/assets/app.css").statusCode()).isEqualTo(200);
    assertThat(client.get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void aNewPageGetsHelloBacklogAndStateThenPushes() throws Exception {
    start(Optional.empty());
    try (WebClient.Socket ws = client.socket()) {
      JsonNode hello = ws.await(m -> true, 5000, "first message");
      assertThat(hello.path("v").asInt()).isEqualTo(1);
      assertThat(hello.path("type").asText()).isEqualTo("hello");
      assertThat(hello.path("evses")).hasSize(2);
      assertThat(hello.path("evses").get(0).path("name").asText()).isEqualTo("EVSE 1");
      assertThat(hello.path("store").asBoolean()).isFalse();
      assertThat(hello.path("errorTypes").get(0).path("type").asText()).isEqualTo("MREC2GroundFailure");
      ws.await(m -> isType(m, "samples") && m.path("evse").asInt() == 2, 5000, "samples of EVSE 2");
      ws.await(m -> isType(m, "events"), 5000, "timeline backlog");
      JsonNode history = ws.await(m -> isType(m, "history"), 5000, "history");
      assertThat(history.path("source").asText()).isEqualTo("memory");
      JsonNode card = ws.awaitCard(1, c -> true, 5000, "state of EVSE 1");
      assertThat(card.path("state").asText()).isEqualTo("Idle");
      assertThat(card.path("cp").asText()).isEqualTo("A");
      assertThat(card.path("car").asText()).isEqualTo("UNPLUGGED");
      assertThat(card.path("session").isNull()).isTrue();
      assertThat(card.path("maxA").asDouble()).isEqualTo(32.0);
      // pushed without asking: the next state arrives by itself
      long before = ws.await(m -> isType(m, "state"), 3000, "a pushed state").path("t").asLong();
      assertThat(ws.await(m -> isType(m, "state"), 3000, "another pushed state").path("t").asLong())
          .isGreaterThanOrEqualTo(before);
      JsonNode api = WebClient.JSON.readTree(client.get("/api/state").body());
      assertThat(api.path("type").asText()).isEqualTo("state");
      assertThat(api.path("evses")).hasSize(2);
    }
  }

  @Test
  void aWholeSessionDrivenByTheControls() throws Exception {
    start(Optional.empty());
    try (WebClient.Socket ws = client.socket()) {
      assertThat(client.control(1, "plug", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(1, c -> c.path("state").asText().equals("WaitingForAuthentication"), 5000, "waiting for auth");
      JsonNode auth = client.control(1, "authorize", "{\"token\":\"TOKEN-42\"}");
      assertThat(auth.path("ok").asBoolean()).as(auth.toString()).isTrue();
      // kernel status and hardware are read a moment apart: wait for a card where all agree
      JsonNode charging = ws.awaitCard(1, c -> c.path("state").asText().equals("Charging")
          && c.path("relays").asBoolean() && c.path("meter").path("powerW").asDouble() > 0, 8000, "charging");
      assertThat(charging.path("cp").asText()).isEqualTo("C");
      assertThat(charging.path("relays").asBoolean()).isTrue();
      assertThat(charging.path("locked").asBoolean()).isTrue();
      assertThat(charging.path("pwm").asDouble()).isBetween(10.0, 96.0);
      assertThat(charging.path("meter").path("l1").asDouble()).isGreaterThan(0);
      assertThat(charging.path("session").path("token").asText()).isEqualTo("TOKEN-42");
      String uuid = charging.path("session").path("uuid").asText();
      assertThat(uuid).isNotEmpty();
      double e1 = charging.path("session").path("energyWh").asDouble();
      JsonNode later = ws.awaitCard(1, c -> c.path("session").path("energyWh").asDouble() > e1, 5000, "rising energy");
      assertThat(later.path("session").path("durationS").asLong()).isGreaterThanOrEqualTo(0);
      // EVSE 2 is untouched
      ws.awaitCard(2, c -> c.path("state").asText().equals("Idle"), 3000, "EVSE 2 idle");

      assertThat(client.control(1, "stop", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(1, c -> !c.path("tx").asBoolean() && !c.path("relays").asBoolean(), 5000, "stopped");
      assertThat(client.control(1, "unplug", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(1, c -> c.path("session").isNull() && c.path("cp").asText().equals("A"), 5000, "unplugged");
      JsonNode history = ws.await(m -> isType(m, "history") && m.path("items").size() == 1, 5000, "history");
      JsonNode s = history.path("items").get(0);
      assertThat(s.path("uuid").asText()).isEqualTo(uuid);
      assertThat(s.path("evse").asInt()).isEqualTo(1);
      assertThat(s.path("token").asText()).isEqualTo("TOKEN-42");
      assertThat(s.path("energyWh").asDouble()).isGreaterThan(0);
      assertThat(s.path("reason").asText()).isEqualTo("Local");
      assertThat(s.path("end").asLong()).isGreaterThanOrEqualTo(s.path("start").asLong());
      assertThat(WebClient.JSON.readTree(client.get("/api/history").body()).path("items").get(0).path("uuid").asText())
          .isEqualTo(uuid);
      List<String> events = new ArrayList<>();
      for (JsonNode m : ws.seen) {
        if (isType(m, "events")) {
          m.path("items").forEach(i -> events.add(i.path("event").asText()));
        }
      }
      assertThat(events).containsSubsequence("SessionStarted", "AuthRequired", "TransactionStarted",
          "ChargingStarted", "TransactionFinished", "SessionFinished");
      assertThat(events).contains("plug", "authorize", "stop", "unplug");
    }
  }

  @Test
  void pausesAndResumesFromBothSides() throws Exception {
    start(Optional.empty());
    try (WebClient.Socket ws = client.socket()) {
      client.control(1, "plug", "{}");
      ws.awaitCard(1, c -> c.path("state").asText().equals("WaitingForAuthentication"), 5000, "waiting for auth");
      client.control(1, "authorize", "{\"token\":\"A1\"}");
      ws.awaitCard(1, c -> c.path("state").asText().equals("Charging"), 8000, "charging");
      assertThat(client.control(1, "pause", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(1, c -> c.path("state").asText().equals("ChargingPausedEVSE"), 5000, "paused by the EVSE");
      assertThat(client.control(1, "resume", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(1, c -> c.path("state").asText().equals("Charging"), 5000, "charging again");
      assertThat(client.control(1, "ev-pause", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(1, c -> c.path("state").asText().equals("ChargingPausedEV"), 5000, "paused by the car");
      assertThat(client.control(1, "ev-resume", "{}").path("ok").asBoolean()).isTrue();
      // the kernel turns the PWM back on some seconds after an EV pause (X1 meanwhile)
      ws.awaitCard(1, c -> c.path("state").asText().equals("Charging"), 12000, "the car charges again");
      JsonNode refused = client.control(1, "plug", "{}");
      assertThat(refused.path("status").asInt()).isEqualTo(200);
      assertThat(refused.path("ok").asBoolean()).isFalse();
      assertThat(refused.path("message").asText()).contains("already plugged");
    }
  }

  @Test
  void kernelCommandsBudgetAndHardwareErrors() throws Exception {
    start(Optional.empty());
    try (WebClient.Socket ws = client.socket()) {
      assertThat(client.control(2, "disable", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(2, c -> c.path("state").asText().equals("Disabled") && !c.path("enabled").asBoolean(), 5000,
          "disabled");
      assertThat(client.control(2, "enable", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(2, c -> c.path("state").asText().equals("Idle") && c.path("enabled").asBoolean(), 5000, "enabled");

      JsonNode reserve = client.control(2, "reserve", "{\"reservationId\":7}");
      assertThat(reserve.path("ok").asBoolean()).as(reserve.toString()).isTrue();
      assertThat(reserve.path("message").asText()).contains("7");
      ws.awaitCard(2, c -> c.path("reserved").asBoolean(), 5000, "reserved");
      assertThat(client.control(2, "cancel-reservation", "{}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(2, c -> !c.path("reserved").asBoolean(), 5000, "reservation cancelled");

      assertThat(client.control(2, "budget", "{\"amps\":10}").path("ok").asBoolean()).isTrue();
      assertThat(stations.budgets).containsExactly(10.0);
      ws.awaitCard(2, c -> c.path("maxA").asDouble() == 10.0, 5000, "budget 10 A");

      assertThat(client.control(2, "raise-error", "{\"type\":\"MREC2GroundFailure\"}").path("ok").asBoolean()).isTrue();
      JsonNode faulty = ws.awaitCard(2, c -> c.path("errors").size() > 0, 5000, "an error");
      assertThat(faulty.path("errors").findValuesAsText("type")).contains("evse_board_support/MREC2GroundFailure");
      assertThat(client.control(2, "raise-error", "{\"type\":\"MREC2GroundFailure\"}").path("ok").asBoolean()).isFalse();
      assertThat(client.control(2, "clear-error", "{\"type\":\"MREC2GroundFailure\"}").path("ok").asBoolean()).isTrue();
      ws.awaitCard(2, c -> c.path("errors").isEmpty(), 5000, "errors cleared");
      List<String> lines = new ArrayList<>();
      ws.seen.stream().filter(m -> isType(m, "events"))
          .forEach(m -> m.path("items").forEach(i -> lines.add(i.path("kind").asText() + ":" + i.path("event").asText())));
      assertThat(lines).containsSubsequence("control:raise-error", "error:ErrorRaised", "control:clear-error",
          "error:ErrorCleared");
    }
  }

  @Test
  void controlsCheckTheirInput() throws Exception {
    start(Optional.empty());
    HttpResponse<String> noHeader = client.post("/api/evse/1/stop", "{}");
    assertThat(noHeader.statusCode()).isEqualTo(403);
    assertThat(client.control(9, "stop", "{}").path("status").asInt()).isEqualTo(404);
    assertThat(client.control(1, "explode", "{}").path("status").asInt()).isEqualTo(404);
    assertThat(client.control(1, "budget", "{\"amps\":500}").path("status").asInt()).isEqualTo(400);
    assertThat(client.control(1, "budget", "{\"amps\":\"ten\"}").path("status").asInt()).isEqualTo(400);
    assertThat(client.control(1, "authorize", "{\"token\":\"\"}").path("status").asInt()).isEqualTo(400);
    assertThat(client.control(1, "authorize", "{\"token\":\"no spaces\"}").path("status").asInt()).isEqualTo(400);
    assertThat(client.control(1, "raise-error", "{\"type\":\"Nonsense\"}").path("status").asInt()).isEqualTo(400);
    assertThat(client.control(1, "reserve", "{\"reservationId\":-3}").path("status").asInt()).isEqualTo(400);
    HttpResponse<String> notJson = client.post("/api/evse/1/stop", "stop!", Dashboard.CSRF_HEADER, "1");
    assertThat(notJson.statusCode()).isEqualTo(400);
    JsonNode refused = client.control(1, "stop", "");
    assertThat(refused.path("status").asInt()).isEqualTo(200);
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(stations.budgets).isEmpty();
  }

  @Test
  void historyComesFromTheStoreMergedWithSessionsSeen() throws Exception {
    SessionSummary stored = new SessionSummary("stored-1", 1, Instant.parse("2026-01-01T10:00:00Z"),
        Instant.parse("2026-01-01T11:00:00Z"), "OLDCARD", 7400.0, "EVDisconnected");
    start(Optional.of((evse, limit) -> evse == 1 ? List.of(stored) : List.of()));
    try (WebClient.Socket ws = client.socket()) {
      JsonNode hello = ws.await(m -> isType(m, "hello"), 5000, "hello");
      assertThat(hello.path("store").asBoolean()).isTrue();
      JsonNode h = ws.await(m -> isType(m, "history"), 5000, "history");
      assertThat(h.path("source").asText()).isEqualTo("store");
      assertThat(h.path("items")).hasSize(1);
      assertThat(h.path("items").get(0).path("token").asText()).isEqualTo("OLDCARD");
      assertThat(h.path("items").get(0).path("energyWh").asDouble()).isEqualTo(7400.0);
    }
  }

  @Test
  void aFailingStoreFallsBackToTheSessionsSeen() throws Exception {
    start(Optional.of((evse, limit) -> {
      throw new IllegalStateException("database locked");
    }));
    try (WebClient.Socket ws = client.socket()) {
      JsonNode h = ws.await(m -> isType(m, "history"), 5000, "history");
      assertThat(h.path("note").asText()).contains("database locked");
      assertThat(h.path("items")).isEmpty();
    }
  }

  @Test
  void closeStopsTheServerAndDetaches() throws Exception {
    start(Optional.empty());
    int port = dashboard.port();
    dashboard.close();
    dashboard.close();
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
      throw new AssertionError("port " + port + " still open");
    } catch (java.io.IOException expected) {
      // closed
    }
  }
}
