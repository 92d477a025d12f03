package org.snn4j.core.dense;

/** Bit-sliced 5-bit counters, one per bit of a word: 64 inputs counted at once. */
final class BitCounters {
  private BitCounters() {}

  /** Adds the bits of {@code v} (one per input) to the 5-bit bit-sliced counters {@code c[at, at+5)}. */
  static void increment(long[] c, int at, long v) {
    // branch-free: an early exit on a zero carry mispredicts more than the five levels cost
    long c0 = c[at];
    long c1 = c[at + 1];
    long c2 = c[at + 2];
    long c3 = c[at + 3];
    long k = c0 & v;
    c[at] = c0 ^ v;
    long k1 = c1 & k;
    c[at + 1] = c1 ^ k;
    long k2 = c2 & k1;
    c[at + 2] = c2 ^ k1;
    long k3 = c3 & k2;
    c[at + 3] = c3 ^ k2;
    c[at + 4] ^= k3;
  }

  /** Per bit, whether the 5-bit counter at {@code a} is less than the one at {@code b}. */
  static long less(long[] c, int a, int b) {
    long lt = 0;
    long eq = -1L;
    for (int j = 4; j >= 0; j--) {
      long aj = c[a + j];
      long bj = c[b + j];
      lt |= eq & ~aj & bj;
      eq &= ~(aj ^ bj);
    }
    return lt;
  }
}
