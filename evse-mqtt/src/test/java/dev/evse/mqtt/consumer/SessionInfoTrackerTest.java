package dev.evse.mqtt.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionInfoTrackerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private final SessionInfoTracker t = new SessionInfoTracker();

  private static String meter(double wh) {
    return "{\"timestamp\":\"2026-01-01T10:00:00.000Z\",\"energy_Wh_import\":{\"total\":" + wh + "}}";
  }

  private static SessionEvent event(String event, int atS, String extra) {
    return WireCodec.decode("{\"uuid\":\"s1\",\"timestamp\":\"" + T0.plusSeconds(atS) + "\",\"event\":\"" + event + "\""
        + (extra.isEmpty() ? "" : "," + extra) + "}", SessionEvent.class);
  }

  private static Powermeter pm(double wh, double w) {
    return WireCodec.decode("{\"timestamp\":\"2026-01-01T10:00:00.000Z\",\"energy_Wh_import\":{\"total\":" + wh
        + "},\"power_W\":{\"total\":" + w + "}}", Powermeter.class);
  }

  @Test
  void nothingBeforeTheFirstEventAndNoMeterUpdatesWhileIdle() {
    assertThat(t.snapshot(T0)).isEmpty();
    assertThat(t.onPowermeter(pm(1, 1), T0)).isEmpty();
    assertThat(t.onSessionEvent(event("Enabled", 0, ""), T0).state()).isEqualTo(EvseStateEnum.Unplugged);
    assertThat(t.onPowermeter(pm(1, 1), T0)).isEmpty();
    assertThat(t.onSelectedProtocol("IEC61851-1", T0)).isEmpty();
  }

  @Test
  void followsASession() {
    SessionInfo i = t.onSessionEvent(event("SessionStarted", 0,
        "\"session_started\":{\"reason\":\"EVConnected\",\"meter_value\":" + meter(1000) + "}"), T0);
    assertThat(i.state()).isEqualTo(EvseStateEnum.Preparing);
    assertThat(i.sessionStartTime()).contains("2026-01-01T10:00:00.000Z");
    assertThat(t.onSessionEvent(event("AuthRequired", 1, ""), T0).state()).isEqualTo(EvseStateEnum.AuthRequired);
    // no transaction yet: energy stays 0
    assertThat(t.onPowermeter(pm(1100, 0), T0.plusSeconds(2)).get().chargedEnergyWh()).isZero();
    i = t.onSessionEvent(event("TransactionStarted", 3, "\"transaction_started\":{\"id_tag\":{\"id_token\":"
        + "{\"value\":\"A\",\"type\":\"ISO14443\"},\"authorization_type\":\"RFID\"},\"meter_value\":" + meter(1100) + "}"),
        T0.plusSeconds(3));
    assertThat(i.transactionStartTime()).contains("2026-01-01T10:00:03.000Z");
    assertThat(i.transactionDurationS()).contains(0L);
    assertThat(t.onSessionEvent(event("ChargingStarted", 4, ""), T0).state()).isEqualTo(EvseStateEnum.Charging);
    i = t.onPowermeter(pm(1600.7, 7360.9), T0.plusSeconds(63)).get();
    assertThat(i.chargedEnergyWh()).isEqualTo(500);
    assertThat(i.latestTotalW()).isEqualTo(7360);
    assertThat(i.sessionDurationS()).isEqualTo(63);
    assertThat(i.transactionDurationS()).contains(60L);
    assertThat(t.onSelectedProtocol("IEC61851-1", T0.plusSeconds(64)).get().selectedProtocol()).contains("IEC61851-1");
    assertThat(t.onSessionEvent(event("ChargingPausedEVSE", 65, ""), T0).state())
        .isEqualTo(EvseStateEnum.ChargingPausedEVSE);
    assertThat(t.onSessionEvent(event("StoppingCharging", 66, ""), T0).state()).isEqualTo(EvseStateEnum.FinishedEV);
    i = t.onSessionEvent(event("TransactionFinished", 70, "\"transaction_finished\":{\"meter_value\":" + meter(1700)
        + ",\"reason\":\"Local\"}"), T0.plusSeconds(70));
    assertThat(i.state()).isEqualTo(EvseStateEnum.FinishedEVSE);
    assertThat(i.chargedEnergyWh()).isEqualTo(600);
    assertThat(i.transactionEndTime()).contains("2026-01-01T10:01:10.000Z");
    // after the transaction the meter no longer counts
    assertThat(t.onPowermeter(pm(1800, 0), T0.plusSeconds(80)).get().chargedEnergyWh()).isEqualTo(600);
    i = t.onSessionEvent(event("SessionFinished", 90, "\"session_finished\":{\"meter_value\":" + meter(1800) + "}"),
        T0.plusSeconds(95));
    assertThat(i.state()).isEqualTo(EvseStateEnum.Unplugged);
    assertThat(i.sessionEndTime()).contains("2026-01-01T10:01:30.000Z");
    assertThat(i.sessionDurationS()).isEqualTo(90);
    // a new session resets everything
    i = t.onSessionEvent(event("SessionStarted", 100,
        "\"session_started\":{\"reason\":\"EVConnected\",\"meter_value\":" + meter(1800) + "}"), T0.plusSeconds(100));
    assertThat(i.chargedEnergyWh()).isZero();
    assertThat(i.latestTotalW()).isZero();
    assertThat(i.transactionStartTime()).isEmpty();
    assertThat(i.sessionEndTime()).isEmpty();
    assertThat(i.selectedProtocol()).isEmpty();
  }

  @Test
  void stateMapping() {
    assertThat(t.onSessionEvent(event("Disabled", 0, ""), T0).state()).isEqualTo(EvseStateEnum.Disabled);
    assertThat(t.onSessionEvent(event("PluginTimeout", 0, ""), T0).state()).isEqualTo(EvseStateEnum.AuthTimeout);
    assertThat(t.onSessionEvent(event("Authorized", 0, ""), T0).state()).isEqualTo(EvseStateEnum.AuthTimeout);
    assertThat(t.onSessionEvent(event("ChargingFinished", 0, ""), T0).state()).isEqualTo(EvseStateEnum.Finished);
    assertThat(t.onSessionEvent(event("TransactionFinished", 0, "\"transaction_finished\":{\"meter_value\":"
        + meter(1) + ",\"reason\":\"EVDisconnected\"}"), T0).state()).isEqualTo(EvseStateEnum.Finished);
    assertThat(t.onSessionEvent(event("ChargingPausedEV", 0, ""), T0).state()).isEqualTo(EvseStateEnum.ChargingPausedEV);
    assertThat(t.onSessionEvent(event("PrepareCharging", 0, ""), T0).state()).isEqualTo(EvseStateEnum.Preparing);
    assertThat(WireCodec.encode(t.snapshot(T0).get())).contains("\"state\":\"Preparing\"")
        .contains("\"timestamp\":\"2026-01-01T10:00:00.000Z\"").doesNotContain("null");
  }
}
