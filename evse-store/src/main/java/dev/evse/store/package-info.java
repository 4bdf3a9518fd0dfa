/**
 * SQLite persistence of an installation's sessions (issue 5: no transaction lost).
 *
 * <ul>
 *   <li>{@link dev.evse.store.SqliteStore}: the one database file (WAL, {@code synchronous=FULL},
 *       versioned schema migrated on opening, group commit on one writer thread);
 *       {@link dev.evse.store.SqliteStore#forEvse(int)} gives each EVSE its
 *       {@link dev.evse.core.port.SessionStore}.
 *   <li>{@link dev.evse.store.EvseStore}: one EVSE's view; records events before the kernel
 *       publishes them, knows the transaction left open by a power loss.
 *   <li>{@link dev.evse.store.history.SessionHistory} and
 *       {@link dev.evse.store.history.HistoryFormat}: {@code evse sessions}.
 *   <li>{@link dev.evse.store.log.SessionLogWriter}: EVerest's per-session event logs.
 * </ul>
 *
 * <p>Storage trouble (full disk, read-only or corrupt file) is a {@link dev.evse.store.StoreException}
 * that names the file; nothing committed is ever rewritten or deleted.
 */
package dev.evse.store;
