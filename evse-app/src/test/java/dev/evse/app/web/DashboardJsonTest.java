package dev.evse.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.ChargingPausedEVSEReasons;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.PauseChargingEVSEReasonEnum;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.SessionStarted;
import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.TransactionFinished;
import dev.evse.api.types.TransactionStarted;
import dev.evse.core.EvseStatus;
import dev.evse.core.charger.ChargerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapping of kernel events and status to what the page gets, without any server. */
class DashboardJsonTest {
  private static final String UUID = "5b2a1c9e-0000-4000-8000-000000000001";
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  private static ProvidedIdToken token(String value) {
    return new ProvidedIdToken(Optional.empty(), new IdToken(value, IdTokenType.ISO14443, Optional.empty()),
        Optional.empty(), AuthorizationType.RFID, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static Powermeter meter(Instant at, double wh) {
    return Powermeter.of(at.toString(), wh);
  }

  private static SessionEvent event(SessionEventEnum type, Instant at) {
    return SessionEvent.of(UUID, at.toString(), type);
  }

  private static SessionEvent sessionStarted(Instant at) {
    return new SessionEvent(UUID, at.toString(), Optional.of(1), SessionEventEnum.SessionStarted,
        Optional.of(new SessionStarted(StartSessionReason.EVConnected, Optional.empty(), meter(at, 1000), Optional.empty(),
            Optional.empty(), Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  private static SessionEvent transactionStarted(Instant at, double wh) {
    return new SessionEvent(UUID, at.toString(), Optional.of(1), SessionEventEnum.TransactionStarted, Optional.empty(),
        Optional.empty(), Optional.of(new TransactionStarted(token("CARD7"), meter(at, wh), Optional.empty(),
            Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static SessionEvent transactionFinished(Instant at, double wh) {
    return new SessionEvent(UUID, at.toString(), Optional.of(1), SessionEventEnum.TransactionFinished, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(new TransactionFinished(meter(at, wh), Optional.empty(),
            Optional.empty(), Optional.of(StopTransactionReason.Local), Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static EvseStatus status(ChargerState state, List<RaisedError> errors, double meterWh) {
    return new EvseStatus(state, UUID, true, true, true, "C", 26.67, true, 16.0, 3, false, true, errors,
        Optional.of(meter(T0, meterWh)));
  }

  private static final HardwareReading CHARGING = new HardwareReading("CHARGING_REGULATED", "C", true, true, 16.0, 16.0,
      16.0, 11040.0, 1500.0);

  @Test
  void aSessionBecomesASummaryWithTheTransactionsEnergy() {
    SessionTracker t = new SessionTracker(1);
    assertThat(t.current()).isEmpty();
    SessionTracker.Outcome started = t.onSessionEvent(sessionStarted(T0), T0);
    assertThat(started.entry().event()).isEqualTo("SessionStarted");
    assertThat(started.entry().text()).isEqualTo("Session started (car plugged in)");
    assertThat(started.entry().timeMs()).isEqualTo(T0.toEpochMilli());
    assertThat(t.current()).hasValueSatisfying(c -> {
      assertThat(c.uuid()).isEqualTo(UUID);
      assertThat(c.token()).isEmpty();
      assertThat(c.energyWh(5000)).isZero();
    });
    SessionTracker.Outcome tx = t.onSessionEvent(transactionStarted(T0.plusSeconds(5), 1200), T0);
    assertThat(tx.entry().text()).isEqualTo("Transaction started with token CARD7, meter at 1.200 kWh");
    assertThat(t.current().orElseThrow().energyWh(1700)).isEqualTo(500.0);
    SessionTracker.Outcome fin = t.onSessionEvent(transactionFinished(T0.plusSeconds(600), 3400), T0);
    assertThat(fin.entry().text()).isEqualTo("Transaction finished (Local), 2.200 kWh charged");
    assertThat(t.current().orElseThrow().energyWh(9999)).isEqualTo(2200.0);
    SessionTracker.Outcome end = t.onSessionEvent(event(SessionEventEnum.SessionFinished, T0.plusSeconds(660)), T0);
    assertThat(t.current()).isEmpty();
    assertThat(end.finished()).contains(new SessionSummary(UUID, 1, T0, T0.plusSeconds(660), "CARD7", 2200.0, "Local"));
  }

  @Test
  void aSessionWithoutTransactionHasNoEnergyNorToken() {
    SessionTracker t = new SessionTracker(2);
    t.onSessionEvent(sessionStarted(T0), T0);
    t.onSessionEvent(event(SessionEventEnum.AuthRequired, T0.plusSeconds(1)), T0);
    SessionSummary s = t.onSessionEvent(event(SessionEventEnum.SessionFinished, T0.plusSeconds(30)), T0)
        .finished().orElseThrow();
    assertThat(s.evseId()).isEqualTo(2);
    assertThat(s.idToken()).isEmpty();
    assertThat(s.energyWh()).isZero();
    assertThat(s.stopReason()).isEmpty();
  }

  @Test
  void everyEventHasAReadableLineAndABadTimestampFallsBack() {
    SessionTracker t = new SessionTracker(1);
    for (SessionEventEnum e : SessionEventEnum.values()) {
      SessionTracker.Outcome o = t.onSessionEvent(event(e, T0), T0);
      assertThat(o.entry().text()).as(e.name()).isNotBlank();
      assertThat(o.entry().kind()).isEqualTo("session");
    }
    SessionEvent paused = new SessionEvent(UUID, T0.toString(), Optional.empty(), SessionEventEnum.ChargingPausedEVSE,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new ChargingPausedEVSEReasons(List.of(PauseChargingEVSEReasonEnum.NoEnergy))), Optional.empty(),
        Optional.empty(), Optional.empty());
    assertThat(t.onSessionEvent(paused, T0).entry().text()).isEqualTo("Charger paused charging (NoEnergy)");
    assertThat(SessionTracker.parseTime("yesterday", T0)).isEqualTo(T0);
  }

  @Test
  void aCardCarriesStateHardwareAndSession() {
    SessionTracker t = new SessionTracker(1);
    t.onSessionEvent(sessionStarted(T0), T0);
    t.onSessionEvent(transactionStarted(T0, 1000), T0);
    RaisedError err = RaisedError.of("evse_board_support/MREC2GroundFailure", "", "simulated", Severity.High);
    JsonNode card = DashboardJson.evse(1, "EVSE 1", status(ChargerState.Charging, List.of(err), 1500.04), CHARGING,
        t.current(), T0.plusSeconds(125));
    assertThat(card.path("id").asInt()).isEqualTo(1);
    assertThat(card.path("name").asText()).isEqualTo("EVSE 1");
    assertThat(card.path("state").asText()).isEqualTo("Charging");
    assertThat(card.path("stateText").asText()).isEqualTo("Charging");
    assertThat(card.path("cp").asText()).isEqualTo("C");
    assertThat(card.path("pwm").asDouble()).isEqualTo(26.7);
    assertThat(card.path("relays").asBoolean()).isTrue();
    assertThat(card.path("locked").asBoolean()).isTrue();
    assertThat(card.path("maxA").asDouble()).isEqualTo(16.0);
    assertThat(card.path("phases").asInt()).isEqualTo(3);
    assertThat(card.path("car").asText()).isEqualTo("CHARGING_REGULATED");
    assertThat(card.path("errors").get(0).path("type").asText()).isEqualTo("evse_board_support/MREC2GroundFailure");
    assertThat(card.path("errors").get(0).path("sev").asText()).isEqualTo("High");
    JsonNode session = card.path("session");
    assertThat(session.path("uuid").asText()).isEqualTo(UUID);
    assertThat(session.path("token").asText()).isEqualTo("CARD7");
    assertThat(session.path("energyWh").asDouble()).isEqualTo(500.0);
    assertThat(session.path("durationS").asLong()).isEqualTo(125);
    assertThat(session.path("start").asLong()).isEqualTo(T0.toEpochMilli());
    assertThat(card.path("meter").path("powerW").asDouble()).isEqualTo(11040.0);
    assertThat(card.path("meter").path("energyWh").asDouble()).isEqualTo(1500.0);
    assertThat(card.path("meter").path("l3").asDouble()).isEqualTo(16.0);
    // small: one card stays well under a kilobyte
    assertThat(card.toString().length()).isLessThan(1024);
  }

  @Test
  void withoutSessionTheCardSaysSoAndFallsBackToTheBoardsCp() {
    EvseStatus idle = new EvseStatus(ChargerState.Idle, "", false, false, false, "A", 0.0, false, 32.0, 3, false, true,
        List.of(), Optional.empty());
    HardwareReading hw = new HardwareReading("UNPLUGGED", null, false, false, 0, 0, 0, 0, 42.0);
    JsonNode card = DashboardJson.evse(1, "EVSE 1", idle, hw, Optional.empty(), T0);
    assertThat(card.path("session").isNull()).isTrue();
    assertThat(card.path("cp").asText()).isEqualTo("A");
    assertThat(card.path("meter").path("energyWh").asDouble()).isEqualTo(42.0);
    assertThat(card.path("errors")).isEmpty();
  }

  @Test
  void messagesAreVersionedAndTyped() {
    JsonNode history = DashboardJson.history("memory", "no store", List.of(
        new SessionSummary(UUID, 1, T0, T0.plusSeconds(60), "CARD7", 123.456, "Local")));
    assertThat(history.path("v").asInt()).isEqualTo(1);
    assertThat(history.path("type").asText()).isEqualTo("history");
    JsonNode item = history.path("items").get(0);
    assertThat(item.path("start").asLong()).isEqualTo(T0.toEpochMilli());
    assertThat(item.path("end").asLong()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    assertThat(item.path("energyWh").asDouble()).isEqualTo(123.5);
    JsonNode events = DashboardJson.events(List.of(new SessionTracker.TimelineEntry(5, 2, "control", "stop", "Dashboard: stop")));
    assertThat(events.path("items").get(0).path("evse").asInt()).isEqualTo(2);
    assertThat(events.path("items").get(0).path("kind").asText()).isEqualTo("control");
    assertThat(DashboardJson.round(Double.NaN, 1)).isZero();
    assertThat(StationControls.ERROR_TYPES).containsEntry("MREC2GroundFailure", "Ground fault (RCD)");
    assertThat(Map.copyOf(StationControls.ERROR_TYPES)).hasSize(StationControls.ERROR_TYPES.size());
  }

  @Test
  void theViewTurnsErrorChangesIntoTimelineLinesAndKeepsAWindowOfSamples() {
    try (TestStations ts = new TestStations(1, false)) {
      StationView v = new StationView(ts.dashboardStations.get(0));
      RaisedError err = RaisedError.of("evse_board_support/DiodeFault", "", "", Severity.High);
      assertThat(v.apply(status(ChargerState.Charging, List.of(), 0), CHARGING, T0)).isEmpty();
      List<SessionTracker.TimelineEntry> raised = v.apply(status(ChargerState.Charging, List.of(err), 0), CHARGING,
          T0.plusSeconds(1));
      assertThat(raised).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo("error");
        assertThat(e.event()).isEqualTo("ErrorRaised");
        assertThat(e.text()).contains("evse_board_support/DiodeFault");
      });
      assertThat(v.apply(status(ChargerState.Charging, List.of(err), 0), CHARGING, T0.plusSeconds(2))).isEmpty();
      assertThat(v.apply(status(ChargerState.Idle, List.of(), 0), CHARGING, T0.plusSeconds(3)))
          .singleElement().satisfies(e -> assertThat(e.event()).isEqualTo("ErrorCleared"));
      for (int i = 4; i < 400; i++) {
        v.apply(status(ChargerState.Charging, List.of(), 0), CHARGING, T0.plusSeconds(i));
      }
      JsonNode samples = v.samplesJson();
      assertThat(samples.path("type").asText()).isEqualTo("samples");
      assertThat(samples.path("t")).hasSize(301); // five minutes at one per second
      assertThat(samples.path("kw").get(0).asDouble()).isEqualTo(11.04);
      assertThat(samples.path("t").get(300).asDouble()).isEqualTo(T0.plusSeconds(399).getEpochSecond());
    }
  }
}
