package dev.evse.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommunicationCheckTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final CommunicationCheck.Fault fault = new CommunicationCheck.Fault() {
    @Override
    public void raise(String subType, String message) {
      log.add("raise " + subType);
    }

    @Override
    public void clear(String subType) {
      log.add("clear " + subType);
    }
  };

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void initialErrorThenClearedThenLostOnceThenClearedAgain() {
    CommunicationCheck c = new CommunicationCheck(timers, 200, fault);
    c.start();
    assertThat(log).containsExactly("raise " + CommunicationCheck.INITIAL);
    c.check(true);
    assertThat(log).containsExactly("raise " + CommunicationCheck.INITIAL, "clear " + CommunicationCheck.INITIAL);
    await().atMost(Duration.ofSeconds(3)).until(() -> log.size() == 3);
    assertThat(log.get(2)).isEqualTo("raise " + CommunicationCheck.LOST);
    await().pollDelay(Duration.ofMillis(400)).until(() -> true);
    assertThat(log).hasSize(3); // not repeated while active
    c.alive();
    assertThat(log.get(3)).isEqualTo("clear " + CommunicationCheck.LOST);
    assertThat(c.faultActive()).isFalse();
  }

  @Test
  void falseDisablesForGoodAndZeroMeansNoCheck() {
    CommunicationCheck c = new CommunicationCheck(timers, 100, fault);
    c.start();
    c.check(false);
    await().pollDelay(Duration.ofMillis(400)).until(() -> true);
    assertThat(log).containsExactly("raise " + CommunicationCheck.INITIAL, "clear " + CommunicationCheck.INITIAL);
    assertThat(c.enabled()).isFalse();

    log.clear();
    CommunicationCheck off = new CommunicationCheck(timers, 0, fault);
    off.start();
    await().pollDelay(Duration.ofMillis(200)).until(() -> true);
    assertThat(log).isEmpty();
  }
}
