package dev.evse.store;

import dev.evse.api.EvseManagerListener;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.core.EvseConfig;
import dev.evse.core.EvseManager;
import dev.evse.core.runtime.EventLoop;
import dev.evse.core.runtime.RealTimeLoopGroup;
import dev.evse.sim.SimulatedHardware;
import dev.evse.sim.SimulationConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link CrashTest}: N EVSEs on simulated hardware, in real time, recording
 * to the store at {@code args[0]}, each car charging in a loop with automatic authorisation.
 * Prints {@code STARTED} once running and {@code PUB <evse> <event> <uuid>} for each transaction
 * event published (so the test can check it was on disk first). With {@code --recover-only} the
 * cars stay away: the kernels recover, then the process prints {@code RECOVERED} and exits.
 *
 * <p>Usage: {@code CrashTestStation DB EVSES [--recover-only]}
 */
public final class CrashTestStation {
  static final String SCRIPT = "sleep 0.2;iec_wait_pwr_ready;draw_power_regulated 16,3;sleep 1;unplug;sleep 0.2";

  private CrashTestStation() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    int evses = Integer.parseInt(args[1]);
    boolean recoverOnly = args.length > 2 && args[2].equals("--recover-only");
    SqliteStore store = SqliteStore.open(db, SqliteStore.Options.defaults().withCheckpointPeriodMillis(500));
    RealTimeLoopGroup loops = new RealTimeLoopGroup(2);
    CountDownLatch ready = new CountDownLatch(evses);
    for (int id = 1; id <= evses; id++) {
      EventLoop loop = loops.newLoop("evse-" + id);
      SimulationConfig sim = SimulationConfig.builder()
          .carAutoExec(!recoverOnly)
          .carAutoExecCommands(SCRIPT)
          .carAutoExecInfinite(true)
          .build();
      SimulatedHardware hw = new SimulatedHardware(loop, sim);
      EvseConfig config = new EvseConfig();
      config.connectorId = id;
      EvseStore sessionStore = store.forEvse(id);
      EvseManager evse = EvseManager.builder(loop, hw.board())
          .config(config)
          .connectorLock(hw.lock())
          .powerMeter(hw.meter())
          .store(sessionStore)
          .build();
      hw.connect(evse, RegisterKeepingMeter.over(evse, store, id), evse);
      evse.addListener(sessionStore);
      int evseId = id;
      evse.addListener(new EvseManagerListener() {
        @Override
        public void onSessionEvent(SessionEvent e) {
          switch (e.event()) {
            case AuthRequired -> evse.authorizeResponse(Events.token("CRASH" + evseId), KernelRig.ACCEPTED);
            case TransactionStarted, TransactionFinished, SessionResumed -> print("PUB " + evseId + " " + e.event() + " " + e.uuid());
            default -> { }
          }
        }

        @Override
        public void onReady(boolean isReady) {
          if (isReady) {
            ready.countDown();
          }
        }
      });
      hw.start();
      evse.start();
      evse.setMaxCurrent(32, 3_600_000);
    }
    print("STARTED");
    if (recoverOnly) {
      if (!ready.await(30, TimeUnit.SECONDS)) {
        print("NOT READY");
        System.exit(1);
      }
      store.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
      store.close();
      print("RECOVERED");
      System.exit(0);
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  static boolean isTransactionEvent(SessionEventEnum kind) {
    return kind == SessionEventEnum.TransactionStarted || kind == SessionEventEnum.TransactionFinished;
  }
}
