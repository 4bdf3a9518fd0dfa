package dev.evse.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evse.api.types.OCMFIdentificationFlags;
import dev.evse.api.types.OCMFIdentificationLevel;
import dev.evse.api.types.OCMFIdentificationType;
import dev.evse.api.types.OCMFUserIdentificationStatus;
import dev.evse.api.types.PowerOnOff;
import dev.evse.api.types.PowerOnReason;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionRequestStatus;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeterTest {
  private final VirtualTimeLoopGroup time = new VirtualTimeLoopGroup();
  private SimulatedHardware hw;
  private Recorder rec;

  private void start(SimulationConfig config) {
    hw = new SimulatedHardware(time.newLoop("evse"), config);
    rec = new Recorder(time.clock());
    hw.connect(rec, rec, rec);
    hw.start();
    time.runUntilIdle();
  }

  private void start() {
    start(SimulationConfig.builder().ocmfKeySeed(7).build());
  }

  private void charge(String car, double duty) {
    hw.car().execute(car);
    time.advanceBy(250);
    hw.board().pwmOn(duty);
    hw.board().allowPowerOn(new PowerOnOff(true, PowerOnReason.FullPowerCharging));
    assertThat(hw.board().relaysClosed()).isTrue();
  }

  private static TransactionReq req(String id) {
    return new TransactionReq(
        "DE*PNX*E12345*1",
        id,
        OCMFUserIdentificationStatus.ASSIGNED,
        Optional.of(OCMFIdentificationLevel.VERIFIED),
        List.of(OCMFIdentificationFlags.RFID_PLAIN, OCMFIdentificationFlags.OCPP_AUTH),
        OCMFIdentificationType.ISO14443,
        Optional.of("04A2B3C4\"|x"),
        Optional.of("0.30 EUR/kWh"));
  }

  private static <T> T now(java.util.concurrent.CompletionStage<T> stage) {
    CompletableFuture<T> f = stage.toCompletableFuture();
    assertThat(f).isDone();
    return f.join();
  }

  @AfterEach
  void close() {
    time.close();
  }

  @Test
  void integratesSixteenAmpsThreePhasesForAnHour() {
    start();
    charge("draw_power_fixed 16,3", 53.33); // 32 A offered, car takes 16
    long t0 = time.now();
    assertThat(hw.meter().powerW()).isCloseTo(16 * 3 * 230.0, within(1e-9));
    time.advanceBy(3_600_000);
    assertThat(hw.meter().energyWh()).isCloseTo(11040.0, within(1e-6));
    hw.board().allowPowerOn(new PowerOnOff(false, PowerOnReason.PowerOff));
    time.advanceBy(600_000);
    assertThat(hw.meter().energyWh()).isCloseTo(11040.0, within(1e-6));
    assertThat(t0).isEqualTo(250);

    // published every second, plus one at start
    assertThat(rec.readings).hasSize(1 + 4200);
    Powermeter at1h = rec.readings.get(3600).value();
    assertThat(rec.readings.get(3600).t()).isEqualTo(3_600_000);
    assertThat(at1h.timestamp()).isEqualTo("2026-01-01T01:00:00.000Z");
    assertThat(at1h.energyWhImport().total()).isCloseTo(11040.0 - 11040.0 * 250 / 3_600_000, within(1e-6));
    assertThat(at1h.powerW().orElseThrow().total()).isCloseTo(11040.0, within(1e-9));
    assertThat(at1h.currentA().orElseThrow().l1()).contains(16.0);
    assertThat(at1h.currentA().orElseThrow().l3()).contains(16.0);
    assertThat(at1h.voltageV().orElseThrow().l2()).contains(230.0);
    assertThat(at1h.meterId()).contains("SIM-METER-1");
    double previous = -1;
    for (Recorder.Timed<Powermeter> r : rec.readings) {
      assertThat(r.value().energyWhImport().total()).isGreaterThanOrEqualTo(previous);
      previous = r.value().energyWhImport().total();
    }
    assertThat(rec.readings.get(0).value().timestamp()).isEqualTo("2026-01-01T00:00:00.000Z");
  }

  @Test
  void onePhaseAndPartialDuty() {
    start(SimulationConfig.builder().nominalVoltageV(240).build());
    charge("draw_power_regulated 32,1", 26.67); // 16.002 A
    time.advanceBy(1_800_000);
    assertThat(hw.meter().energyWh()).isCloseTo(16.002 * 240 * 0.5, within(1e-6));
  }

  @Test
  void signedTransactionVerifiesWithThePublishedKey() {
    start();
    charge("draw_power_fixed 16,3", 53.33);
    TransactionStartResponse started = now(hw.meter().startTransaction(req("tx-1")));
    assertThat(started.status()).isEqualTo(TransactionRequestStatus.OK);
    assertThat(hw.meter().openTransactions()).containsExactly("tx-1");
    time.advanceBy(600_000);
    TransactionStopResponse stopped = now(hw.meter().stopTransaction("tx-1"));
    assertThat(stopped.status()).isEqualTo(TransactionRequestStatus.OK);
    assertThat(hw.meter().openTransactions()).isEmpty();

    String key = rec.publicKeys.get(0);
    assertThat(key).isEqualTo(hw.meter().publicKeyOcmf()).startsWith("3059"); // DER SubjectPublicKeyInfo
    String ocmf = stopped.signedMeterValue().orElseThrow().signedMeterData();
    assertThat(ocmf).startsWith("OCMF|{");
    assertThat(OcmfSigner.verify(ocmf, key)).isTrue();
    assertThat(stopped.signedMeterValue().orElseThrow().encodingMethod()).isEqualTo("OCMF");
    assertThat(stopped.signedMeterValue().orElseThrow().signingMethod()).isEqualTo("ECDSA-secp256r1-SHA256");
    assertThat(stopped.signedMeterValue().orElseThrow().publicKey()).contains(key);
    String payload = OcmfSigner.payloadOf(ocmf);
    assertThat(payload)
        .contains("\"CI\":\"DE*PNX*E12345*1\"")
        .contains("\"TX\":\"tx-1\"")
        .contains("\"IS\":true")
        .contains("\"IL\":\"VERIFIED\"")
        .contains("\"IF\":[\"RFID_PLAIN\",\"OCPP_AUTH\"]")
        .contains("\"ID\":\"04A2B3C4\\\"|x\"")
        .contains("\"TM\":\"2026-01-01T00:00:00,250+0000 S\",\"TX\":\"B\",\"RV\":0.0000")
        .contains("\"TM\":\"2026-01-01T00:10:00,250+0000 S\",\"TX\":\"E\",\"RV\":1.8400");
    String start = stopped.startSignedMeterValue().orElseThrow().signedMeterData();
    assertThat(OcmfSigner.verify(start, key)).isTrue();
    assertThat(OcmfSigner.payloadOf(start)).contains("\"TX\":\"B\"").doesNotContain("\"TX\":\"E\"");

    // tampering breaks it
    assertThat(OcmfSigner.verify(ocmf.replace("1.8400", "0.1840"), key)).isFalse();
    assertThat(OcmfSigner.verify("garbage", key)).isFalse();
  }

  @Test
  void seededKeysAreDeterministic() {
    OcmfSigner a = new OcmfSigner(java.util.OptionalLong.of(1));
    OcmfSigner b = new OcmfSigner(java.util.OptionalLong.of(1));
    OcmfSigner c = new OcmfSigner(java.util.OptionalLong.empty());
    assertThat(a.publicKeyHex()).isEqualTo(b.publicKeyHex()).isNotEqualTo(c.publicKeyHex());
    assertThat(a.sign("{}")).isEqualTo(b.sign("{}"));
    assertThat(OcmfSigner.verify(c.sign("{\"a\":1}"), c.publicKeyHex())).isTrue();
    assertThat(OcmfSigner.verify(c.sign("{\"a\":1}"), a.publicKeyHex())).isFalse();
  }

  @Test
  void transactionBookkeeping() {
    start();
    assertThat(now(hw.meter().stopTransaction("")).status()).isEqualTo(TransactionRequestStatus.NOT_SUPPORTED);
    assertThat(now(hw.meter().stopTransaction("nope")).status()).isEqualTo(TransactionRequestStatus.UNEXPECTED_ERROR);
    assertThat(now(hw.meter().startTransaction(req("a"))).status()).isEqualTo(TransactionRequestStatus.OK);
    assertThat(now(hw.meter().startTransaction(req("a"))).status()).isEqualTo(TransactionRequestStatus.UNEXPECTED_ERROR);
    assertThat(now(hw.meter().startTransaction(req("b"))).status()).isEqualTo(TransactionRequestStatus.OK);
    TransactionStopResponse all = now(hw.meter().stopTransaction(""));
    assertThat(all.status()).isEqualTo(TransactionRequestStatus.OK);
    assertThat(OcmfSigner.payloadOf(all.signedMeterValue().orElseThrow().signedMeterData())).contains("\"TX\":\"b\"");
    assertThat(hw.meter().openTransactions()).isEmpty();
    assertThat(hw.meter().commandLog()).extracting(CommandRecord::name)
        .containsExactly("stop_transaction", "stop_transaction", "start_transaction", "start_transaction", "start_transaction", "stop_transaction");
  }

  @Test
  void injectedFailures() {
    start();
    hw.meter().failNextStart(TransactionRequestStatus.UNEXPECTED_ERROR);
    TransactionStartResponse r = now(hw.meter().startTransaction(req("a")));
    assertThat(r.status()).isEqualTo(TransactionRequestStatus.UNEXPECTED_ERROR);
    assertThat(r.error()).isPresent();
    assertThat(hw.meter().openTransactions()).isEmpty();
    assertThat(now(hw.meter().startTransaction(req("a"))).status()).isEqualTo(TransactionRequestStatus.OK);
    hw.meter().failNextStop(TransactionRequestStatus.NOT_SUPPORTED);
    assertThat(now(hw.meter().stopTransaction("a")).status()).isEqualTo(TransactionRequestStatus.NOT_SUPPORTED);
    assertThat(hw.meter().openTransactions()).containsExactly("a");
    assertThat(now(hw.meter().stopTransaction("a")).status()).isEqualTo(TransactionRequestStatus.OK);
  }

  @Test
  void slowAnswersCompleteLaterOnTheLoop() {
    start();
    hw.meter().setAnswerDelayMillis(5000);
    CompletableFuture<TransactionStartResponse> f = hw.meter().startTransaction(req("a")).toCompletableFuture();
    assertThat(f).isNotDone();
    time.advanceBy(4999);
    assertThat(f).isNotDone();
    time.advanceBy(1);
    assertThat(f).isDone();
    assertThat(f.join().status()).isEqualTo(TransactionRequestStatus.OK);
  }

  @Test
  void registerResetsOnPlugInOnlyWhenConfigured() {
    start(SimulationConfig.builder().resetEnergyOnPlugin(true).build());
    charge("draw_power_fixed 16,3", 53.33);
    time.advanceBy(60_000);
    assertThat(hw.meter().energyWh()).isGreaterThan(100);
    hw.car().modify("unplug;sleep 1;pause");
    time.advanceBy(2000);
    assertThat(hw.meter().energyWh()).isZero();
  }
}
