package org.snn4j.core.net;

/**
 * Steele, Lea and Flood's SplitMix64 generator, written out so that a seed gives the same numbers on every JDK
 * (java.util's generators make no such promise across versions). Not thread-safe.
 */
public final class SplitMix64 {
  private long state;

  /** A generator seeded with {@code seed}. */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** The next 64 random bits. */
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1), 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, bound), bound &gt; 0 (Lemire's multiply-shift; the tiny bias is irrelevant here). */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }
}
