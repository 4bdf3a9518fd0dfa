package dev.evse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.errors.ErrorTypes;
import dev.evse.api.errors.RaisedError;
import dev.evse.api.errors.Severity;
import dev.evse.api.types.AuthorizationStatus;
import dev.evse.api.types.BspEventKind;
import dev.evse.api.types.EnableDisableSource;
import dev.evse.api.types.EnableSource;
import dev.evse.api.types.EnableState;
import dev.evse.api.types.SessionEvent;
import dev.evse.api.types.SessionEventEnum;
import dev.evse.api.types.StopTransactionReason;
import dev.evse.api.types.StopTransactionRequest;
import dev.evse.core.port.ErrorSource;
import dev.evse.core.testing.Harness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Drives the kernel with random CP events, commands, errors, budgets and time steps in virtual
 * time, and checks the safety invariants after every step. The seed of a failing run is printed;
 * replay it with {@code -Dproperty.seed=N -Dproperty.runs=1}. More runs: {@code -Dproperty.runs=N}
 * or the {@code soak} profile.
 */
class SafetyPropertyTest {
  private static final int STEPS_PER_RUN = 80;
  /** IEC 61851-1: relays may stay closed this long after the PWM stops while the EV stays in C. */
  private static final long C1_MS = 6_000;

  @Test
  void safetyInvariantsHoldForRandomRuns() {
    int runs = Integer.getInteger("property.runs", 1000);
    long base = Long.getLong("property.seed", new SplittableRandom().nextLong());
    for (int i = 0; i < runs; i++) {
      long seed = base + i;
      try {
        new Run(seed).execute();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("safety property failed for seed " + seed
            + " (replay: ./mvnw -pl evse-core test -Dtest=SafetyPropertyTest -Dproperty.seed=" + seed
            + " -Dproperty.runs=1)\n" + e.getMessage(), e);
      }
    }
  }

  /** One random run with its own model of what the test has done to the EVSE. */
  private static final class Run {
    final SplittableRandom rnd;
    final Harness h = new Harness();
    final List<String> trace = new ArrayList<>();

    BspEventKind cp = BspEventKind.A;
    boolean enabled = true;
    final Set<String> fatalInjected = new HashSet<>();
    boolean inoperative;
    double budgetA = 32;
    long budgetExpiresAt = Long.MAX_VALUE;
    boolean pausedByUser;
    boolean stopRequested;
    boolean relaysWereOn;
    /** Since when a graceful stop condition holds while relays are on; -1 if none. */
    long gracefulSince = -1;

    Run(long seed) {
      rnd = new SplittableRandom(seed);
      h.evse.addListener(new dev.evse.api.EvseManagerListener() {
        @Override
        public void onErrorRaised(RaisedError e) {
          if (e.type().equals(ErrorTypes.EVSE_MANAGER_INOPERATIVE)) {
            inoperative = true;
          }
        }

        @Override
        public void onErrorCleared(RaisedError e) {
          if (e.type().equals(ErrorTypes.EVSE_MANAGER_INOPERATIVE)) {
            inoperative = false;
          }
        }

        @Override
        public void onSessionEvent(SessionEvent e) {
          if (e.event() == SessionEventEnum.SessionFinished || e.event() == SessionEventEnum.TransactionFinished) {
            pausedByUser = false;
            stopRequested = false;
          }
        }
      });
    }

    void execute() {
      h.started();
      h.budget(32);
      for (int step = 0; step < STEPS_PER_RUN; step++) {
        randomStep();
        check();
      }
      // Wind down: the car leaves and everything must close.
      enable(true);
      inject(BspEventKind.A);
      h.advance(STOP_GRACE_MS);
      // As Auth does after its connection_timeout: an authorisation nobody plugged in for ends.
      await(h.evse.withdrawAuthorization());
      check();
      checkSessionGrammar();
      assertThat(h.state()).as("after unplug and %d ms\n%s", STOP_GRACE_MS, trace())
          .isIn(dev.evse.core.charger.ChargerState.Idle);
      assertThat(h.board.relaysOn()).isFalse();
    }

    static final long STOP_GRACE_MS = 40_000;

    void randomStep() {
      int pick = rnd.nextInt(100);
      if (pick < 30) {
        BspEventKind[] weighted = {BspEventKind.A, BspEventKind.B, BspEventKind.B, BspEventKind.C, BspEventKind.C,
            BspEventKind.C, BspEventKind.D, BspEventKind.E, BspEventKind.F};
        inject(weighted[rnd.nextInt(weighted.length)]);
      } else if (pick < 50) {
        long ms = rnd.nextInt(4) == 0 ? rnd.nextLong(1, 25_000) : rnd.nextLong(1, 1_500);
        note("advance " + ms);
        h.advance(ms);
      } else if (pick < 57) {
        boolean accept = rnd.nextInt(5) != 0;
        note("authorize " + accept);
        await(h.evse.authorizeResponse(Harness.token("T" + rnd.nextInt(3)), Harness.result(
            accept ? AuthorizationStatus.Accepted : AuthorizationStatus.Blocked, Optional.empty())));
      } else if (pick < 60) {
        note("withdraw");
        await(h.evse.withdrawAuthorization());
      } else if (pick < 64) {
        note("pause");
        if (await(h.evse.pauseCharging())) {
          pausedByUser = true;
        }
      } else if (pick < 68) {
        note("resume");
        if (await(h.evse.resumeCharging())) {
          pausedByUser = false;
        }
      } else if (pick < 71) {
        note("stop_transaction");
        if (await(h.evse.stopTransaction(new StopTransactionRequest(StopTransactionReason.Remote, Optional.empty())))) {
          stopRequested = true;
        }
      } else if (pick < 75) {
        enable(rnd.nextInt(3) != 0);
      } else if (pick < 78) {
        note("reserve");
        await(h.evse.reserve(rnd.nextInt(4) - 1));
        if (rnd.nextBoolean()) {
          await(h.evse.cancelReservation());
        }
      } else if (pick < 84) {
        errorStep();
      } else if (pick < 92) {
        double[] amps = {0, 3, 5.9, 6, 10, 16, 32, 40};
        double a = amps[rnd.nextInt(amps.length)];
        long validFor = rnd.nextInt(4) == 0 ? rnd.nextLong(1000, 8000) : 86_400_000L;
        note("budget " + a + " for " + validFor);
        if (await(h.evse.setMaxCurrent(a, validFor))) {
          budgetA = a;
          budgetExpiresAt = h.time.now() + validFor + 1000;
        }
      } else if (pick < 97) {
        double amps = rnd.nextInt(6) == 0 ? 45 : rnd.nextDouble(0, 16);
        note("meter " + amps);
        h.meterReading(1000 + h.time.now() / 1000.0, amps);
      } else {
        note("force_unlock");
        await(h.evse.forceUnlock(1));
      }
    }

    void errorStep() {
      String[] fatal = {ErrorTypes.BSP_MREC14_PILOT_FAULT, ErrorTypes.BSP_PERMANENT_FAULT};
      if (rnd.nextInt(4) == 0) {
        note("raise warning");
        h.raise(ErrorSource.BOARD_SUPPORT, ErrorTypes.BSP_MREC3_HIGH_TEMPERATURE, Severity.High);
        return;
      }
      String type = fatal[rnd.nextInt(fatal.length)];
      if (fatalInjected.contains(type)) {
        note("clear " + type);
        fatalInjected.remove(type);
        h.clearError(ErrorSource.BOARD_SUPPORT, type);
      } else {
        note("raise " + type);
        fatalInjected.add(type);
        h.raise(ErrorSource.BOARD_SUPPORT, type, rnd.nextBoolean() ? Severity.High : Severity.Medium);
      }
    }

    void enable(boolean on) {
      note(on ? "enable" : "disable");
      await(h.evse.enableDisable(0, new EnableDisableSource(EnableSource.CSMS,
          on ? EnableState.Enable : EnableState.Disable, 10)));
      enabled = on;
    }

    void inject(BspEventKind k) {
      note("cp " + k);
      cp = k;
      h.cp(k);
    }

    <T> T await(CompletableFuture<T> f) {
      h.time.runUntilIdle();
      assertThat(f).as("command completes on the loop\n%s", trace()).isDone();
      assertThat(f).as("command does not fail\n%s", trace()).isNotCompletedExceptionally();
      return f.join();
    }

    void note(String s) {
      trace.add(h.time.now() + " " + s);
    }

    String trace() {
      return "steps:\n  " + String.join("\n  ", trace.subList(Math.max(0, trace.size() - 25), trace.size()))
          + "\nkernel timeline (last 30):\n  " + String.join("\n  ",
              h.timeline.all().subList(Math.max(0, h.timeline.all().size() - 30), h.timeline.all().size()));
    }

    /** Invariant 1: relays on only when it is safe; off at once or within the C1 time. */
    void check() {
      long now = h.time.now();
      boolean on = h.board.relaysOn();
      boolean cpOk = cp == BspEventKind.C || cp == BspEventKind.D;
      boolean fatal = inoperative || !fatalInjected.isEmpty();
      if (on) {
        assertThat(cpOk).as("relays on with CP %s\n%s", cp, trace()).isTrue();
        assertThat(enabled).as("relays on while disabled\n%s", trace()).isTrue();
        assertThat(fatal).as("relays on with a fatal error\n%s", trace()).isFalse();
      }
      boolean pwm = "PWM".equals(h.board.cp) && h.board.dutyPercent > 0 && h.board.dutyPercent < 100;
      boolean budgetOk = budgetA > dev.evse.core.iec.DutyCycle.MIN_CURRENT_A && now < budgetExpiresAt;
      boolean graceful = !pwm || !budgetOk || pausedByUser || stopRequested;
      if (on && !relaysWereOn) {
        assertThat(pwm && budgetOk && !pausedByUser && !stopRequested && h.evse.stateNow()
            == dev.evse.core.charger.ChargerState.Charging)
            .as("relays switched on while not allowed to charge\n%s", trace()).isTrue();
      }
      if (on && graceful) {
        if (gracefulSince < 0) {
          gracefulSince = now;
        }
        assertThat(now - gracefulSince).as("relays still on %d ms after a stop condition\n%s",
            now - gracefulSince, trace()).isLessThanOrEqualTo(C1_MS);
      } else {
        gracefulSince = -1;
      }
      relaysWereOn = on;
    }

    /** Invariants 2 and 3: the grammar of each session's events. */
    void checkSessionGrammar() {
      Map<String, List<SessionEventEnum>> bySession = new HashMap<>();
      Set<String> finished = new HashSet<>();
      for (SessionEvent e : h.events) {
        if (e.uuid().isEmpty()) {
          assertThat(e.event()).as("event without uuid\n%s", trace())
              .isIn(SessionEventEnum.ReservationStart, SessionEventEnum.ReservationEnd, SessionEventEnum.Enabled,
                  SessionEventEnum.Disabled);
          continue;
        }
        assertThat(finished).as("event %s after SessionFinished of %s\n%s", e.event(), e.uuid(), trace())
            .doesNotContain(e.uuid());
        List<SessionEventEnum> list = bySession.computeIfAbsent(e.uuid(), k -> new ArrayList<>());
        if (list.isEmpty()) {
          assertThat(e.event()).as("first event of a session\n%s", trace()).isEqualTo(SessionEventEnum.SessionStarted);
        }
        list.add(e.event());
        if (e.event() == SessionEventEnum.SessionFinished) {
          finished.add(e.uuid());
        }
      }
      for (Map.Entry<String, List<SessionEventEnum>> s : bySession.entrySet()) {
        List<SessionEventEnum> ev = s.getValue();
        long started = ev.stream().filter(x -> x == SessionEventEnum.TransactionStarted).count();
        long ended = ev.stream().filter(x -> x == SessionEventEnum.TransactionFinished).count();
        assertThat(started).as("transactions started in %s: %s", s.getKey(), ev).isLessThanOrEqualTo(1);
        assertThat(ended).as("every TransactionStarted has exactly one TransactionFinished: %s", ev)
            .isEqualTo(started);
        assertThat(ev.get(ev.size() - 1)).as("SessionFinished last: %s", ev).isEqualTo(SessionEventEnum.SessionFinished);
        int ts = ev.indexOf(SessionEventEnum.TransactionStarted);
        int cs = ev.indexOf(SessionEventEnum.ChargingStarted);
        if (cs >= 0) {
          assertThat(ts).as("ChargingStarted needs TransactionStarted first: %s", ev).isBetween(0, cs);
        }
        if (ts >= 0) {
          assertThat(ev.indexOf(SessionEventEnum.TransactionFinished)).as("order: %s", ev).isGreaterThan(ts);
        }
      }
    }
  }
}
