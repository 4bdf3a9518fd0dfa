package dev.evse.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evse.api.codec.WireCodec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A fully populated sample of every record survives encode and decode (needs no EVerest files). */
class SampleRoundTripTest {

  static Stream<Class<?>> records() {
    return Samples.wireTypes().stream().filter(Class::isRecord);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void sampleRoundTrips(Class<?> type) {
    Object sample = Samples.sample(type);
    JsonNode tree = WireCodec.toTree(sample);
    assertThat(WireCodec.decode(tree, type)).isEqualTo(sample);
    assertThat(WireCodec.decode(WireCodec.encode(sample), type)).isEqualTo(sample);
    assertThat(tree.toString()).doesNotContain("null");
  }
}
