package dev.evse.core.port;

import dev.evse.api.types.TransactionReq;
import dev.evse.api.types.TransactionStartResponse;
import dev.evse.api.types.TransactionStopResponse;
import java.util.concurrent.CompletionStage;

/**
 * Commands to a billing power meter (EVerest {@code powermeter}). Answers arrive later; the
 * kernel continues on its loop when they do, so a slow meter never blocks it.
 */
public interface PowerMeter {

  /** {@code start_transaction}. */
  CompletionStage<TransactionStartResponse> startTransaction(TransactionReq request);

  /** {@code stop_transaction}; an empty id cancels every transaction the meter still has open. */
  CompletionStage<TransactionStopResponse> stopTransaction(String transactionId);
}
