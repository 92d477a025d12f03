package org.snn4j.core.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A fixed set of worker threads that run numbered tasks and wait for all of them.
 *
 * <p>Determinism is the caller's side of the contract: each task owns a disjoint part of the output and computes
 * each element in an order that does not depend on how the work was split. Then the result is the same, bit for
 * bit, whatever the thread count.
 */
public final class WorkerPool implements AutoCloseable {
  private final int threads;
  private final ExecutorService executor;

  /**
   * @param threads number of threads, at least 1; with 1, tasks run on the caller's thread
   */
  public WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.executor =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "snn-worker");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** Number of threads. */
  public int threads() {
    return threads;
  }

  /** Runs {@code task.accept(k)} for every {@code k in [0, tasks)} and returns when all are done. */
  public void run(int tasks, IntConsumer task) {
    if (executor == null || tasks <= 1) {
      for (int k = 0; k < tasks; k++) {
        task.accept(k);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(tasks);
    for (int k = 1; k < tasks; k++) {
      int id = k;
      futures.add(executor.submit(() -> task.accept(id)));
    }
    task.accept(0);
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for workers", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          throw re;
        }
        if (c instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(c);
      }
    }
  }

  /**
   * Runs {@code body.run(from, to)} over {@code [0, n)} split into about one contiguous range per thread, each a
   * multiple of {@code grain} long except the last.
   */
  public void forRange(int n, int grain, RangeBody body) {
    int g = Math.max(1, grain);
    int units = (n + g - 1) / g;
    int tasks = Math.min(threads, units);
    if (tasks <= 1) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    run(
        tasks,
        k -> {
          int from = (int) ((long) units * k / tasks) * g;
          int to = Math.min(n, (int) ((long) units * (k + 1) / tasks) * g);
          if (from < to) {
            body.run(from, to);
          }
        });
  }

  /** A range of work {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    /** Processes {@code [from, to)}. */
    void run(int from, int to);
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
