package org.snn4j.core.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WorkerPoolTest {
  @Test
  void everyIndexIsCoveredOnceInGrainAlignedRanges() {
    try (WorkerPool pool = new WorkerPool(3)) {
      for (int round = 0; round < 2_000; round++) {
        int n = 1 + round % 97;
        int grain = 1 + round % 5;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        pool.forRange(n, grain, (from, to) -> {
          assertEquals(0, from % grain, "range start on a grain boundary");
          for (int i = from; i < to; i++) {
            hits.incrementAndGet(i);
          }
        });
        for (int i = 0; i < n; i++) {
          assertEquals(1, hits.get(i), "index " + i + " of " + n);
        }
      }
    }
  }

  @Test
  void chunksCoverEveryIndexOnceWhateverThreadTakesThem() {
    try (WorkerPool pool = new WorkerPool(2)) {
      for (int round = 0; round < 1_000; round++) {
        int n = round % 130;
        int chunk = 1 + round % 7;
        AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
        pool.forChunks(n, chunk, (from, to) -> {
          assertEquals(0, from % chunk, "chunk start");
          assertTrue(to - from <= chunk && to <= n, "chunk length");
          for (int i = from; i < to; i++) {
            hits.incrementAndGet(i);
          }
        });
        for (int i = 0; i < n; i++) {
          assertEquals(1, hits.get(i), "index " + i + " of " + n);
        }
      }
    }
  }

  @Test
  void aFailingRangeIsRethrownAfterTheOthersFinish() {
    try (WorkerPool pool = new WorkerPool(2)) {
      IllegalArgumentException boom = new IllegalArgumentException("boom");
      AtomicIntegerArray done = new AtomicIntegerArray(1);
      IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> pool.forRange(100, 1,
          (from, to) -> {
            if (from > 0) {
              throw boom;
            }
            done.incrementAndGet(0);
          }));
      assertSame(boom, thrown);
      assertEquals(1, done.get(0));
      // the pool still works afterwards
      AtomicIntegerArray hits = new AtomicIntegerArray(1);
      pool.forRange(10, 1, (from, to) -> hits.addAndGet(0, to - from));
      assertEquals(10, hits.get(0));
    }
  }

  @Test
  void aNestedCallRunsItsWholeRangeOnTheCallingThread() {
    try (WorkerPool pool = new WorkerPool(2)) {
      for (int round = 0; round < 200; round++) {
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        pool.forRange(16, 1, (from, to) -> {
          counts.incrementAndGet(0);
          Thread me = Thread.currentThread();
          pool.forRange(50, 1, (a, b) -> {
            assertSame(me, Thread.currentThread());
            counts.addAndGet(1, b - a);
          });
        });
        assertEquals(50 * counts.get(0), counts.get(1), "each outer range ran the whole inner range once");
      }
    }
  }

  @Test
  void aClosedPoolRefusesWorkAndItsThreadsEnd() throws InterruptedException {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    WorkerPool pool = new WorkerPool(3);
    java.util.List<Thread> mine = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().startsWith("snn-worker-")).toList();
    assertEquals(2, mine.size(), "two worker threads besides the caller");
    pool.forRange(10, 1, (a, b) -> { });
    pool.close();
    assertThrows(IllegalStateException.class, () -> pool.forRange(10, 1, (a, b) -> { }));
    for (Thread t : mine) {
      t.join(10_000);
      assertTrue(!t.isAlive(), t.getName() + " still alive");
    }
  }
}
