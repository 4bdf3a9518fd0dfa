package dev.evse.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestTest {
  @Test
  void readsTheEnvelope() {
    Request r = Request.parse("{\"headers\":{\"replyTo\":\"t/1\"},\"payload\":{\"reason\":\"Local\"},\"x\":1}");
    assertThat(r.replyTo()).isEqualTo("t/1");
    assertThat(r.requirePayload().path("reason").asText()).isEqualTo("Local");
    Request none = Request.parse("{}");
    assertThat(none.wantsReply()).isFalse();
    assertThat(none.payload()).isEmpty();
    none.requireNoPayload("get_evse");
    Request.parse("{\"payload\":{}}").requireNoPayload("get_evse");
    Request.parse("{\"payload\":null}").requireNoPayload("get_evse");
  }

  @Test
  void namesWhatIsWrong() {
    assertThatThrownBy(() -> Request.parse("nope")).isInstanceOf(BadMessage.class).hasMessageContaining("malformed");
    assertThatThrownBy(() -> Request.parse("")).isInstanceOf(BadMessage.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Request.parse("[]")).hasMessageContaining("request object");
    assertThatThrownBy(() -> Request.parse("{\"headers\":1}")).hasMessageContaining("headers");
    assertThatThrownBy(() -> Request.parse("{\"headers\":{\"replyTo\":1}}")).hasMessageContaining("headers.replyTo");
    assertThatThrownBy(() -> Request.parse("{}").requirePayload()).hasMessage("payload: required field missing");
    assertThatThrownBy(() -> Request.parse("{\"payload\":3}").requireNoPayload("pause_charging"))
        .hasMessageContaining("pause_charging takes no payload");
  }

  @Test
  void bareScalars() {
    assertThat(Payloads.bool("true")).isTrue();
    assertThatThrownBy(() -> Payloads.bool("1")).hasMessageContaining("expected boolean");
    assertThat(Payloads.integer(Payloads.parse("3"), "", 1, 3)).isEqualTo(3);
    assertThat(Payloads.integer(Payloads.parse("3.0"), "", 1, 3)).isEqualTo(3);
    assertThatThrownBy(() -> Payloads.integer(Payloads.parse("4"), "", 1, 3)).hasMessageContaining("outside 1..3");
    assertThatThrownBy(() -> Payloads.integer(Payloads.parse("2.5"), "payload", 1, 3))
        .hasMessageContaining("payload: expected integer");
    assertThat(Payloads.string("\"k\"")).isEqualTo("k");
    assertThatThrownBy(() -> Payloads.string("k")).isInstanceOf(BadMessage.class);
  }
}
