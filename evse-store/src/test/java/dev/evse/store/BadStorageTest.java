package dev.evse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evse.api.types.SessionEventEnum;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only, corrupt and full databases: a clear error naming the file, and nothing stored is lost. */
class BadStorageTest {
  @TempDir
  Path dir;

  private Path withOneSession() throws Exception {
    Path db = dir.resolve("evse.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      for (SessionEventEnum kind : List.of(SessionEventEnum.AuthRequired, SessionEventEnum.PrepareCharging)) {
        store.forEvse(1).record(Events.of("kept", 0, kind)).toCompletableFuture().get();
      }
      store.forEvse(1).record(Events.transactionStarted("kept", 1, 10, "T")).toCompletableFuture().get();
    }
    return db;
  }

  @Test
  void aReadOnlyFileIsRefusedNamingTheFile() throws Exception {
    Path db = withOneSession();
    byte[] before = Files.readAllBytes(db);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
    try {
      assertThatThrownBy(() -> SqliteStore.open(db))
          .isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.kind()).isEqualTo(StoreException.Kind.READ_ONLY);
            assertThat(e.file()).isEqualTo(db.toAbsolutePath());
          })
          .hasMessageContaining(db.toString())
          .hasMessageContaining("read-only");
      assertThat(Files.readAllBytes(db)).isEqualTo(before);
    } finally {
      Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    }
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.forEvse(1).openTransaction().orElseThrow().sessionUuid()).isEqualTo("kept");
    }
  }

  @Test
  void aFileThatIsNoDatabaseIsRefusedAndLeftUntouched() throws Exception {
    Path db = dir.resolve("evse.db");
    byte[] junk = new byte[10_000];
    new Random(1).nextBytes(junk);
    Files.write(db, junk);
    assertThatThrownBy(() -> SqliteStore.open(db))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
        .hasMessageContaining(db.toString())
        .hasMessageContaining("corrupt");
    assertThat(Files.readAllBytes(db)).isEqualTo(junk);
  }

  @Test
  void aDatabaseWithDamagedPagesIsRefusedAndLeftUntouched() throws Exception {
    Path db = dir.resolve("evse.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        done.add(store.forEvse(1).record(Events.sessionStarted("s" + i, i, i)).toCompletableFuture());
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
    long size = Files.size(db);
    assertThat(size).isGreaterThan(20 * 4096);
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      byte[] garbage = new byte[3 * 4096];
      new Random(2).nextBytes(garbage);
      f.seek(size / 2 / 4096 * 4096);
      f.write(garbage);
    }
    byte[] damaged = Files.readAllBytes(db);
    assertThatThrownBy(() -> SqliteStore.open(db))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
        .hasMessageContaining(db.toString());
    assertThat(Files.readAllBytes(db)).isEqualTo(damaged);
  }

  @Test
  void aFullDatabaseFailsRecordsNamingTheFileAndLosesNothingCommitted() throws Exception {
    Path db = withOneSession();
    List<String> committed = new ArrayList<>();
    StoreException full = null;
    try (SqliteStore store = SqliteStore.open(db)) {
      long cap = store.limitSize(1).get(5, TimeUnit.SECONDS);
      assertThat(cap).isPositive();
      for (int i = 0; i < 10_000 && full == null; i++) {
        String uuid = "fill-" + i;
        CompletableFuture<Void> f = store.forEvse(1).record(Events.sessionStarted(uuid, i, i)).toCompletableFuture();
        try {
          f.get(5, TimeUnit.SECONDS);
          committed.add(uuid);
        } catch (java.util.concurrent.ExecutionException e) {
          full = (StoreException) e.getCause();
        }
      }
      assertThat(full).isNotNull();
      assertThat(full.kind()).isEqualTo(StoreException.Kind.FULL);
      assertThat(full.file()).isEqualTo(db.toAbsolutePath());
      assertThat(full.getMessage()).contains(db.toString()).contains("full").contains("SessionStarted");
      // the transaction on record is still open and a later record fails as clearly
      assertThat(store.forEvse(1).openTransaction().orElseThrow().sessionUuid()).isEqualTo("kept");
    }
    try (SqliteStore store = SqliteStore.open(db); Db d = new Db(db)) {
      assertThat(d.one("PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(d.count("SELECT count(*) FROM sessions WHERE uuid LIKE 'fill-%'")).isEqualTo(committed.size());
      assertThat(d.count("SELECT count(*) FROM transactions WHERE uuid = 'kept' AND finished_at IS NULL")).isEqualTo(1);
      // with room again everything works
      store.forEvse(1).record(Events.of("after", 0, SessionEventEnum.AuthRequired)).toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSizeCapGivenAtOpeningBehavesLikeAFullDisk() throws Exception {
    Path db = withOneSession();
    long pages;
    try (Db d = new Db(db)) {
      pages = d.count("PRAGMA page_count");
    }
    try (SqliteStore store = SqliteStore.open(db, SqliteStore.Options.defaults().withMaxPageCount(pages))) {
      StoreException e = null;
      int ok = 0;
      for (int i = 0; i < 1000 && e == null; i++) {
        CompletableFuture<Void> f = store.forEvse(1).record(Events.sessionStarted("x" + i, i, i)).toCompletableFuture();
        f.handle((v, x) -> null).get(5, TimeUnit.SECONDS);
        if (f.isCompletedExceptionally()) {
          e = SqliteStoreTest.failure(f);
        } else {
          ok++;
        }
      }
      assertThat(e).isNotNull();
      assertThat(e.kind()).isEqualTo(StoreException.Kind.FULL);
      assertThat(ok).as("only what fits in the free space of %d pages", pages).isLessThan(50);
      assertThat(store.forEvse(1).openTransaction()).isPresent();
    }
  }
}
