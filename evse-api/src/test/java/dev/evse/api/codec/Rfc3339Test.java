package dev.evse.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  @Test
  void formatsUtcWithMillisecondsAndZ() {
    assertThat(Rfc3339.format(Instant.parse("2024-05-06T09:51:28.123456Z")))
        .isEqualTo("2024-05-06T09:51:28.123Z");
    assertThat(Rfc3339.format(Instant.parse("2024-05-06T09:51:28Z"))).isEqualTo("2024-05-06T09:51:28.000Z");
    assertThat(Rfc3339.format(Instant.EPOCH)).hasSize(24);
    assertThat(Rfc3339.now()).hasSize(24).endsWith("Z");
  }

  @Test
  void parsesAnyRfc3339() {
    Instant t = Instant.parse("2024-05-06T09:51:28.123Z");
    assertThat(Rfc3339.parse("2024-05-06T09:51:28.123Z")).isEqualTo(t);
    assertThat(Rfc3339.parse("2024-05-06T11:51:28.123+02:00")).isEqualTo(t);
    assertThat(Rfc3339.parse("2024-05-06t09:51:28.123z")).isEqualTo(t);
    assertThat(Rfc3339.parse("2024-05-06T09:51:28.123000000Z")).isEqualTo(t);
    assertThat(Rfc3339.parse("2024-05-06T09:51:28Z")).isEqualTo(Instant.parse("2024-05-06T09:51:28Z"));
    assertThat(Rfc3339.parse(Rfc3339.format(t))).isEqualTo(t);
  }

  @Test
  void rejectsNonRfc3339() {
    for (String bad :
        new String[] {"2024-05-06", "2024-05-06T09:51Z", "2024-05-06T09:51:28", "2024-13-06T09:51:28Z",
            "2024-05-06 09:51:28Z", "1715000000", ""}) {
      assertThat(Rfc3339.isValid(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> Rfc3339.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
