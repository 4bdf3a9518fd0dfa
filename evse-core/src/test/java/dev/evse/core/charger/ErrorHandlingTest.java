package dev.evse.core.charger;

import static dev.evse.api.types.BspEventKind.A;
import static dev.evse.api.types.BspEventKind.B;
import static dev.evse.api.types.BspEventKind.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.TransactionRequestStatus;
import dev.evse.core.port.ErrorSource;
import dev.evse.core.testing.Harness;
import org.junit.jupiter.api.Test;

/** Spec 7 and 4.6 (g), with decisions Q3, Q9, Q11, Q12. */
class ErrorHandlingTest {

  private Harness charging() {
    return charging(c -> { });
  }

  private Harness charging(java.util.function.Consumer<dev.evse.core.EvseConfig> cfg) {
    Harness h = new Harness(cfg).started();
    h.cp(B);
    h.authorize("CARD1");
    h.cp(C);
    h.timeline.clear();
    h.events.clear();
    return h;
  }

  @Test
  void highSeverityErrorDuringChargingIsAnEmergencyShutdownWithFPulseThenResumesWhenCleared() {
    Harness h = charging();
    h.at(1000);
    h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC2_GROUND_FAILURE, Severity.High);
    h.at(1300);
    h.cp(B);
    h.at(10_000);
    h.clearError(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC2_GROUND_FAILURE);
    h.at(11_000);
    h.cp(C);

    assertThat(h.timeline.all()).containsExactly(
        "1000 raise evse_manager/Inoperative",
        "1000 cp_state_X1",
        "1000 allow_power_on false PowerOff",
        "1000 cp_state_F",
        "1000 StoppingCharging",
        "1000 ChargingPausedEVSE [Error]",
        "1300 cp_state_X1",
        "10000 clear evse_manager/Inoperative",
        "10000 PrepareCharging",
        "10000 pwm_on 53.33",
        "11000 ChargingStarted",
        "11000 allow_power_on true FullPowerCharging");
    RaisedError inop = h.raised.get(0);
    assertThat(inop.type()).isEqualTo(ErrorTypes.EVSE_MANAGER_INOPERATIVE);
    assertThat(inop.severity()).isEqualTo(Severity.High);
    assertThat(inop.message()).isEqualTo(ErrorTypes.BSP_MREC2_GROUND_FAILURE);
    assertThat(inop.description()).isEqualTo("MREC2GroundFailure");
  }

  @Test
  void mediumErrorIsAnErrorShutdownThatStillOpensRelaysAtOnce() {
    Harness h = charging();
    h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_PERMANENT_FAULT, Severity.Medium);
    assertThat(h.board.relaysOn()).isFalse();
    assertThat(h.timeline.all()).startsWith(
        "0 raise evse_manager/Inoperative",
        "0 allow_power_on false PowerOff");
  }

  @Test
  void warningsDoNotStopCharging() {
    Harness h = charging();
    h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC3_HIGH_TEMPERATURE, Severity.High);
    h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_VENDOR_WARNING, Severity.High);
    h.raise(ErrorSource.CONNECTOR_LOCK, ErrorTypes.CONNECTOR_LOCK_VENDOR_WARNING, Severity.High);
    assertThat(h.state()).isEqualTo(ChargerState.Charging);
    assertThat(h.board.relaysOn()).isTrue();
    assertThat(h.raised).isEmpty();
  }

  @Test
  void powermeterErrorsCountOnlyWithFailOnPowermeterErrors() {
    Harness strict = charging();
    strict.raise(ErrorSource.POWER_METER, "generic/CommunicationFault", Severity.High);
    assertThat(strict.board.relaysOn()).isFalse();

    Harness lenient = charging(c -> c.failOnPowermeterErrors = false);
    lenient.raise(ErrorSource.POWER_METER, "generic/CommunicationFault", Severity.High);
    assertThat(lenient.board.relaysOn()).isTrue();
  }

  @Test
  void errorWhileEvPausedIsHonoured() {
    Harness h = charging();
    h.cp(B);
    assertThat(h.state()).isEqualTo(ChargerState.ChargingPausedEV);
    h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC14_PILOT_FAULT, Severity.High);
    assertThat(h.state()).isEqualTo(ChargerState.ChargingPausedEVSE);
    assertThat(h.eventNames()).endsWith("ChargingPausedEVSE");
  }

  @Test
  void fatalErrorInIdleShowsFAndHidesAPlugInUntilCleared() {
    Harness h = new Harness().started();
    h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC14_PILOT_FAULT, Severity.High);
    assertThat(h.board.cp).isEqualTo("F");
    h.clearError(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC14_PILOT_FAULT);
    assertThat(h.board.cp).isEqualTo("X1");
  }

  @Test
  void fatalErrorWhileWaitingForAuthorizationEndsInFinished() {
    Harness h = new Harness().started();
    h.cp(B);
    h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC14_PILOT_FAULT, Severity.High);
    assertThat(h.state()).isEqualTo(ChargerState.Finished);
    h.authorize("CARD1");
    assertThat(h.meter.starts).isEmpty();
  }

  @Test
  void reservationIsCancelledOnShutdown() {
    Harness h = new Harness().started();
    assertThat(h.await(h.evse.reserve(7))).isTrue();
    h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC14_PILOT_FAULT, Severity.High);
    assertThat(h.eventNames()).containsExactly("ReservationStart", "ReservationEnd");
  }

  @Test
  void softOverCurrentForSevenSecondsRaisesMrec4UntilUnplug() {
    Harness h = charging();
    // 32 A signalled: limit (32 + 0.5) * 1.1 = 35.75 A
    h.at(1000);
    h.meterReading(100, 36.0);
    h.at(7999);
    assertThat(h.raised).isEmpty();
    h.at(8000);
    assertThat(h.raised).extracting(RaisedError::type).containsExactly(
        ErrorTypes.EVSE_MANAGER_MREC4_OVER_CURRENT_FAILURE, ErrorTypes.EVSE_MANAGER_INOPERATIVE);
    assertThat(h.board.relaysOn()).isFalse();
    h.cp(A);
    assertThat(h.cleared).extracting(RaisedError::type).contains(ErrorTypes.EVSE_MANAGER_MREC4_OVER_CURRENT_FAILURE);
  }

  @Test
  void briefOverCurrentIsTolerated() {
    Harness h = charging();
    h.at(1000);
    h.meterReading(100, 36.0);
    h.at(5000);
    h.meterReading(110, 30.0);
    h.at(20_000);
    assertThat(h.raised).isEmpty();
  }

  @Test
  void meterStartFailureMakesTheEvseInoperativeWithoutTransaction() {
    Harness h = new Harness().started();
    h.meter.nextStartStatus = TransactionRequestStatus.UNEXPECTED_ERROR;
    h.cp(B);
    h.authorize("CARD1");
    assertThat(h.eventNames()).containsExactly("SessionStarted", "AuthRequired", "Authorized");
    assertThat(h.raised).extracting(RaisedError::type).containsExactly(
        ErrorTypes.EVSE_MANAGER_POWERMETER_TRANSACTION_START_FAILED, ErrorTypes.EVSE_MANAGER_INOPERATIVE);
    assertThat(h.state()).isEqualTo(ChargerState.Finished);
    h.cp(A);
    assertThat(h.eventNames()).endsWith("SessionFinished");
    assertThat(h.cleared).hasSize(2);
  }

  @Test
  void relayThatDoesNotOpenWithinTwentySecondsRaisesInternal() {
    Harness h = charging();
    h.board.relaysObey = false;
    h.at(1000);
    h.await(h.evse.pauseCharging());
    h.at(21_999);
    assertThat(h.raised).isEmpty();
    h.at(22_000);
    assertThat(h.raised).extracting(RaisedError::type).contains(ErrorTypes.EVSE_MANAGER_INTERNAL);
    assertThat(h.state()).isEqualTo(ChargerState.ChargingPausedEVSE);
  }
}
