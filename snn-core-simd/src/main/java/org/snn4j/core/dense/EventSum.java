package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;

/**
 * The event-driven sums of {@link DenseProducts}, over the term lists the planners build: each output row is a
 * start value plus the selected rows of a source, minus other selected rows ({@link Kernels#sumSelectedRows}); or,
 * for a sample in the step-group form, each chunk of steps from its groups ({@link Kernels#sumStepGroups}).
 *
 * <p>Strategy: the source is first copied by column blocks ({@link #block}, {@link #forwardBlock}; see {@link
 * Packing}) so that the rows of one block are contiguous runs of 320-640 bytes the hardware prefetcher follows (rows
 * 3 KB apart defeat it and the sum becomes bound by L2 latency); a block of the 784 × 800 weights is 250-500 KB and
 * stays in L2 while every list adds its rows from it. The rows are not tiled further for L1: at the input's
 * densities each tile would hold too few events per list to amortise loading the accumulators
 * (docs/PERFORMANCE.md).
 */
final class EventSum {
  /**
   * Columns per block of a layer with {@code out} outputs: 160 (10 vectors of 16 floats, the vector kernel's widest
   * register block) when {@code wideBlocks} ({@link org.snn4j.core.Tuning#wideBlocks()}) and that divides {@code
   * out}, else 128 (8 vectors). A block of the 784 × 800 weights is then 500 KB and stays in L2. Fewer, wider blocks
   * mean fewer passes over each term list: at 800 outputs, 128-column blocks leave a 32-column block that takes two
   * one-vector passes.
   */
  static int block(int out, boolean wideBlocks) {
    return wideBlocks && out % 160 == 0 ? 160 : 128;
  }

  /**
   * Columns per block of the forward pass's weights: 80 (5 vectors of 16 floats, one pass of the step-group kernel)
   * when that divides {@code out}, else as {@link #block}. A pass then reads whole packed rows, 320 contiguous bytes,
   * from a 250 KB block.
   */
  static int forwardBlock(int out, boolean wideBlocks) {
    return out % 80 == 0 ? 80 : block(out, wideBlocks);
  }

  private EventSum() {}

  /** Samples per unit of the forward pass's dynamic schedule. */
  static final int SAMPLES_PER_UNIT = 10;
  /** Inputs per unit of the weight gradient's dynamic schedule. */
  static final int INPUTS_PER_UNIT = 32;

  /** Column blocks of {@code cols} columns. */
  static int blocks(int cols, int block) {
    return (cols + block - 1) / block;
  }

  /**
   * Units of work over {@code n} items in groups of {@code per}, for every column block, block-major: all units of a
   * block come before the next block's, so the threads sharing out the units work in the same block (its rows stay
   * in cache) and each unit owns distinct outputs.
   */
  static int units(int cols, int block, int n, int per) {
    return blocks(cols, block) * ((n + per - 1) / per);
  }

  /** Forward pass of units {@code [u0, u1)} (see {@link #units}): item groups are samples. */
  static void forwardUnits(
      Kernels kernels, float[] packedW, int in, int out, float[] bias, DenseWorkspace ws, int u0, int u1,
      float[] u) {
    int groups = (ws.batch + SAMPLES_PER_UNIT - 1) / SAMPLES_PER_UNIT;
    for (int unit = u0; unit < u1; unit++) {
      int c0 = unit / groups * ws.packBlock;
      int b0 = unit % groups * SAMPLES_PER_UNIT;
      forward(kernels, packedW, in, out, bias, ws, b0, Math.min(ws.batch, b0 + SAMPLES_PER_UNIT), c0, u);
    }
  }

  /** Weight gradient of units {@code [u0, u1)} (see {@link #units}): item groups are inputs. */
  static void gradientUnits(
      Kernels kernels, float[] src, int rows, int in, int out, DenseWorkspace ws, int u0, int u1,
      float[] dW) {
    int groups = (in + INPUTS_PER_UNIT - 1) / INPUTS_PER_UNIT;
    for (int unit = u0; unit < u1; unit++) {
      int c0 = unit / groups * ws.packBlock;
      int i0 = unit % groups * INPUTS_PER_UNIT;
      gradient(kernels, src, rows, out, ws, i0, Math.min(in, i0 + INPUTS_PER_UNIT), c0, dW);
    }
  }

  /**
   * Forward currents of samples {@code [b0, b1)} in the column block at {@code c0}, every step in order, each row
   * from the start its mode names: the bias, the same sample's previous row, or the sample's base row (computed
   * first, from the bias or from the base row of an earlier sample of the unit); a sample in the step-group form
   * from its groups.
   */
  static void forward(
      Kernels kernels, float[] packedW, int in, int out, float[] bias, DenseWorkspace ws, int b0, int b1,
      int c0, float[] u) {
    int batch = ws.batch;
    {
      int w = Math.min(ws.packBlock, out - c0);
      int base = ws.packPad + c0 * in;
      for (int b = b0; b < b1; b++) {
        if (ws.grouped[b]) {
          forwardGroups(kernels, packedW, base, w, out, bias, ws, b, c0, u);
          continue;
        }
        int baseRow = b * out + c0;
        if (ws.hasBase[b]) {
          int ref = ws.baseRef[b];
          if (ref < 0) {
            System.arraycopy(bias, c0, ws.baseRows, baseRow, w);
          } else { // an earlier sample of this unit: its base row in this block is done
            System.arraycopy(ws.baseRows, ref * out + c0, ws.baseRows, baseRow, w);
          }
          kernels.sumSelectedRows(
              packedW, base, w, ws.baseIdx, b * in, ws.baseAdd[b], ws.baseAdd[b], ws.baseEnd[b], ws.baseRows, baseRow,
              0, w);
        }
        for (int t = 0; t < ws.timesteps; t++) {
          int r = t * batch + b;
          int dst = r * out + c0;
          switch (ws.fMode[r]) {
            case ForwardLists.FROM_PREVIOUS -> System.arraycopy(u, dst - batch * out, u, dst, w);
            case ForwardLists.FROM_BASE -> System.arraycopy(ws.baseRows, baseRow, u, dst, w);
            default -> System.arraycopy(bias, c0, u, dst, w);
          }
          kernels.sumSelectedRows(packedW, base, w, ws.fIdx, r * in, ws.fAdd[r], ws.fAdd[r], ws.fEnd[r], u, dst, 0, w);
        }
      }
    }
  }

  /**
   * Forward currents of sample {@code b} in the step-group form ({@link StepGroups}), in the column block
   * at {@code c0} ({@code w} columns, packed at {@code base}), chunk after chunk ({@link Kernels#sumStepGroups}).
   */
  private static void forwardGroups(
      Kernels kernels, float[] packedW, int base, int w, int out, float[] bias, DenseWorkspace ws, int b,
      int c0, float[] u) {
    int batch = ws.batch;
    int steps = ws.timesteps;
    int chunks = StepGroups.groupChunks(steps);
    for (int q = 0; q < chunks; q++) {
      int t0 = StepGroups.chunkStart(q, chunks, steps);
      int k = StepGroups.chunkStart(q + 1, chunks, steps) - t0;
      int r0 = t0 * batch + b;
      kernels.sumStepGroups(
          packedW, base, w, ws.fIdx, ws.groupStart, r0 * StepGroups.MAX_GROUPS, k, bias, c0, u, r0 * out + c0,
          batch * out, 0, w);
    }
  }

  /** Weight-gradient rows of inputs {@code [i0, i1)} in the column block at {@code c0}, written to {@code dW}. */
  static void gradient(
      Kernels kernels, float[] src, int rows, int out, DenseWorkspace ws, int i0, int i1, int c0,
      float[] dW) {
    int w = Math.min(ws.packBlock, out - c0);
    int base = ws.packPad + c0 * 2 * rows;
    for (int i = i0; i < i1; i++) {
      int from = i * rows;
      int to = from + rows;
      Arrays.fill(dW, i * out + c0, i * out + c0 + w, 0f);
      if (ws.gAdd[i] > from || ws.gSub[i] < to) {
        kernels.sumSelectedRows(src, base, w, ws.gIdx, from, ws.gAdd[i], ws.gSub[i], to, dW, i * out + c0, 0, w);
      }
    }
  }
}
