package org.snn4j.core.memory;

import java.util.Locale;

/**
 * The arrays a piece of work will allocate, added up before any is: their bytes, and the first that no Java array can
 * hold. Each class adds its own arrays next to the code that allocates them (e.g. {@code SpikingTape.footprint}), so
 * the sum follows the code. Sizes are longs that saturate, so a size that would overflow {@code int} is reported,
 * not wrapped.
 */
public final class Footprint {
  /** The most elements HotSpot allocates in one array. */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;
  /** Bytes of an array's object header, added per array. */
  private static final int HEADER = 16;

  private long bytes;
  private String tooLarge;
  private boolean tooLargeScalesWithBatch;

  /**
   * Adds an array.
   *
   * @param what what it holds, e.g. {@code layer 0's weights}
   * @param elements its length (saturated by {@link #times})
   * @param elementBytes 1, 4 or 8
   * @param scalesWithBatch whether its length grows with the batch size and time steps (else with the layer sizes)
   * @return this
   */
  public Footprint array(String what, long elements, int elementBytes, boolean scalesWithBatch) {
    if (elements > MAX_ARRAY && tooLarge == null) {
      tooLarge = String.format(Locale.ROOT, "%s would hold %,d elements", what, elements);
      tooLargeScalesWithBatch = scalesWithBatch;
    }
    bytes = plus(bytes, plus(times(elements, elementBytes), HEADER));
    return this;
  }

  /** {@link #array} of floats. */
  public Footprint floats(String what, long elements, boolean scalesWithBatch) {
    return array(what, elements, Float.BYTES, scalesWithBatch);
  }

  /** {@link #array} of ints. */
  public Footprint ints(String what, long elements, boolean scalesWithBatch) {
    return array(what, elements, Integer.BYTES, scalesWithBatch);
  }

  /** {@link #array} of longs. */
  public Footprint longs(String what, long elements, boolean scalesWithBatch) {
    return array(what, elements, Long.BYTES, scalesWithBatch);
  }

  /** {@link #array} of bytes or booleans. */
  public Footprint bytes(String what, long elements, boolean scalesWithBatch) {
    return array(what, elements, 1, scalesWithBatch);
  }

  /** Bytes of all arrays added, headers included (saturated at {@link Long#MAX_VALUE}). */
  public long bytes() {
    return bytes;
  }

  /** The first array longer than {@link #MAX_ARRAY}, e.g. {@code layer 0's weights would hold 2,352,000,000 elements}, or null. */
  public String tooLargeArray() {
    return tooLarge;
  }

  /** Whether {@link #tooLargeArray()} grows with the batch size and time steps (else with the layer sizes). */
  public boolean tooLargeScalesWithBatch() {
    return tooLargeScalesWithBatch;
  }

  /** The product of non-negative factors, or {@link Long#MAX_VALUE} when it does not fit. */
  public static long times(long... factors) {
    long p = 1;
    for (long f : factors) {
      if (f != 0 && p > Long.MAX_VALUE / f) {
        return Long.MAX_VALUE;
      }
      p *= f;
    }
    return p;
  }

  /** The sum of non-negative terms, or {@link Long#MAX_VALUE} when it does not fit. */
  public static long plus(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }

  /** Bytes for people: {@code 14.2 GiB}, {@code 512 MiB}. */
  public static String describe(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%d MiB", (bytes + (1 << 20) - 1) >> 20);
  }
}
