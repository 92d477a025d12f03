package org.snn4j.core.layer;

/**
 * Spikes as bits, the layout of every spike tensor between kernels and on the tape: a row of {@code n} spikes takes
 * {@link #words(int) words(n)} {@code long}s, spike {@code i} is bit {@code i % 64} of word {@code i / 64}, and bits
 * above {@code n} in the last word are zero. A {@code [rows][n]} tensor is {@code rows} such rows back to back, so
 * every row starts on a word.
 */
public final class SpikeBits {
  private SpikeBits() {}

  /** Words per row of {@code n} spikes. */
  public static int words(int n) {
    return (n + 63) >>> 6;
  }

  /** Spike {@code i} of the row starting at word {@code word}. */
  public static boolean get(long[] bits, int word, int i) {
    return (bits[word + (i >>> 6)] & (1L << i)) != 0;
  }

  /** Number of spikes in words {@code [from, to)}. */
  public static long count(long[] bits, int from, int to) {
    long c = 0;
    for (int k = from; k < to; k++) {
      c += Long.bitCount(bits[k]);
    }
    return c;
  }

  /**
   * Writes the indices of the set bits of {@code words} words from {@code word}, ascending, to {@code out[outFrom
   * ..]} and returns how many there are.
   */
  public static int indices(long[] bits, int word, int words, int[] out, int outFrom) {
    int c = outFrom;
    for (int k = 0; k < words; k++) {
      c = emit(bits[word + k], k << 6, out, c);
    }
    return c - outFrom;
  }

  /**
   * Writes {@code base} plus the index of each set bit of {@code v}, ascending, to {@code out[at ..]}; returns the
   * position after the last one. Four at a time while four are left, counted with a popcount: a loop that ends when
   * the word runs out of bits mispredicts its exit at every word (1.7-1.9× slower at 12-29% density in a standalone
   * loop).
   */
  public static int emit(long v, int base, int[] out, int at) {
    int c = at;
    int end = at + Long.bitCount(v);
    for (; c + 4 <= end; c += 4) {
      out[c] = base + Long.numberOfTrailingZeros(v);
      v &= v - 1;
      out[c + 1] = base + Long.numberOfTrailingZeros(v);
      v &= v - 1;
      out[c + 2] = base + Long.numberOfTrailingZeros(v);
      v &= v - 1;
      out[c + 3] = base + Long.numberOfTrailingZeros(v);
      v &= v - 1;
    }
    for (; c < end; c++) {
      out[c] = base + Long.numberOfTrailingZeros(v);
      v &= v - 1;
    }
    return end;
  }

  /** Unpacks {@code rows} rows of {@code n} spikes into 0/1 bytes {@code [rows][n]}. */
  public static byte[] toBytes(long[] bits, int rows, int n) {
    byte[] out = new byte[Math.multiplyExact(rows, n)];
    int words = words(n);
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        out[r * n + i] = (byte) (get(bits, r * words, i) ? 1 : 0);
      }
    }
    return out;
  }
}
