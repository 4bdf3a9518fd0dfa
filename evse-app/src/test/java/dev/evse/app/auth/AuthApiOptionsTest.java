package dev.evse.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code auth_api:} section binds as ConfigLoader binds its sections. */
class AuthApiOptionsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private static AuthApiOptions read(String yaml) throws Exception {
    return YAML.treeToValue(YAML.readTree(yaml), AuthApiOptions.class);
  }

  @Test
  void absentKeysTakeTheDefaults() throws Exception {
    AuthApiOptions o = read("token_validators: [csms]");
    assertThat(o.tokenProviders()).containsExactly("token_provider");
    assertThat(o.tokenValidators()).containsExactly("csms");
    assertThat(o.consumer()).isEqualTo("auth");
    assertThat(o.topicPrefix()).isNull();
    assertThat(o.prefixOr("site7/")).isEqualTo("site7/");
    assertThat(o.requestReplyToS()).isEqualTo(550);
    assertThat(o.problems()).isEmpty();
    assertThat(AuthApiOptions.defaults()).isEqualTo(read("{}"));
  }

  @Test
  void everyKeyBinds() throws Exception {
    AuthApiOptions o = read("""
        token_providers: [rfid, ocpp]
        token_validators: []
        consumer: ""
        topic_prefix: a/
        request_reply_to_s: 30
        """);
    assertThat(o.tokenProviders()).containsExactly("rfid", "ocpp");
    assertThat(o.tokenValidators()).isEmpty();
    assertThat(o.servesConsumer()).isFalse();
    assertThat(o.prefixOr("b/")).isEqualTo("a/");
    assertThat(o.requestReplyToS()).isEqualTo(30);
  }

  @Test
  void problemsNameTheKey() throws Exception {
    AuthApiOptions o = read("""
        token_providers: [rfid, rfid]
        token_validators: ["a/b"]
        consumer: "x+"
        topic_prefix: "#"
        request_reply_to_s: 0
        """);
    assertThat(o.problems()).containsExactly(
        "token_providers[1]: module id rfid listed twice",
        "token_validators[0]: 'a/b' is not a valid module id (one topic level, no / + #)",
        "consumer: 'x+' is not a valid module id (one topic level, no / + #)",
        "topic_prefix: must not contain the wildcards + or #",
        "request_reply_to_s: 0 is outside 1..550");
    assertThatThrownBy(o::validated).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> read("providers: [x]")).isInstanceOf(UnrecognizedPropertyException.class);
    assertThat(AuthApiOptions.defaults().withTokenValidators(List.of("v")).tokenValidators()).containsExactly("v");
  }
}
