package dev.evse.store;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.Powermeter;
import dev.evse.api.types.SessionEvent;
import dev.evse.core.port.SessionStore;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session store of one EVSE, a view of the installation's {@link SqliteStore}. Hand it to
 * {@code EvseManager.Builder.store}; {@link #record} never blocks and completes (on the store's
 * writer thread) only once the event is committed to disk.
 *
 * <p>Registered as a listener of the same EVSE ({@code evse.addListener(store)}) it also stores
 * a meter reading every {@link SqliteStore.Options#checkpointPeriodMillis()} while a transaction
 * is open, so the value used after a power loss is at most that old even when the meter has no
 * register of its own.
 */
public final class EvseStore implements SessionStore, EvseManagerListener {
  private static final Logger LOG = LoggerFactory.getLogger(EvseStore.class);

  /** {@code boundary} of the readings stored while a transaction runs. */
  public static final String CHECKPOINT = "Checkpoint";

  private final SqliteStore store;
  private final int connectorId;
  private long lastCheckpointMs = Long.MIN_VALUE;
  private String lastCheckpointUuid = "";

  EvseStore(SqliteStore store, int connectorId) {
    this.store = store;
    this.connectorId = connectorId;
  }

  public int connectorId() {
    return connectorId;
  }

  /** The installation's store this view belongs to. */
  public SqliteStore store() {
    return store;
  }

  /**
   * The transaction open on disk for this EVSE (from memory: loaded at opening, kept up to date
   * by each commit), with the latest meter reading stored for it.
   */
  @Override
  public Optional<OpenTransaction> openTransaction() {
    return store.openTransaction(connectorId);
  }

  @Override
  public CompletionStage<Void> record(SessionEvent event) {
    return store.record(connectorId, event);
  }

  /** Stores a reading for the open transaction when the checkpoint period has passed. */
  @Override
  public void onPowermeter(Powermeter reading) {
    long period = store.options().checkpointPeriodMillis();
    if (period <= 0) {
      return;
    }
    Optional<SqliteStore.Open> open = store.open(connectorId);
    if (open.isEmpty()) {
      return;
    }
    long at;
    try {
      at = Rfc3339.parse(reading.timestamp()).toEpochMilli();
    } catch (RuntimeException e) {
      return;
    }
    String uuid = open.get().uuid();
    if (!uuid.equals(lastCheckpointUuid)) {
      lastCheckpointUuid = uuid;
      lastCheckpointMs = at;
      return;
    }
    if (at - lastCheckpointMs < period) {
      return;
    }
    lastCheckpointMs = at;
    store.recordReading(connectorId, uuid, CHECKPOINT, reading).whenComplete((v, e) -> {
      if (e != null) {
        LOG.warn("meter checkpoint of session {} not stored: {}", uuid, e.getMessage());
      }
    });
  }
}
