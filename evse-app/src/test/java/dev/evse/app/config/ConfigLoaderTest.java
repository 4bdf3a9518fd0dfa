package dev.evse.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evse.api.types.ConnectorTypeEnum;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void emptyFileGivesTheDefaults() throws Exception {
    AppConfig c = ConfigLoader.parse("", "test.yaml");
    assertThat(c.evses).hasSize(1);
    assertThat(c.evses.get(0).evse().connectorId).isEqualTo(1);
    assertThat(c.energy.maxCurrentA).isEqualTo(32.0);
  }

  @Test
  void everestOptionNamesAreRead() throws Exception {
    AppConfig c = ConfigLoader.parse("""
        evses:
          - connector_id: 2
            evse_id: DE*ABC*E1*2
            connector_type: sType2
            state_F_after_fault_ms: 500
            has_ventilation: false
            simulation:
              script: "sleep 1;unplug"
              repeat: true
        energy:
          max_current_A: 16
        """, "test.yaml");
    var e = c.evses.get(0);
    assertThat(e.evse().connectorId).isEqualTo(2);
    assertThat(e.evse().evseId).isEqualTo("DE*ABC*E1*2");
    assertThat(e.evse().connectorType).isEqualTo(ConnectorTypeEnum.sType2);
    assertThat(e.evse().stateFAfterFaultMs).isEqualTo(500);
    assertThat(e.evse().hasVentilation).isFalse();
    assertThat(e.simulation().repeat).isTrue();
    assertThat(c.energy.maxCurrentA).isEqualTo(16.0);
  }

  @Test
  void problemsCarryTheirLine() {
    assertThatThrownBy(() -> ConfigLoader.parse("""
        evses:
          - connector_id: 1
          - connector_id: 2
            max_amps: 3
        dashboard:
          port: 99999
        """, "x.yaml"))
        .hasMessageContaining("line 4: evses[1].max_amps: unknown option")
        .hasMessageContaining("line 6: dashboard.port: 99999 is outside 0..65535");
  }

  @Test
  void unknownOptionIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.parse("evses:\n  - connector_id: 1\n    max_amps: 3\n", "x.yaml"))
        .hasMessageContaining("evses[0].max_amps: unknown option");
  }

  @Test
  void wrongTypeAndUnknownEnumAreNamed() {
    assertThatThrownBy(() -> ConfigLoader.parse("evses:\n  - connector_id: one\n", "x.yaml"))
        .hasMessageContaining("connector_id");
    assertThatThrownBy(() -> ConfigLoader.parse("evses:\n  - connector_type: Schuko\n", "x.yaml"))
        .hasMessageContaining("connector_type");
  }

  @Test
  void outOfRangeValuesAreRefused() {
    assertThatThrownBy(() -> ConfigLoader.parse("evses:\n  - connector_id: 0\n", "x.yaml"))
        .hasMessageContaining("connector_id: 0 is outside 1..128");
    assertThatThrownBy(() -> ConfigLoader.parse("evses:\n  - soft_over_current_timeout_ms: 100\n", "x.yaml"))
        .hasMessageContaining("soft_over_current_timeout_ms");
    assertThatThrownBy(() -> ConfigLoader.parse("evses:\n  - charge_mode: DC\n", "x.yaml"))
        .hasMessageContaining("charge_mode");
  }

  @Test
  void duplicateConnectorIdsAreRefused() {
    assertThatThrownBy(() -> ConfigLoader.parse("evses:\n  - connector_id: 1\n  - connector_id: 1\n", "x.yaml"))
        .hasMessageContaining("unique");
  }

  @Test
  void brokenYamlIsReported() {
    assertThatThrownBy(() -> ConfigLoader.parse("evses: [\n", "x.yaml"))
        .hasMessageContaining("x.yaml: not valid YAML");
  }
}
