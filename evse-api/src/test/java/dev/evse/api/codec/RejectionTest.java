package dev.evse.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.types.EVInfo;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnergyTransferMode;
import dev.evse.api.types.Evse;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.Limits;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.Telemetry;
import dev.evse.api.types.ValidationResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid payloads are rejected with a WireFormatException that names the offending field. */
class RejectionTest {

  static final String METER = "{\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"energy_Wh_import\":{\"total\":1.0}}";
  static final String HW =
      "\"max_current_A_import\":32.0,\"min_current_A_import\":6.0,\"max_phase_count_import\":3,"
          + "\"min_phase_count_import\":1,\"max_current_A_export\":0.0,\"min_current_A_export\":0.0,"
          + "\"max_phase_count_export\":3,\"min_phase_count_export\":1,"
          + "\"supports_changing_phases_during_charging\":true,\"connector_type\":\"IEC62196Type2Cable\"";

  static Stream<Arguments> rejected() {
    return Stream.of(
        // unknown enum values
        Arguments.of(SessionEvent.class,
            "{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"Foo\"}",
            "event", "unknown value \"Foo\" for SessionEventEnum"),
        Arguments.of(SessionEvent.class,
            "{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"ChargingPausedEVSE\","
                + "\"charging_paused_evse\":{\"reasons\":[\"UserPause\",\"Lunch\"]}}",
            "charging_paused_evse.reasons[1]", "unknown value \"Lunch\" for PauseChargingEVSEReasonEnum"),
        Arguments.of(SessionEvent.class,
            "{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"authorized\"}",
            "event", "unknown value \"authorized\" for SessionEventEnum"),
        Arguments.of(SessionEvent.class,
            "{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":0}",
            "event", "expected string (SessionEventEnum), got number 0"),
        // missing required fields: string, object, number, integer, boolean, array
        Arguments.of(SessionEvent.class,
            "{\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"Enabled\"}",
            "uuid", "required field missing"),
        Arguments.of(SessionEvent.class,
            "{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"SessionStarted\","
                + "\"session_started\":{\"reason\":\"EVConnected\"}}",
            "session_started.meter_value", "required field missing"),
        Arguments.of(SessionEvent.class,
            "{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"SessionStarted\","
                + "\"session_started\":{\"reason\":\"EVConnected\",\"meter_value\":"
                + "{\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"energy_Wh_import\":{\"L1\":1.0}}}}",
            "session_started.meter_value.energy_Wh_import.total", "required field missing"),
        Arguments.of(Limits.class, "{\"nr_of_phases_available\":3}", "max_current", "required field missing"),
        Arguments.of(Limits.class, "{\"max_current\":16.0}", "nr_of_phases_available", "required field missing"),
        Arguments.of(HardwareCapabilities.class, "{" + HW + "}", "supports_cp_state_E", "required field missing"),
        Arguments.of(Telemetry.class,
            "{\"evse_temperature_C\":20.0,\"fan_rpm\":0.0,\"supply_voltage_12V\":12.0,\"supply_voltage_minus_12V\":-12.0}",
            "relais_on", "required field missing"),
        Arguments.of(ValidationResult.class, "{\"authorization_status\":\"Accepted\"}",
            "tariff_messages", "required field missing"),
        Arguments.of(RaisedError.class, "{\"sub_type\":\"\"}", "type", "required field missing"),
        // explicit null for required fields
        Arguments.of(SessionEvent.class,
            "{\"uuid\":null,\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"Enabled\"}",
            "uuid", "required field missing"),
        Arguments.of(Limits.class, "{\"max_current\":null,\"nr_of_phases_available\":1}",
            "max_current", "expected number, got null"),
        Arguments.of(Limits.class, "{\"max_current\":6.0,\"nr_of_phases_available\":null}",
            "nr_of_phases_available", "expected integer, got null"),
        // out of range
        Arguments.of(EnableDisableSource.class,
            "{\"enable_source\":\"CSMS\",\"enable_state\":\"Enable\",\"enable_priority\":20000}",
            "enable_priority", "20000 out of range 0..10000"),
        Arguments.of(SessionEvent.class,
            "{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"Disabled\",\"source\":"
                + "{\"enable_source\":\"CSMS\",\"enable_state\":\"Disable\",\"enable_priority\":-1}}",
            "source.enable_priority", "-1 out of range 0..10000"),
        Arguments.of(Limits.class, "{\"max_current\":16.0,\"nr_of_phases_available\":4}",
            "nr_of_phases_available", "4 out of range 1..3"),
        Arguments.of(Evse.class, "{\"id\":0,\"connectors\":[{\"id\":1}]}", "id", "0 out of range 1..128"),
        Arguments.of(Evse.class, "{\"id\":1,\"connectors\":[{\"id\":0}]}", "connectors[0].id", "0 out of range 1.."),
        Arguments.of(Evse.class, "{\"id\":1,\"connectors\":[]}", "connectors", "0 items, expected 1..128 items"),
        Arguments.of(EVInfo.class, "{\"soc\":100.5}", "soc", "100.5 out of range 0..100"),
        Arguments.of(EVInfo.class, "{\"evcc_id\":\"AB:CD\"}", "evcc_id",
            "\"AB:CD\" does not match pattern ^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}$"),
        Arguments.of(IdToken.class, "{\"value\":\"" + "x".repeat(37) + "\",\"type\":\"Local\"}",
            "value", "length 37 out of range 0..36"),
        Arguments.of(Powermeter.class, "{\"timestamp\":\"yesterday\",\"energy_Wh_import\":{\"total\":1.0}}",
            "timestamp", "\"yesterday\" is not an RFC 3339 date-time"),
        // wrong JSON types
        Arguments.of(Limits.class, "{\"max_current\":\"16\",\"nr_of_phases_available\":1}",
            "max_current", "expected number, got string \"16\""),
        Arguments.of(Limits.class, "{\"max_current\":16.0,\"nr_of_phases_available\":1.5}",
            "nr_of_phases_available", "expected integer, got number 1.5"),
        Arguments.of(Limits.class, "{\"max_current\":16.0,\"nr_of_phases_available\":true}",
            "nr_of_phases_available", "expected integer, got boolean true"),
        Arguments.of(Limits.class, "{\"uuid\":5,\"max_current\":16.0,\"nr_of_phases_available\":1}",
            "uuid", "expected string, got number 5"),
        Arguments.of(Telemetry.class,
            "{\"evse_temperature_C\":20.0,\"fan_rpm\":0.0,\"supply_voltage_12V\":12.0,"
                + "\"supply_voltage_minus_12V\":-12.0,\"relais_on\":1}",
            "relais_on", "expected boolean, got number 1"),
        Arguments.of(HardwareCapabilities.class, "{" + HW + ",\"supports_cp_state_E\":\"false\"}",
            "supports_cp_state_E", "expected boolean, got string \"false\""),
        Arguments.of(SessionEvent.class,
            "{\"uuid\":\"u\",\"timestamp\":\"2024-05-06T09:51:28.123Z\",\"event\":\"SessionFinished\","
                + "\"session_finished\":[]}",
            "session_finished", "expected object (SessionFinished), got array"),
        Arguments.of(ValidationResult.class, "{\"authorization_status\":\"Accepted\",\"tariff_messages\":{}}",
            "tariff_messages", "expected array, got object"),
        Arguments.of(Powermeter.class, "[" + METER + "]", "$", "expected object (Powermeter), got array"),
        Arguments.of(Powermeter.class, "null", "$", "expected object (Powermeter), got null"),
        // malformed JSON
        Arguments.of(Powermeter.class, "{\"timestamp\": ", "$", "malformed JSON"),
        Arguments.of(Powermeter.class, METER + " trailing", "$", "malformed JSON"),
        Arguments.of(Powermeter.class, "", "$", "malformed JSON"));
  }

  @ParameterizedTest(name = "{1} -> {2}")
  @MethodSource("rejected")
  void rejectsWithPathAndReason(Class<?> type, String json, String path, String problem) {
    assertThatThrownBy(() -> WireCodec.decode(json, type))
        .isInstanceOf(WireFormatException.class)
        .satisfies(e -> {
          WireFormatException w = (WireFormatException) e;
          assertThat(w.path()).isEqualTo(path);
          assertThat(w.problem()).startsWith(problem);
          assertThat(w.getMessage()).startsWith("\"" + path + "\": " + problem);
        });
  }

  @Test
  void rejectsUnknownValueInsideAGenericList() {
    assertThatThrownBy(
            () -> WireCodec.decode("[\"DC\",\"AC_single_phase\"]", new TypeReference<List<EnergyTransferMode>>() {}))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("\"[1]\": unknown value \"AC_single_phase\" for EnergyTransferMode");
  }

  @Test
  void malformedJsonNamesTheLocation() {
    assertThatThrownBy(() -> WireCodec.decode("{\"uuid\" \"x\"}", SessionEvent.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("line 1, column");
  }

  @Test
  void acceptsWholeNumbersWrittenAsFloatsAndIgnoresUnknownFields() {
    Limits l = WireCodec.decode("{\"max_current\":16,\"nr_of_phases_available\":3.0,\"extra\":{\"a\":1}}", Limits.class);
    assertThat(l).isEqualTo(Limits.of(16.0, 3));
    assertThat(WireCodec.encode(l)).isEqualTo("{\"max_current\":16.0,\"nr_of_phases_available\":3}");
  }

  @Test
  void nullOptionalIsAbsent() {
    Limits l = WireCodec.decode("{\"uuid\":null,\"max_current\":6.0,\"nr_of_phases_available\":1}", Limits.class);
    assertThat(l.uuid()).isEmpty();
  }

  @Test
  void constructorsRejectInvalidValuesInJavaToo() {
    assertThatThrownBy(() -> Limits.of(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max_current");
    assertThatThrownBy(() -> SessionEvent.of(null, Rfc3339.now(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"uuid\": required field missing");
  }
}
