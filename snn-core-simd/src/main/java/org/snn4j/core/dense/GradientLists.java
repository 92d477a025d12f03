package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.layer.SpikeBits;

/**
 * The weight gradient's term lists. Along time per (sample, input): with prefix sums {@code P[t] = Σ_{s≤t} gu[s]}
 * of one sample, an input that fired over the steps {@code s..e} contributes {@code P[e] - P[s-1]}, two terms for
 * the whole run instead of one per step, and an input that fired at almost every step contributes the whole sum
 * {@code P[T-1]} minus the steps it missed; each (sample, input) takes whichever form has the fewest terms.
 */
final class GradientLists {
  private GradientLists() {}

  /**
   * Per (sample b, input i), the terms of {@code Σ_t x[t][i]·gu[t]} in the cheapest of three exact forms, with
   * {@code δ(t)} = source row {@code t·B + b} and {@code P(t)} = prefix row {@code rows + t·B + b}:
   *
   * <ul>
   *   <li>direct: {@code + δ(t)} for every step that spiked;
   *   <li>runs: {@code + P(e)} at the end {@code e} of every run of spikes, {@code - P(s-1)} before its start {@code
   *       s > 0};
   *   <li>complement: {@code + P(T-1)} (the whole sum), {@code - δ(t)} for every step that did not spike.
   * </ul>
   *
   * The three counts are computed for 64 inputs at once with bit-sliced counters; ties prefer direct, then runs.
   * Rows of {@code gu} that are all zeros ({@link LiveRows}) count as no spike and never as a miss, so no form
   * reads them (a sample with no live row is skipped). Inputs {@code [i0, i1)}, {@code i0} a multiple of 64; per input
   * the terms are in sample order, then step order.
   */
  static void gradientLists(long[] x, DenseWorkspace ws, int i0, int i1) {
    int rows = ws.rows;
    int batch = ws.batch;
    int steps = ws.timesteps;
    int words = ws.words;
    int[] idx = ws.gIdx;
    int[] add = ws.gAdd;
    int[] sub = ws.gSub;
    for (int i = i0; i < i1; i++) {
      add[i] = i * rows;
      sub[i] = (i + 1) * rows;
    }
    boolean sliced = steps <= DenseProducts.MAX_SLICED_STEPS && ws.out >= DenseProducts.FORMS_MIN_OUT;
    long[] c = ws.counters;
    long[] live = ws.live;
    for (int b = 0; b < batch; b++) {
      if (!ws.liveSample[b]) {
        continue;
      }
      // all-zero rows are left out: masked out of the spikes, and not counted as misses of the complement form
      int liveSteps = 0;
      for (int t = 0; t < steps; t++) {
        liveSteps -= (int) live[t * batch + b];
      }
      for (int q = i0 >>> 6, qEnd = SpikeBits.words(i1); q < qEnd; q++) {
        long range = -1L << Math.max(i0 - (q << 6), 0);
        if (i1 - (q << 6) < 64) {
          range &= (1L << (i1 - (q << 6))) - 1;
        }
        int at = q * 15;
        long direct = range;
        long runs = 0;
        long complement = 0;
        if (sliced) {
          // counters: ones at [at, at+5), run terms at [at+5, at+10), 1 + zeros at [at+10, at+15). An end (x[t]
          // and not x[t+1]) and a start-before (x[t+1] and not x[t]) cannot coincide, so the run terms at t are the
          // bits of x[t] ^ x[t+1], with x[T] = 0.
          Arrays.fill(c, at, at + 10, 0L);
          long prev = 0;
          for (int t = 0; t < steps; t++) {
            long xt = x[(t * batch + b) * words + q] & live[t * batch + b];
            long next = t + 1 < steps ? x[((t + 1) * batch + b) * words + q] & live[(t + 1) * batch + b] : 0L;
            BitCounters.increment(c, at, xt);
            BitCounters.increment(c, at + 5, xt ^ next);
            prev |= xt;
          }
          // 1 + zeros = (L + 1) - ones = (L + 1) + ~ones + 1, bit-sliced, in 5 bits, L = live steps
          long carry = -1L;
          for (int j = 0; j < 5; j++) {
            long a = ~c[at + j];
            long k = ((liveSteps + 1) >>> j & 1) != 0 ? -1L : 0L;
            c[at + 10 + j] = a ^ k ^ carry;
            carry = (a & k) | (carry & (a ^ k));
          }
          long any = prev & range;
          runs = BitCounters.less(c, at + 5, at) & any;
          long best = runs;
          // m = min(direct, runs) per bit, then complement where 1 + zeros < m
          for (int j = 0; j < 5; j++) {
            c[at + j] = (c[at + 5 + j] & best) | (c[at + j] & ~best);
          }
          complement = BitCounters.less(c, at + 10, at) & any;
          runs &= ~complement;
          direct = range & ~runs & ~complement;
        }
        for (long m = complement; m != 0; m &= m - 1) {
          int i = (q << 6) + Long.numberOfTrailingZeros(m);
          idx[add[i]++] = rows + (steps - 1) * batch + b;
        }
        for (int t = 0; t < steps; t++) {
          int delta = t * batch + b;
          long xt = x[delta * words + q] & live[delta];
          long next = t + 1 < steps ? x[((t + 1) * batch + b) * words + q] & live[delta + batch] : 0L;
          for (long m = xt & direct; m != 0; m &= m - 1) {
            int i = (q << 6) + Long.numberOfTrailingZeros(m);
            idx[add[i]++] = delta;
          }
          for (long m = xt & ~next & runs; m != 0; m &= m - 1) {
            int i = (q << 6) + Long.numberOfTrailingZeros(m);
            idx[add[i]++] = rows + delta;
          }
          if (t + 1 < steps) {
            for (long m = next & ~xt & runs; m != 0; m &= m - 1) {
              int i = (q << 6) + Long.numberOfTrailingZeros(m);
              idx[--sub[i]] = rows + delta;
            }
          }
          for (long m = ~xt & complement & live[delta]; m != 0; m &= m - 1) {
            int i = (q << 6) + Long.numberOfTrailingZeros(m);
            idx[--sub[i]] = delta;
          }
        }
      }
    }
  }

}
