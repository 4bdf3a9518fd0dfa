package dev.evse.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualTimeLoopGroupTest {

  @Test
  void tasksRunInDueOrderThenQueueOrder() {
    VirtualTimeLoopGroup g = new VirtualTimeLoopGroup();
    EventLoop a = g.newLoop("a");
    EventLoop b = g.newLoop("b");
    List<String> log = new ArrayList<>();
    a.schedule(100, () -> log.add("a100"));
    b.schedule(50, () -> log.add("b50"));
    a.post(() -> log.add("a0"));
    b.schedule(100, () -> log.add("b100"));
    g.advanceBy(99);
    assertThat(log).containsExactly("a0", "b50");
    g.advanceBy(1);
    assertThat(log).containsExactly("a0", "b50", "a100", "b100");
    assertThat(g.now()).isEqualTo(100);
  }

  @Test
  void cancelledTimersDoNotRun() {
    VirtualTimeLoopGroup g = new VirtualTimeLoopGroup();
    EventLoop loop = g.newLoop("x");
    List<String> log = new ArrayList<>();
    Cancellable c = loop.schedule(10, () -> log.add("no"));
    c.cancel();
    g.advanceBy(100);
    assertThat(log).isEmpty();
    assertThat(g.nextDue()).isEqualTo(-1);
  }

  @Test
  void periodicTasksFireEveryPeriodUntilCancelled() {
    VirtualTimeLoopGroup g = new VirtualTimeLoopGroup();
    EventLoop loop = g.newLoop("x");
    List<Long> at = new ArrayList<>();
    Cancellable c = loop.every(1000, () -> at.add(g.now()));
    g.advanceBy(3500);
    c.cancel();
    g.advanceBy(5000);
    assertThat(at).containsExactly(1000L, 2000L, 3000L);
  }

  @Test
  void callCompletesWithTheResultOnTheLoop() {
    VirtualTimeLoopGroup g = new VirtualTimeLoopGroup();
    var f = g.newLoop("x").call(() -> 42);
    assertThat(f).isNotDone();
    g.runUntilIdle();
    assertThat(f).isCompletedWithValue(42);
  }

  @Test
  void wallTimeFollowsVirtualTime() {
    VirtualTimeLoopGroup g = new VirtualTimeLoopGroup(java.time.Instant.parse("2026-05-06T09:51:28Z"));
    g.advanceBy(123);
    assertThat(g.clock().wallTime()).hasToString("2026-05-06T09:51:28.123Z");
    assertThat(g.clock().monotonicMillis()).isEqualTo(123);
  }

  @Test
  void timeNeverGoesBack() {
    VirtualTimeLoopGroup g = new VirtualTimeLoopGroup();
    assertThatThrownBy(() -> g.advanceBy(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
