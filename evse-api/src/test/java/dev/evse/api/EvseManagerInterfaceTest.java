package dev.evse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EvseManagerInterfaceTest {

  static String camel(String wire) {
    StringBuilder b = new StringBuilder();
    for (String part : wire.split("_")) {
      b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return b.toString();
  }

  @Test
  void fifteenVarsEachWithAListenerMethod() {
    assertThat(EvseManagerVar.values()).hasSize(15);
    List<String> listener =
        Arrays.stream(EvseManagerListener.class.getMethods()).map(Method::getName).collect(Collectors.toList());
    for (EvseManagerVar v : EvseManagerVar.values()) {
      String method = "on" + Character.toUpperCase(camel(v.wireName()).charAt(0)) + camel(v.wireName()).substring(1);
      assertThat(listener).as(v.wireName()).contains(method);
      assertThat(EvseManagerVar.fromWireName(v.wireName())).contains(v);
    }
    assertThat(listener).contains("onErrorRaised", "onErrorCleared").hasSize(17);
    assertThat(Arrays.stream(EvseManagerListener.class.getMethods()).allMatch(Method::isDefault)).isTrue();
    assertThat(EvseManagerVar.fromWireName("nope")).isEmpty();
  }

  @Test
  void matchesEverestsEvseManagerInterface() throws IOException {
    JsonNode iface = new YAMLMapper().readTree(
        EverestDir.require("the interface check").resolve("interfaces/evse_manager.yaml").toFile());
    List<String> vars = new ArrayList<>();
    iface.path("vars").properties().forEach(e -> vars.add(e.getKey()));
    assertThat(Arrays.stream(EvseManagerVar.values()).map(EvseManagerVar::wireName))
        .containsExactlyElementsOf(vars);

    List<String> cmds = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : iface.path("cmds").properties()) {
      cmds.add(camel(e.getKey()));
      Method m = Arrays.stream(EvseManagerCommands.class.getMethods())
          .filter(x -> x.getName().equals(camel(e.getKey()))).findFirst().orElseThrow();
      assertThat(m.getParameterCount()).as(e.getKey()).isEqualTo(e.getValue().path("arguments").size());
    }
    assertThat(Arrays.stream(EvseManagerCommands.class.getMethods()).map(Method::getName))
        .containsExactlyInAnyOrderElementsOf(cmds);
  }
}
