package dev.evse.core.charger;

import dev.evse.core.runtime.Cancellable;
import dev.evse.core.runtime.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Waits on the loop for the answers of several meters. A meter that fails or does not answer
 * within the timeout counts as no answer (empty); the callback runs once, on the loop.
 */
final class MeterReplies<M, T> {
  private final EventLoop loop;
  private final List<Optional<T>> answers = new ArrayList<>();
  private final Consumer<List<Optional<T>>> done;
  private int pending;
  private boolean finished;
  private Cancellable timeout = Cancellable.NONE;

  private MeterReplies(EventLoop loop, int count, Consumer<List<Optional<T>>> done) {
    this.loop = loop;
    this.done = done;
    this.pending = count;
    for (int i = 0; i < count; i++) {
      answers.add(Optional.empty());
    }
  }

  static <M, T> void ask(
      EventLoop loop,
      List<M> meters,
      Function<M, CompletionStage<T>> request,
      long timeoutMillis,
      Consumer<List<Optional<T>>> done) {
    MeterReplies<M, T> replies = new MeterReplies<>(loop, meters.size(), done);
    if (meters.isEmpty()) {
      loop.post(replies::finish);
      return;
    }
    replies.timeout = loop.schedule(timeoutMillis, replies::finish);
    for (int i = 0; i < meters.size(); i++) {
      int index = i;
      CompletionStage<T> stage;
      try {
        stage = request.apply(meters.get(i));
      } catch (RuntimeException e) {
        loop.post(() -> replies.answer(index, null));
        continue;
      }
      stage.whenComplete((value, error) -> loop.post(() -> replies.answer(index, error == null ? value : null)));
    }
  }

  private void answer(int index, T value) {
    if (finished) {
      return;
    }
    answers.set(index, Optional.ofNullable(value));
    if (--pending == 0) {
      finish();
    }
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    timeout.cancel();
    done.accept(answers);
  }
}
