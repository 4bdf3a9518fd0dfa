package dev.evse.core.enable;

import static dev.evse.api.types.EnableSource.CSMS;
import static dev.evse.api.types.EnableSource.FirmwareUpdate;
import static dev.evse.api.types.EnableSource.LocalAPI;
import static dev.evse.api.types.EnableSource.ServiceTechnician;
import static dev.evse.api.types.EnableState.Disable;
import static dev.evse.api.types.EnableState.Enable;
import static dev.evse.api.types.EnableState.Unassigned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnableSource;
import dev.evse.api.types.EnableState;
import org.junit.jupiter.api.Test;

/** Spec 5.1: the priority table, case by case. */
class EnableDisableTableTest {
  private final EnableDisableTable table = new EnableDisableTable();

  private static EnableDisableSource s(EnableSource src, EnableState st, int prio) {
    return new EnableDisableSource(src, st, prio);
  }

  @Test
  void emptyTableIsEnabledByNobody() {
    assertThat(table.enabled()).isTrue();
    assertThat(table.winner()).isEqualTo(EnableDisableTable.NOBODY);
  }

  @Test
  void firstEntryWinsInitially() {
    var v = table.update(s(CSMS, Disable, 50));
    assertThat(v.enabled()).isFalse();
    assertThat(v.flipped()).isTrue();
    assertThat(v.winner()).isEqualTo(s(CSMS, Disable, 50));
  }

  @Test
  void laterEntryWinsWithStrictlyLowerPriorityNumber() {
    table.update(s(CSMS, Disable, 50));
    var v = table.update(s(LocalAPI, Enable, 10));
    assertThat(v.enabled()).isTrue();
    assertThat(v.winner().enableSource()).isEqualTo(LocalAPI);
  }

  @Test
  void laterEntryWithHigherPriorityNumberLoses() {
    table.update(s(CSMS, Disable, 50));
    var v = table.update(s(LocalAPI, Enable, 60));
    assertThat(v.enabled()).isFalse();
    assertThat(v.flipped()).isFalse();
  }

  @Test
  void disableBeatsEnableAtEqualPriority() {
    table.update(s(CSMS, Enable, 50));
    assertThat(table.update(s(LocalAPI, Disable, 50)).enabled()).isFalse();
  }

  @Test
  void enableDoesNotBeatAnEarlierDisableAtEqualPriority() {
    table.update(s(CSMS, Disable, 50));
    assertThat(table.update(s(LocalAPI, Enable, 50)).enabled()).isFalse();
  }

  @Test
  void unassignedEntriesAreIgnored() {
    table.update(s(CSMS, Disable, 50));
    var v = table.update(s(CSMS, Unassigned, 0));
    assertThat(v.enabled()).isTrue();
    assertThat(v.flipped()).isTrue();
    assertThat(v.winner()).isEqualTo(EnableDisableTable.NOBODY);
  }

  @Test
  void aSourceReplacesItsOwnEntryInPlace() {
    table.update(s(ServiceTechnician, Disable, 20));
    table.update(s(FirmwareUpdate, Enable, 20));
    assertThat(table.enabled()).isFalse();
    table.update(s(ServiceTechnician, Enable, 20));
    assertThat(table.enabled()).isTrue();
    assertThat(table.winner().enableSource()).isEqualTo(ServiceTechnician);
  }

  @Test
  void unassignedAndEnableCountAsTheSameForFlips() {
    var v = table.update(s(CSMS, Enable, 50));
    assertThat(v.flipped()).isFalse();
  }
}
