package dev.evse.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evse.api.WireExamples;
import dev.evse.api.WireExamples.Example;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every literal example decodes, re-encodes to the same JSON tree, and decodes to an equal value. */
class RoundTripTest {

  static Stream<Example> examples() {
    return WireExamples.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void decodeThenEncodeGivesTheSameTree(Example example) {
    Object value = decode(example.json(), example.type());

    String encoded = WireCodec.encode(value);
    JsonNode expected = WireCodec.parse(example.json());

    assertThat(WireCodec.parse(encoded)).isEqualTo(expected);
    assertThat(WireCodec.toTree(value)).isEqualTo(expected);
    assertThat(decode(encoded, example.type())).isEqualTo(value);
  }

  static Object decode(String json, Object type) {
    return RoundTripTestSupport.decode(json, type);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void encodingNeverWritesNull(Example example) {
    String encoded = WireCodec.encode(decode(example.json(), example.type()));
    assertThat(encoded).doesNotContain("null");
    assertThat(List.of(encoded)).allSatisfy(s -> assertThat(s).doesNotContain("Optional"));
  }
}
