package org.snn4j.datasets.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one task per sample index on a few threads, each with its own scratch state, and reports the failure of the
 * lowest index, so the error a user sees does not depend on thread timing. Every index below a failing one still
 * runs; indices above the lowest failure known so far are skipped.
 */
final class ParallelLoad {
  private ParallelLoad() {}

  /** One sample's work. */
  interface Task<S> {
    void run(int index, S scratch) throws IOException;
  }

  static <S> void run(int count, Supplier<S> scratch, Task<S> task) throws IOException {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), count / 16));
    AtomicInteger next = new AtomicInteger();
    Object lock = new Object();
    int[] failedAt = {Integer.MAX_VALUE};
    Throwable[] failure = {null};
    Runnable worker = () -> {
      S s = scratch.get();
      while (true) {
        int i = next.getAndIncrement();
        synchronized (lock) {
          if (i >= count || i > failedAt[0]) {
            return;
          }
        }
        try {
          task.run(i, s);
        } catch (IOException | RuntimeException | Error e) {
          synchronized (lock) {
            if (i < failedAt[0]) {
              failedAt[0] = i;
              failure[0] = e;
            }
          }
        }
      }
    };
    if (threads == 1) {
      worker.run();
    } else {
      Thread[] pool = new Thread[threads];
      for (int k = 0; k < threads; k++) {
        pool[k] = new Thread(worker, "snn-load-" + k);
        pool[k].setDaemon(true);
        pool[k].start();
      }
      for (Thread t : pool) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while loading", e);
        }
      }
    }
    Throwable f = failure[0];
    if (f instanceof IOException io) {
      throw io;
    }
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
    if (f != null) {
      throw new UncheckedIOException(new IOException(f));
    }
  }
}
