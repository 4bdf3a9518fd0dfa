package dev.evse.core.testing;

import dev.evse.api.types.SignedMeterValue;
import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionRequestStatus;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import dev.evse.core.port.PowerMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A meter whose answers a test chooses; records every request. */
public final class FakeMeter implements PowerMeter {
  public final List<TransactionReq> starts = new ArrayList<>();
  public final List<String> stops = new ArrayList<>();
  public TransactionRequestStatus nextStartStatus = TransactionRequestStatus.OK;
  /** When set, start answers wait for the test to complete them. */
  public boolean holdStarts;
  public final List<CompletableFuture<TransactionStartResponse>> heldStarts = new ArrayList<>();

  @Override
  public CompletionStage<TransactionStartResponse> startTransaction(TransactionReq request) {
    starts.add(request);
    TransactionStartResponse answer = new TransactionStartResponse(nextStartStatus,
        nextStartStatus == TransactionRequestStatus.OK ? Optional.empty() : Optional.of("meter says no"),
        Optional.empty(), Optional.empty());
    if (holdStarts) {
      CompletableFuture<TransactionStartResponse> f = new CompletableFuture<>();
      heldStarts.add(f);
      return f;
    }
    return CompletableFuture.completedFuture(answer);
  }

  /** A start answer with this status, for held starts. */
  public static TransactionStartResponse startAnswer(TransactionRequestStatus status) {
    return new TransactionStartResponse(status, Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Override
  public CompletionStage<TransactionStopResponse> stopTransaction(String transactionId) {
    stops.add(transactionId);
    Optional<SignedMeterValue> signed = transactionId.isEmpty() ? Optional.empty()
        : Optional.of(new SignedMeterValue("OCMF|{}|{}", "ECDSA-secp256r1-SHA256", "OCMF", Optional.empty(), Optional.empty()));
    return CompletableFuture.completedFuture(new TransactionStopResponse(
        TransactionRequestStatus.OK, Optional.empty(), signed, Optional.empty()));
  }
}
