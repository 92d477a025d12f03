package org.snn4j.datasets;

import java.util.Locale;
import org.snn4j.api.DatasetFormatException;

/** Refuses, before it is allocated, data that the heap cannot hold: one line naming the file and the figures. */
public final class HeapCheck {
  private HeapCheck() {}

  /**
   * @param file the file whose data would be loaded, for the message
   * @param bytes what loading it allocates
   * @throws DatasetFormatException if the heap has less room than {@code bytes}, even after a collection
   */
  public static void require(String file, long bytes) throws DatasetFormatException {
    Runtime rt = Runtime.getRuntime();
    if (bytes <= rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) {
      return;
    }
    System.gc(); // only when it matters: garbage counts as used until it is collected
    require(file, bytes, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()), rt.maxMemory());
  }

  /** {@link #require(String, long)} against a given free heap of a given maximum, for tests. */
  static void require(String file, long bytes, long available, long max) throws DatasetFormatException {
    if (bytes <= available) {
      return;
    }
    long suggest = (long) Math.ceil((bytes + (max - available)) * 1.25 / (1L << 30));
    throw new DatasetFormatException(file, 0, String.format(Locale.ROOT,
        "loading it needs about %.1f GiB of heap, the JVM has %.1f GiB free of %.1f GiB: set SNN_JAVA_OPTS=-Xmx%dg",
        bytes / (double) (1L << 30), available / (double) (1L << 30), max / (double) (1L << 30), Math.max(1, suggest)));
  }
}
