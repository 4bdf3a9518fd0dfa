package dev.evse.bench;

import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.AuthorizationType;
import dev.evse.api.types.HardwareCapabilities;
import dev.evse.api.types.IdToken;
import dev.evse.api.types.IdTokenType;
import dev.evse.api.types.ProvidedIdToken;
import dev.evse.api.types.ValidationResult;
import dev.evse.api.types.BspConnectorType;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.Current;
import dev.evse.api.types.Energy;
import dev.evse.api.types.Power;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.Voltage;
import java.time.Instant;
import java.util.Optional;

/** Constant inputs shared by the benchmarks: an RFID card, its acceptance, the board's capabilities. */
final class Tokens {
  static final ProvidedIdToken CARD =
      ProvidedIdToken.of(IdToken.of("BENCH0001", IdTokenType.ISO14443), AuthorizationType.RFID);
  static final ValidationResult ACCEPTED = ValidationResult.of(AuthorizationStatus.Accepted);
  /** A Yeti-like AC board: 6..32 A, 1..3 phases, fixed cable. */
  static final HardwareCapabilities CAPABILITIES = new HardwareCapabilities(
      32.0, 6.0, 3, 1, 16.0, 0.0, 3, 1, true, false, Optional.empty(), BspConnectorType.IEC62196Type2Cable);
  /** A budget that never expires during a benchmark: 30 days. */
  static final long LONG_VALIDITY_MS = 30L * 24 * 3600 * 1000;

  /** A meter reading {@code atMillis} after the virtual epoch: {@code wh} imported, {@code amps} on each of three phases. */
  static Powermeter reading(long atMillis, double wh, double amps) {
    double w = amps * 230.0;
    return new Powermeter(
        Rfc3339.format(Instant.parse("2026-01-01T00:00:00Z").plusMillis(atMillis)),
        Optional.of("BENCH-METER"), Optional.empty(), Energy.of(wh), Optional.empty(),
        Optional.of(new Power(3 * w, Optional.of(w), Optional.of(w), Optional.of(w))),
        Optional.of(new Voltage(Optional.empty(), Optional.of(230.0), Optional.of(230.0), Optional.of(230.0))),
        Optional.empty(),
        Optional.of(new Current(Optional.empty(), Optional.of(amps), Optional.of(amps), Optional.of(amps),
            Optional.empty())),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private Tokens() {}
}
