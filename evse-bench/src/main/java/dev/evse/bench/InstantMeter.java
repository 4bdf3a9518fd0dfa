package dev.evse.bench;

import dev.evse.api.types.TransactionRequestStatus;
import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import dev.evse.core.port.PowerMeter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A billing meter that accepts every transaction at once and signs nothing. */
final class InstantMeter implements PowerMeter {
  static final CompletableFuture<TransactionStartResponse> STARTED = CompletableFuture.completedFuture(
      new TransactionStartResponse(TransactionRequestStatus.OK, Optional.empty(), Optional.empty(), Optional.empty()));
  static final CompletableFuture<TransactionStopResponse> STOPPED = CompletableFuture.completedFuture(
      new TransactionStopResponse(TransactionRequestStatus.OK, Optional.empty(), Optional.empty(), Optional.empty()));

  @Override
  public CompletionStage<TransactionStartResponse> startTransaction(TransactionReq request) {
    return STARTED;
  }

  @Override
  public CompletionStage<TransactionStopResponse> stopTransaction(String transactionId) {
    return STOPPED;
  }
}
