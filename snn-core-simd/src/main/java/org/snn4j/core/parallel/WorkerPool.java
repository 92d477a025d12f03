package org.snn4j.core.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of worker threads that split a range of work and wait for all of it.
 *
 * <p>Determinism is the caller's side of the contract: each range owns a disjoint part of the output and computes
 * each element in an order that does not depend on how the work was split. Then the result is the same, bit for
 * bit, whatever the thread count.
 *
 * <p>The pool allocates nothing per call: the workers are persistent threads that wait for a new generation number
 * (spinning briefly, then parked), read the job from fields, and count themselves done on an atomic counter; the
 * calling thread runs the first range itself. One job runs at a time; a call from inside a running job (from any of
 * its threads) runs its whole range on the calling thread.
 */
public final class WorkerPool implements AutoCloseable {
  /** Spin iterations before a waiting thread parks: about 50 µs, longer than the gap between kernels of a step. */
  private static final int SPINS = 20_000;

  private final int threads;
  private final Thread[] workers;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile int generation;
  private volatile boolean closed;
  private volatile Thread caller;
  private boolean busy;
  // the current job, published by the volatile write of generation
  private RangeBody body;
  private int n;
  private int grain;
  private int units;
  private int tasks;
  private boolean dynamic;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param threads number of threads, at least 1; with 1, work runs on the caller's thread
   */
  public WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    for (int k = 1; k < threads; k++) {
      int index = k;
      Thread t = new Thread(() -> work(index), "snn-worker-" + k);
      t.setDaemon(true);
      workers[k - 1] = t;
      t.start();
    }
  }

  /** Number of threads. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body.run(from, to)} over {@code [0, n)} split into about one contiguous range per thread, each a
   * multiple of {@code grain} long except the last, and returns when all are done. Thread {@code k} always gets the
   * {@code k}-th range, so data a thread wrote in one call stays in its core's cache for the next (handing the
   * ranges out dynamically instead measured 40-60% slower). An exception thrown by a range is rethrown here (the
   * first one, after every range has finished).
   */
  public void forRange(int n, int grain, RangeBody body) {
    run(n, grain, body, false);
  }

  /**
   * Runs {@code body.run(from, to)} over {@code [0, n)} in chunks of {@code chunk} (the last may be shorter), handed
   * to whichever thread is free: for work of uneven cost. Which thread runs a chunk varies from call to call, so a
   * chunk's result must not depend on it (each chunk owns its outputs).
   */
  public void forChunks(int n, int chunk, RangeBody body) {
    run(n, chunk, body, true);
  }

  private void run(int n, int grain, RangeBody body, boolean dynamic) {
    int g = Math.max(1, grain);
    int units = (n + g - 1) / g;
    int tasks = Math.min(threads, units);
    if (tasks <= 1 || isWorker()) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    if (closed) {
      throw new IllegalStateException("worker pool is closed");
    }
    lock.lock();
    try {
      if (busy) {
        // called from inside the running job, on the caller's thread: run it here, and leave the job running
        body.run(0, n);
        return;
      }
      busy = true;
      try {
        runJob(n, g, units, tasks, body, dynamic);
      } finally {
        busy = false;
      }
    } finally {
      lock.unlock();
    }
  }

  private void runJob(int n, int g, int units, int tasks, RangeBody body, boolean dynamic) {
    this.body = body;
    this.n = n;
    this.grain = g;
    this.units = units;
    this.tasks = tasks;
    this.dynamic = dynamic;
    this.next.set(0);
    this.caller = Thread.currentThread();
    pending.set(workers.length);
    generation++;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
    runTask(0);
    int spins = 0;
    while (pending.get() != 0) {
      if (++spins < SPINS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
    this.body = null;
    Throwable f = failure.getAndSet(null);
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
  }

  private boolean isWorker() {
    Thread current = Thread.currentThread();
    for (Thread w : workers) {
      if (w == current) {
        return true;
      }
    }
    return false;
  }

  private void runTask(int k) {
    if (k >= tasks) {
      return;
    }
    if (dynamic) {
      try {
        for (int from; (from = next.getAndAdd(grain)) < n; ) {
          body.run(from, Math.min(n, from + grain));
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
      return;
    }
    int from = (int) ((long) units * k / tasks) * grain;
    int to = Math.min(n, (int) ((long) units * (k + 1) / tasks) * grain);
    if (from >= to) {
      return;
    }
    try {
      body.run(from, to);
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }

  private void work(int index) {
    int seen = 0;
    while (true) {
      int spins = 0;
      int g;
      while ((g = generation) == seen) {
        if (closed) {
          return;
        }
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      seen = g;
      runTask(index);
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  /** A range of work {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    /** Processes {@code [from, to)}. */
    void run(int from, int to);
  }

  /** Stops the workers; they finish a running job first. */
  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
  }
}
