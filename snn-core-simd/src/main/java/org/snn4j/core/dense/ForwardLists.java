package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.layer.SpikeBits;

/**
 * The forward product's row forms: for each row, the cheapest exact way to sum its weight rows. A sample's input at
 * step {@code t} often shares most of its spikes with step {@code t-1} (a bright pixel fires at most steps), so when
 * fewer inputs changed than fired, the current is computed from the previous step's:
 *
 * <pre>
 *   I[t] = I[t-1] + Σ_{i: x[t][i]=1, x[t-1][i]=0} W[i] - Σ_{i: x[t][i]=0, x[t-1][i]=1} W[i]
 * </pre>
 *
 * or, the same way, from the sample's base row, the sum over its inputs that fired at more than half of the steps.
 * A sample may instead take the step-group form ({@link StepGroups}), weighed here against the row forms.
 */
final class ForwardLists {
  /** Row modes of the forward pass: start from the bias, the same sample's previous row, or its base row. */
  static final byte FROM_BIAS = 0;
  static final byte FROM_PREVIOUS = 1;
  static final byte FROM_BASE = 2;
  /** Row mode of a sample that takes the step-group form ({@link StepGroups}): its rows are sums of group rows. */
  static final byte FROM_GROUPS = 3;

  private ForwardLists() {}

  /**
   * The forward terms of samples {@code [b0, b1)}. Each row takes the shortest of three exact forms: its spikes
   * (from the bias), its changes since the sample's previous step (from that row), or its differences from the
   * sample's base row, the inputs that fired at more than half of the steps (from the base row, which itself costs
   * one term per base input, so a sample gets one only when that pays). Ties prefer the bias, then the previous row.
   */
  static void forwardLists(long[] x, DenseWorkspace ws, int b0, int b1) {
    int in = ws.in;
    int words = ws.words;
    int batch = ws.batch;
    int steps = ws.timesteps;
    int[] idx = ws.fIdx;
    long[] c = ws.sampleCounters;
    for (int b = b0; b < b1; b++) {
      if (ws.countRows) {
        for (int t = 0; t < steps; t++) {
          int r = t * batch + b;
          ws.rowSpikes[r] = (int) SpikeBits.count(x, r * words, (r + 1) * words);
        }
      }
      boolean forms = ws.out >= DenseProducts.FORMS_MIN_OUT;
      // the step-group form first: when it reads at most half as many weight rows as the sample has spikes (rate-coded
      // images: about a quarter), it is taken without weighing the row forms, whose analysis costs about as much
      long groupCost = Long.MAX_VALUE;
      if (forms && ws.tuning.stepGroups() && steps >= 2) {
        groupCost = StepGroups.groupLists(x, ws, b);
        long spikes = 0;
        for (int t = 0; t < steps; t++) {
          spikes += ws.rowSpikes[t * batch + b];
        }
        if (2 * groupCost <= 10 * spikes) {
          StepGroups.takeGroups(ws, b);
          continue;
        }
      }
      // majority inputs of the sample, 64 at a time: count the steps each fired (5-bit bit-sliced counters) and
      // compare with floor(T/2)
      boolean baseAllowed = forms && steps >= 3 && steps <= DenseProducts.MAX_SLICED_STEPS;
      int at = b * 10;
      int baseCount = 0;
      int costWithout = 0;
      int costWith = 0;
      if (baseAllowed) {
        for (int q = 0; q < words; q++) {
          Arrays.fill(c, at, at + 10, 0L);
          for (int t = 0; t < steps; t++) {
            BitCounters.increment(c, at, x[(t * batch + b) * words + q]);
          }
          for (int j = 0; j < 5; j++) {
            c[at + 5 + j] = ((steps / 2) >>> j & 1) != 0 ? -1L : 0L;
          }
          long majority = BitCounters.less(c, at + 5, at);
          baseCount += Long.bitCount(majority);
          ws.majority[b * words + q] = majority;
        }
      }
      int m = b * words;
      for (int t = 0; t < steps; t++) {
        int r = t * batch + b;
        int cur = r * words;
        int changed = forms && t > 0 ? differences(x, cur, x, cur - batch * words, words) : Integer.MAX_VALUE;
        int fromBase = baseAllowed ? differences(x, cur, ws.majority, m, words) : Integer.MAX_VALUE;
        ws.rowChanged[r] = changed;
        ws.rowFromBase[r] = fromBase;
        int best = Math.min(ws.rowSpikes[r], changed);
        costWithout += best;
        costWith += Math.min(best, fromBase);
      }
      // the base row costs its inputs from the bias, or its differences from an earlier base row of the group
      int ref = -1;
      int baseCost = baseCount;
      if (baseAllowed) {
        for (int e = b - b % EventSum.SAMPLES_PER_UNIT; e < b; e++) {
          if (ws.hasBase[e]) {
            int d = differences(ws.majority, m, ws.majority, e * words, words);
            if (d < baseCost) {
              baseCost = d;
              ref = e;
            }
          }
        }
      }
      boolean useBase = baseAllowed && baseCost + costWith < costWithout;
      int rowCost = useBase ? baseCost + costWith : costWithout;
      // else the step-group form when it costs less than the row forms (in tenths of a term)
      if (groupCost < 10L * rowCost) {
        StepGroups.takeGroups(ws, b);
        continue;
      }
      ws.grouped[b] = false;
      ws.hasBase[b] = useBase;
      if (useBase) {
        ws.baseRef[b] = ref;
        if (ref < 0) {
          ws.baseEnd[b] = b * in + SpikeBits.indices(ws.majority, m, words, ws.baseIdx, b * in);
          ws.baseAdd[b] = ws.baseEnd[b];
        } else {
          int k = b * in;
          for (int q = 0; q < words; q++) {
            k = SpikeBits.emit(ws.majority[m + q] & ~ws.majority[ref * words + q], q << 6, ws.baseIdx, k);
          }
          ws.baseAdd[b] = k;
          for (int q = 0; q < words; q++) {
            k = SpikeBits.emit(ws.majority[ref * words + q] & ~ws.majority[m + q], q << 6, ws.baseIdx, k);
          }
          ws.baseEnd[b] = k;
        }
      }
      for (int t = 0; t < steps; t++) {
        int r = t * batch + b;
        int cur = r * words;
        int k = r * in;
        int direct = ws.rowSpikes[r];
        int changed = ws.rowChanged[r];
        if (useBase && ws.rowFromBase[r] < Math.min(direct, changed)) {
          k = emitDifferences(x, cur, ws.majority, m, words, ws, r, k);
          ws.fMode[r] = FROM_BASE;
        } else if (changed < direct) {
          k = emitDifferences(x, cur, x, cur - batch * words, words, ws, r, k);
          ws.fMode[r] = FROM_PREVIOUS;
        } else {
          k += SpikeBits.indices(x, cur, words, idx, k);
          ws.fAdd[r] = k;
          ws.fMode[r] = FROM_BIAS;
        }
        ws.fEnd[r] = k;
      }
    }
  }

  /** Number of inputs set in one of the rows {@code a[aAt ..]} and {@code b[bAt ..]} but not the other. */
  private static int differences(long[] a, int aAt, long[] b, int bAt, int words) {
    int n = 0;
    for (int q = 0; q < words; q++) {
      n += Long.bitCount(a[aAt + q] ^ b[bAt + q]);
    }
    return n;
  }

  /**
   * Row {@code r}'s terms relative to a reference row: {@code +} the inputs set in {@code a} only, then {@code -}
   * those set in the reference {@code b} only. Returns the end of the list.
   */
  private static int emitDifferences(long[] a, int aAt, long[] b, int bAt, int words, DenseWorkspace ws, int r, int k) {
    for (int q = 0; q < words; q++) {
      k = SpikeBits.emit(a[aAt + q] & ~b[bAt + q], q << 6, ws.fIdx, k);
    }
    ws.fAdd[r] = k;
    for (int q = 0; q < words; q++) {
      k = SpikeBits.emit(b[bAt + q] & ~a[aAt + q], q << 6, ws.fIdx, k);
    }
    return k;
  }
}
