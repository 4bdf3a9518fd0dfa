package dev.evse.core.iec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IEC 61851-1 Table A.8 as spec 2.3 gives it, with the boundary values. */
class DutyCycleTest {

  @ParameterizedTest(name = "{0} A -> duty {1}")
  @CsvSource({
    "0, 1.0", "5.89, 1.0", "5.9, 0.10", "6, 0.10", "6.1, 0.10", "6.11, 0.101833",
    "10, 0.166667", "13, 0.216667", "16, 0.266667", "20, 0.333333", "32, 0.533333",
    "40, 0.666667", "51, 0.85", "52, 0.85", "52.49, 0.85", "52.5, 0.85", "63, 0.892",
    "70, 0.92", "80, 0.96", "80.05, 0.97", "80.1, 0.97", "80.2, 1.0", "200, 1.0"
  })
  void ampsToDuty(double amps, double duty) {
    assertThat(DutyCycle.fromAmps(amps)).isCloseTo(duty, within(1e-6));
  }

  @ParameterizedTest(name = "{0} % -> {1} A")
  @CsvSource({
    "5, 0", "7.99, 0", "8, 4.8", "10, 6", "26.67, 16.002", "53.33, 31.998", "84.99, 50.994",
    "85, 52.5", "90, 65", "95.99, 79.975", "96, 80", "96.99, 80", "97, 0", "100, 0"
  })
  void dutyToAmps(double percent, double amps) {
    assertThat(DutyCycle.toAmps(percent)).isCloseTo(amps, within(1e-3));
  }

  @ParameterizedTest
  @CsvSource({"0, false", "0.05, true", "0.5, true", "0.9999, true", "1.0, false"})
  void runningMeansStrictlyBetweenZeroAndOne(double duty, boolean running) {
    assertThat(DutyCycle.isRunning(duty)).isEqualTo(running);
  }
}
