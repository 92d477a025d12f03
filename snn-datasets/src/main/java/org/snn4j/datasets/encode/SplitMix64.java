package org.snn4j.datasets.encode;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014) as static functions over a {@code long} state. Written out here rather
 * than taken from {@code java.util} because spikes must be identical on every JDK, and the JDK's generators promise
 * no stable output; as functions over a local {@code long} they also allocate nothing in the hot loop.
 */
final class SplitMix64 {
  /** The Weyl increment: 2^64 divided by the golden ratio, odd. */
  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SplitMix64() {}

  /** The SplitMix64 finalizer (Stafford's variant 13): a bijection on 64 bits that mixes every input bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
