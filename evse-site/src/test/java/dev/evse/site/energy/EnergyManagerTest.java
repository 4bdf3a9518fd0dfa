package dev.evse.site.energy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.evse.api.types.EnergyFlowRequest;
import dev.evse.api.types.EnforcedLimits;
import dev.evse.api.types.EvseState;
import dev.evse.core.runtime.VirtualTimeLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The manager on its loop: rounds, priority requests, listeners, logging. */
class EnergyManagerTest {

  private static EnergyFlowRequest priority(EnergyFlowRequest r) {
    return new EnergyFlowRequest(r.children(), r.uuid(), r.nodeType(), Optional.of(true), r.evseState(),
        r.optimizerTarget(), r.energyUsageRoot(), r.energyUsageLeaves(), r.scheduleImport(), r.scheduleExport(),
        r.scheduleSetpoints());
  }

  @Test
  void roundsRunEveryIntervalAndAtOnceOnAPriorityRequest() {
    try (VirtualTimeLoopGroup time = new VirtualTimeLoopGroup()) {
      EnergyManager m = new EnergyManager(time.newLoop("energy"), EnergyConfig.defaults());
      List<EnforcedLimits> sent = new ArrayList<>();
      Consumer<EnergyFlowRequest> in = m.addNode("a", l -> {
        sent.add(l);
        return CompletableFuture.completedFuture(true);
      });
      List<EnergyDecision> decisions = new ArrayList<>();
      m.addDecisionListener(decisions::add);
      m.start();
      time.advanceTo(2500);
      assertThat(decisions).extracting(EnergyDecision::monotonicMillis).containsExactly(0L, 1000L, 2000L);
      in.accept(priority(Req.evse("a", EvseState.WaitForAuth, 16, 3, false)));
      time.runUntilIdle();
      assertThat(decisions).hasSize(4);
      assertThat(decisions.get(3).monotonicMillis()).isEqualTo(2500);
      assertThat(sent.get(sent.size() - 1).limitsRootSide().acMaxCurrentA().orElseThrow().value()).isEqualTo(16.0);
      assertThat(m.lastDecision()).contains(decisions.get(3));
      m.stop();
      time.advanceTo(10_000);
      assertThat(decisions).hasSize(4);
    }
  }

  @Test
  void decisionsAreLoggedAtDebugLevelWithTheReason() {
    Logger logger = (Logger) LoggerFactory.getLogger(EnergyManager.class);
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    try (VirtualTimeLoopGroup time = new VirtualTimeLoopGroup()) {
      EnergyManager m = new EnergyManager(time.newLoop("energy"), EnergyConfig.withGrid(10, 3));
      Consumer<EnergyFlowRequest> a = m.addNode("a", l -> CompletableFuture.completedFuture(true));
      Consumer<EnergyFlowRequest> b = m.addNode("b", l -> CompletableFuture.completedFuture(true));
      m.start();
      a.accept(Req.charging("a"));
      b.accept(Req.charging("b"));
      time.advanceTo(1000);
      assertThat(appender.list).last().satisfies(e -> {
        assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(e.getFormattedMessage()).contains("capacity 10.0/10.0/10.0 A",
            "a 10.0A x3 (target 10.0) SHARED [grid_connection L1]",
            "b 0.0A x3 (target 0.0) WAITING_FOR_CAPACITY [grid_connection L1]");
      });
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
    }
  }

  @Test
  void aFailingEnforcerOrListenerDoesNotStopTheRounds() {
    Logger logger = (Logger) LoggerFactory.getLogger(EnergyManager.class);
    Level before = logger.getLevel();
    logger.setLevel(Level.ERROR); // the warnings are expected here
    try (VirtualTimeLoopGroup time = new VirtualTimeLoopGroup()) {
      EnergyManager m = new EnergyManager(time.newLoop("energy"), EnergyConfig.defaults());
      m.addNode("a", l -> {
        throw new IllegalStateException("broken link");
      });
      m.addNode("b", l -> CompletableFuture.failedFuture(new IllegalStateException("no reply")));
      m.addDecisionListener(d -> {
        throw new IllegalStateException("broken listener");
      });
      List<EnergyDecision> decisions = new ArrayList<>();
      m.addDecisionListener(decisions::add);
      m.start();
      time.advanceTo(3000);
      assertThat(decisions).hasSize(4);
    } finally {
      logger.setLevel(before);
    }
  }
}
