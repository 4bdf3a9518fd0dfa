package dev.evse.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.mqtt.EmbeddedBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The MQTT benchmark runs end to end (a few samples; no timing is asserted). */
class MqttRoundTripTest {

  @Test
  void measuresBothRoundTrips() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MqttRoundTrip.Figures[] f;
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      f = MqttRoundTrip.measure(broker.url(), "embedded", 20, 3, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }
    assertThat(f[0].samples()).isEqualTo(20);
    assertThat(f[1].samples()).isEqualTo(6);
    assertThat(f[0].p50Us()).isPositive().isLessThanOrEqualTo(f[0].maxUs());
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("request -> reply", "board event -> session_event");
  }
}
