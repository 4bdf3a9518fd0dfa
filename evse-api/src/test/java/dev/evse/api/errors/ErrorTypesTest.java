package dev.evse.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.evse.api.EverestDir;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ErrorTypesTest {

  static List<String> constants() throws IllegalAccessException {
    List<String> out = new java.util.ArrayList<>();
    for (Field f : ErrorTypes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        out.add((String) f.get(null));
      }
    }
    return out;
  }

  @Test
  void constantsAreNamespacedAndAllListed() throws IllegalAccessException {
    List<String> constants = constants();
    assertThat(constants).hasSize(75).doesNotHaveDuplicates();
    assertThat(constants).allMatch(s -> s.matches("[a-z_A-Z]+/[A-Za-z0-9]+"));
    assertThat(ErrorTypes.ALL).containsExactlyInAnyOrderElementsOf(constants);
    assertThat(ErrorTypes.EVSE_MANAGER_INOPERATIVE).isEqualTo("evse_manager/Inoperative");
    assertThat(ErrorTypes.BSP_MREC2_GROUND_FAILURE).isEqualTo("evse_board_support/MREC2GroundFailure");
    assertThat(ErrorTypes.BSP_MREC17_EVSE_CONTACTOR_FAULT).isEqualTo("evse_board_support/MREC17EVSEContactorFault");
    assertThat(ErrorTypes.POWER_SUPPLY_DC_OVER_CURRENT_AC).isEqualTo("power_supply_DC/OverCurrentAC");
    assertThat(ErrorTypes.namespace(ErrorTypes.AC_RCD_DC)).isEqualTo("ac_rcd");
    assertThat(ErrorTypes.name(ErrorTypes.AC_RCD_DC)).isEqualTo("DC");
    assertThat(ErrorTypes.isKnown("generic/CommunicationFault")).isTrue();
    assertThat(ErrorTypes.isKnown("CommunicationFault")).isFalse();
  }

  @Test
  void constantsAreExactlyEverestsErrorFiles() throws IOException, IllegalAccessException {
    Path dir = EverestDir.require("the error name check").resolve("errors");
    YAMLMapper yaml = new YAMLMapper();
    Set<String> expected = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).collect(Collectors.toList());
    }
    for (Path f : files) {
      String ns = f.getFileName().toString().replace(".yaml", "");
      for (JsonNode e : yaml.readTree(f.toFile()).path("errors")) {
        expected.add(ns + "/" + e.path("name").asText());
      }
    }
    assertThat(new TreeSet<>(constants())).isEqualTo(expected);
  }
}
