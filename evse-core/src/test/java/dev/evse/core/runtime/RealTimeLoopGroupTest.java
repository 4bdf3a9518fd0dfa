package dev.evse.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The real-time loop keeps each loop's tasks serial and in order, whatever thread posts them. */
class RealTimeLoopGroupTest {

  @Test
  void tasksOfOneLoopRunOneAtATimeInPostingOrder() throws Exception {
    try (RealTimeLoopGroup g = new RealTimeLoopGroup(4)) {
      EventLoop loop = g.newLoop("x");
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(10_000);
      for (int i = 0; i < 10_000; i++) {
        int n = i;
        loop.post(() -> {
          if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          seen.add(n);
          inside.decrementAndGet();
          done.countDown();
        });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(overlaps).hasValue(0);
      for (int i = 0; i < seen.size(); i++) {
        assertThat(seen.get(i)).isEqualTo(i);
      }
    }
  }

  @Test
  void aTimerCancelledOnTheLoopDoesNotRun() throws Exception {
    try (RealTimeLoopGroup g = new RealTimeLoopGroup(2)) {
      EventLoop loop = g.newLoop("x");
      AtomicInteger ran = new AtomicInteger();
      CountDownLatch later = new CountDownLatch(1);
      Cancellable c = loop.schedule(20, ran::incrementAndGet);
      c.cancel();
      loop.schedule(60, later::countDown);
      assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).hasValue(0);
    }
  }
}
