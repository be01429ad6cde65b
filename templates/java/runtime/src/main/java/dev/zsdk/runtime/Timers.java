package dev.zsdk.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Waits without a blocked thread: one daemon timer thread schedules them, the common pool runs what
 * follows. A wait that is no longer needed is removed from the timer at once.
 */
final class Timers {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private Timers() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "zsdk-timer");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Completes after delay; cancelling it removes the timer. */
  static CompletableFuture<Void> sleep(Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ScheduledFuture<?> task =
        TIMER.schedule(
            () -> ForkJoinPool.commonPool().execute(() -> done.complete(null)),
            Math.max(0, delay.toNanos()),
            TimeUnit.NANOSECONDS);
    done.whenComplete((v, e) -> task.cancel(false));
    return done;
  }

  /** Runs action after delay unless the returned handle is cancelled first. */
  static ScheduledFuture<?> after(Duration delay, Runnable action) {
    return TIMER.schedule(
        () -> ForkJoinPool.commonPool().execute(action), delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
