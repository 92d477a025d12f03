package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;

/**
 * The step-group form of the forward product (see {@link #groupLists}): within each chunk of up to five steps, a
 * sample's inputs are grouped by the set of steps they fired at, each group's weight rows are summed once, and each
 * step adds the groups that contain it, so an input is read once per chunk however often it fires. On rate-coded
 * images this is the cheapest form for nearly every sample.
 */
final class StepGroups {
  private StepGroups() {}

  /** Most steps per chunk of the step-group form. */
  static final int GROUP_STEPS = Kernels.MAX_GROUP_STEPS;
  /** Group slots per chunk: 2^5, group 0 (inputs that did not fire) unused. */
  static final int MAX_GROUPS = 1 << GROUP_STEPS;
  /**
   * Cost of one non-empty group, in tenths of a weight-row term: the kernel forms the group's row and adds it to its
   * steps' sums in registers, a loop's start and a few adds.
   */
  static final int GROUP_COST = 5;

  /** Chunks of the step-group form over {@code steps} steps: as few as hold at most {@link #GROUP_STEPS} each. */
  static int groupChunks(int steps) {
    return (steps + GROUP_STEPS - 1) / GROUP_STEPS;
  }

  /** First step of chunk {@code q} of {@code chunks} (sizes differ by at most one). */
  static int chunkStart(int q, int chunks, int steps) {
    return q * steps / chunks;
  }

  /**
   * The step-group form of sample {@code b}, another exact form of its forward rows. The steps are cut into chunks
   * of at most five; within a chunk, each input that fired at all has a pattern, the set of the chunk's steps it
   * fired at, and inputs are grouped by pattern. A group's row {@code G[g] = Σ_{i: pattern(i) = g} W[i]} costs one
   * term per input, and each step of the chunk sums the rows of the groups that contain it:
   *
   * <pre>
   *   I[t] = b + Σ_{i: x[t][i]=1} W[i] = b + Σ_{g ∋ t} G[g]
   * </pre>
   *
   * An input that fires at several steps of a chunk is read once per chunk instead of once per spike or change, and
   * the group rows never leave registers ({@link Kernels#sumStepGroups}). On rate-coded Fashion-MNIST this reads
   * about 620 weight rows per sample, against about 1,000 terms of the row forms.
   *
   * <p>Lists the groups (each in ascending input order, groups in ascending pattern) and returns the form's cost in
   * tenths of a weight-row term (see {@link #GROUP_COST}).
   */
  static long groupLists(long[] x, DenseWorkspace ws, int b) {
    int in = ws.in;
    int words = ws.words;
    int batch = ws.batch;
    int steps = ws.timesteps;
    int chunks = groupChunks(steps);
    int[] idx = ws.fIdx;
    int[] codes = ws.groupCodes;
    int[] cursor = ws.groupCursor;
    int[] start = ws.groupStart;
    int c0 = b * in;
    int g0 = b * MAX_GROUPS;
    int inputs = 0;
    int groups = 0;
    for (int q = 0; q < chunks; q++) {
      int t0 = chunkStart(q, chunks, steps);
      int k = chunkStart(q + 1, chunks, steps) - t0;
      int n = 1 << k;
      int r0 = t0 * batch + b;
      int at = r0 * MAX_GROUPS;
      // each input that fired in the chunk, in ascending order, with its pattern; group sizes counted at start[at + g]
      Arrays.fill(start, at, at + n, 0);
      int fired = c0;
      int stride = batch * words;
      for (int w = 0, row = r0 * words; w < words; w++, row++) {
        // the chunk's words, steps past k as zeros (k <= GROUP_STEPS = 5)
        long s0 = x[row];
        long s1 = k > 1 ? x[row + stride] : 0L;
        long s2 = k > 2 ? x[row + 2 * stride] : 0L;
        long s3 = k > 3 ? x[row + 3 * stride] : 0L;
        long s4 = k > 4 ? x[row + 4 * stride] : 0L;
        long any = s0 | s1 | s2 | s3 | s4;
        while (any != 0) {
          int bit = Long.numberOfTrailingZeros(any);
          any &= any - 1;
          int g = (int) (s0 >>> bit & 1) | (int) (s1 >>> bit & 1) << 1 | (int) (s2 >>> bit & 1) << 2
              | (int) (s3 >>> bit & 1) << 3 | (int) (s4 >>> bit & 1) << 4;
          codes[fired++] = (w << 6 | bit) << GROUP_STEPS | g;
          start[at + g]++;
        }
      }
      // group g's inputs go to [start[at + g - 1], start[at + g]), in the order found
      start[at] = r0 * in;
      for (int g = 1; g < n; g++) {
        groups += start[at + g] > 0 ? 1 : 0;
        cursor[g0 + g] = start[at + g - 1];
        start[at + g] += start[at + g - 1];
      }
      for (int f = c0; f < fired; f++) {
        int code = codes[f];
        idx[cursor[g0 + (code & MAX_GROUPS - 1)]++] = code >>> GROUP_STEPS;
      }
      inputs += fired - c0;
    }
    ws.groupTerms[b] = inputs;
    return 10L * inputs + (long) GROUP_COST * groups;
  }

  /** Marks sample {@code b} as taking its step-group form, listed by {@link #groupLists}. */
  static void takeGroups(DenseWorkspace ws, int b) {
    ws.grouped[b] = true;
    ws.hasBase[b] = false;
    for (int t = 0; t < ws.timesteps; t++) {
      int r = t * ws.batch + b;
      ws.fMode[r] = ForwardLists.FROM_GROUPS;
      ws.fAdd[r] = r * ws.in;
      ws.fEnd[r] = r * ws.in;
    }
  }

}
