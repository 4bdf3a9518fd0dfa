package dev.evse.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evse.api.EverestDir;
import dev.evse.api.WireExamples;
import dev.evse.api.WireExamples.Example;
import dev.evse.api.codec.RoundTripTestSupport;
import dev.evse.api.codec.WireCodec;
import dev.evse.api.types.EverestType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates our JSON against EVerest's own type schemas (read from {@code shared/everest/types}
 * when present, skipped otherwise) and checks that the Java types mirror the YAML exactly.
 */
class EverestSchemaTest {
  /** Type files in scope, and for iso15118 the only types in scope (the rest serve ISO15118_charger). */
  static final List<String> FILES =
      List.of("evse_manager", "authorization", "text_message", "iso15118", "evse_board_support",
          "board_support_common", "powermeter", "units", "units_signed", "temperature", "energy",
          "energy_price_information", "power_supply_DC", "isolation_monitor", "slac",
          "dc_external_derate", "uk_random_delay");
  static final Set<String> ISO15118_IN_SCOPE = Set.of("EnergyTransferMode", "CertificateHashDataInfo");

  static EverestSchemas schemas;

  @BeforeAll
  static void load() {
    EverestDir.find().ifPresent(dir -> schemas = new EverestSchemas(dir));
  }

  static EverestSchemas schemas() {
    EverestDir.require("schema validation");
    return schemas;
  }

  static Stream<Example> examples() {
    return WireExamples.all().stream().filter(e -> e.schemaRef() != null);
  }

  static Stream<Class<?>> records() {
    return Samples.wireTypes().stream().filter(Class::isRecord);
  }

  static Stream<Class<?>> enums() {
    return Samples.wireTypes().stream().filter(Class::isEnum);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleEncodesToSchemaValidJson(Example example) {
    EverestSchemas s = schemas();
    String[] ref = example.schemaRef().split("#");
    JsonNode encoded = WireCodec.toTree(RoundTripTestSupport.decode(example.json(), example.type()));
    List<JsonNode> instances = new ArrayList<>();
    if (example.array()) {
      encoded.forEach(instances::add);
    } else {
      instances.add(encoded);
    }
    for (JsonNode instance : instances) {
      assertThat(s.validate(ref[0], ref[1], "", instance)).as(instance.toString()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void aFullSampleOfEveryRecordIsSchemaValid(Class<?> type) {
    EverestSchemas s = schemas();
    EverestType t = type.getAnnotation(EverestType.class);
    JsonNode encoded = WireCodec.toTree(Samples.sample(type));
    assertThat(s.validate(t.file(), t.name(), "", encoded)).as(encoded.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enums")
  void enumConstantsAreExactlyTheYamlValues(Class<?> type) {
    EverestSchemas s = schemas();
    EverestType t = type.getAnnotation(EverestType.class);
    JsonNode schema = s.types(t.file()).get(t.name());
    if (!t.property().isEmpty()) {
      schema = schema.path("properties").path(t.property());
    }
    List<String> yaml = new ArrayList<>();
    schema.path("enum").forEach(v -> yaml.add(v.asText()));
    List<String> java =
        Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.toList());
    assertThat(java).containsExactlyElementsOf(yaml);
    for (Object c : type.getEnumConstants()) {
      JsonNode encoded = WireCodec.toTree(c);
      assertThat(encoded).isEqualTo(TextNode.valueOf(((Enum<?>) c).name()));
      assertThat(s.validate(t.file(), t.name(), t.property(), encoded)).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void recordComponentsAreExactlyTheYamlProperties(Class<?> type) {
    EverestSchemas s = schemas();
    EverestType t = type.getAnnotation(EverestType.class);
    JsonNode schema = s.types(t.file()).get(t.name());
    Set<String> yamlProps = new LinkedHashSet<>();
    schema.path("properties").properties().forEach(e -> yamlProps.add(e.getKey()));
    Set<String> yamlRequired = new HashSet<>();
    schema.path("required").forEach(r -> yamlRequired.add(r.asText()));

    Set<String> javaProps = new LinkedHashSet<>();
    Set<String> javaRequired = new HashSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
      assertThat(p).as(c.getName() + " has @JsonProperty").isNotNull();
      javaProps.add(p.value());
      if (c.getType() != Optional.class) {
        javaRequired.add(p.value());
        assertThat(p.required()).as(p.value() + " is marked required").isTrue();
      }
    }
    assertThat(javaProps).containsExactlyElementsOf(yamlProps);
    assertThat(javaRequired).isEqualTo(yamlRequired);
  }

  @Test
  void everyTypeInScopeHasAJavaType() {
    EverestSchemas s = schemas();
    Set<String> java = new TreeSet<>();
    for (Class<?> c : Samples.wireTypes()) {
      EverestType t = c.getAnnotation(EverestType.class);
      java.add(t.file() + "#" + t.name() + (t.property().isEmpty() ? "" : "." + t.property()));
    }
    Set<String> yaml = new TreeSet<>();
    for (String file : FILES) {
      for (Map.Entry<String, JsonNode> e : s.types(file).entrySet()) {
        if (file.equals("iso15118") && !ISO15118_IN_SCOPE.contains(e.getKey())) {
          continue;
        }
        yaml.add(file + "#" + e.getKey());
        e.getValue().path("properties").properties().forEach(p -> {
          if (p.getValue().has("enum") && !p.getValue().has("$ref")) {
            yaml.add(file + "#" + e.getKey() + "." + p.getKey());
          }
        });
      }
    }
    assertThat(java).isEqualTo(yaml);
  }

  @Test
  void theValidatorRejectsWhatEverestRejects() {
    EverestSchemas s = schemas();
    // closed schema: unknown field
    assertThat(s.validate("evse_manager", "Limits", "",
        WireCodec.parse("{\"max_current\":16.0,\"nr_of_phases_available\":3,\"extra\":1}"))).isNotEmpty();
    // missing required field, deep inside a reference
    assertThat(s.validate("evse_manager", "SessionEvent", "",
        WireCodec.parse("{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"SessionFinished\","
            + "\"session_finished\":{\"meter_value\":{\"timestamp\":\"2024-05-06T09:51:28.123Z\","
            + "\"energy_Wh_import\":{}}}}"))).isNotEmpty();
    // unknown enum value and range
    assertThat(s.validate("evse_manager", "EnableDisableSource", "",
        WireCodec.parse("{\"enable_source\":\"CSMS\",\"enable_state\":\"On\",\"enable_priority\":1}"))).isNotEmpty();
    assertThat(s.validate("evse_manager", "EnableDisableSource", "",
        WireCodec.parse("{\"enable_source\":\"CSMS\",\"enable_state\":\"Enable\",\"enable_priority\":10001}"))).isNotEmpty();
    // date-time format
    assertThat(s.validate("powermeter", "Powermeter", "",
        WireCodec.parse("{\"timestamp\":\"yesterday\",\"energy_Wh_import\":{\"total\":1.0}}"))).isNotEmpty();
    // a string enum declared "type: object" beside its $ref validates as a string
    assertThat(s.validate("powermeter", "TransactionStartResponse", "", WireCodec.parse("{\"status\":\"OK\"}"))).isEmpty();
  }
}
