package org.snn4j.core.net;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The two products of a dense layer with binary input {@code x [rows][in]} and weights {@code W [in][out]}:
 *
 * <pre>
 *   forward          u[r]  = b + Σ_{i: x[r][i]=1} W[i]          (rows of W selected by spikes)
 *   weight gradient  dW[i] =     Σ_{r: x[r][i]=1} gu[r]         (rows of dL/du selected by spikes)
 * </pre>
 *
 * Each has an event-driven path (the sums above, over spike lists, by {@link EventSum}) and a dense path
 * (a Vector API GEMM with {@code x} as 0/1 floats). Because {@code fma(1, w, s) = s + w} and {@code fma(0, w, s) =
 * s}, and both paths add in ascending order, they give the same bits: the choice is purely a matter of speed, made
 * per batch from the measured input density ({@link Path#AUTO}).
 */
public final class SpikeProducts {
  /**
   * Input density above which the dense GEMM beats the event lists: {@code ProductBenchmark} on 784 × 800 × 1000
   * rows measured the event path at 9.3 ms at 20% and 16 ms at 40% against a flat 18–21 ms for the dense one, a
   * crossover near 50% (docs/PERFORMANCE.md). Override with {@code -Dsnn.denseAbove=0.6}.
   */
  static final double DENSE_ABOVE = Double.parseDouble(System.getProperty("snn.denseAbove", "0.5"));

  private SpikeProducts() {}

  /** Which implementation to use. */
  public enum Path {
    /** Spike lists: work proportional to the number of spikes. */
    EVENT,
    /** GEMM on 0/1 floats: work independent of density. */
    DENSE,
    /** Dense when the batch's input density exceeds {@link #DENSE_ABOVE}, else event-driven. */
    AUTO
  }

  /** Scratch space for one layer's products, sized once for a capacity of rows and reused. */
  public static final class Workspace {
    final int in;
    int rows;
    int capacity;
    int[] active;
    int[] listStart;
    int[] listEnd;
    int[] columnStart;
    int[] columnEnd;
    int[] columnRows;
    float[] dense;
    float[] packed = new float[0];
    long spikes;

    /** Scratch for inputs of size {@code in}. */
    public Workspace(int in) {
      this.in = in;
      this.columnStart = new int[in + 1];
      this.columnEnd = new int[in];
    }

    /** Makes room for {@code rows} rows; allocates only when the capacity grows. */
    public void ensure(int rows) {
      this.rows = rows;
      if (rows <= capacity) {
        return;
      }
      int cells = Math.multiplyExact(rows, in);
      active = new int[cells];
      columnRows = new int[cells];
      listStart = new int[rows];
      listEnd = new int[rows];
      dense = null;
      capacity = rows;
    }

    /** Spikes counted in the last {@link #forward}. */
    public long spikes() {
      return spikes;
    }

    float[] dense() {
      if (dense == null) {
        dense = new float[Math.multiplyExact(capacity, in)];
      }
      return dense;
    }

    /** {@code src} packed for {@link EventSum}, or {@code src} itself when it needs no packing. */
    float[] packed(float[] src, int srcRows, int cols, WorkerPool pool) {
      int size = EventSum.packedSize(srcRows, cols);
      if (size == 0) {
        return src;
      }
      if (packed.length < size) {
        packed = new float[size];
      }
      float[] p = packed;
      pool.forRange(srcRows, 16, (r0, r1) -> EventSum.pack(src, srcRows, cols, p, r0, r1));
      return p;
    }

    long bytesPerRow() {
      return (long) in * 8 + 8;
    }
  }

  /**
   * Forward product for {@code ws.rows} rows: {@code u[r·out ..] = bias + Σ_{i: x[r·in+i] ≠ 0} w[i·out ..]}. Also
   * builds the spike lists the weight gradient reuses.
   */
  public static void forward(
      Kernels kernels, byte[] x, float[] w, float[] bias, int out, float[] u, Workspace ws, WorkerPool pool,
      Path path) {
    int in = ws.in;
    int rows = ws.rows;
    int[] active = ws.active;
    int[] start = ws.listStart;
    int[] end = ws.listEnd;
    pool.forRange(
        rows,
        8,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            start[r] = r * in;
            end[r] = r * in + kernels.activeIndices(x, r * in, in, active, r * in);
          }
        });
    long spikes = 0;
    for (int r = 0; r < rows; r++) {
      spikes += end[r] - start[r];
    }
    ws.spikes = spikes;
    boolean dense = useDense(path, spikes, (long) rows * in);
    float[] xf = dense ? ws.dense() : null;
    float[] packedW = dense ? null : ws.packed(w, in, out, pool);
    pool.forRange(
        rows,
        8,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            System.arraycopy(bias, 0, u, r * out, out);
          }
          if (dense) {
            toFloats(x, r0 * in, r1 * in, xf);
            kernels.gemm(xf, w, u, r0, r1, in, out);
          } else {
            EventSum.run(kernels, packedW, in, out, active, start, end, r0, r1, u);
          }
        });
  }

  /**
   * Weight gradient for the rows of the last {@link #forward} on this workspace: {@code dW[i·out ..] = Σ_{r:
   * x[r][i] ≠ 0} gu[r·out ..]}, summed over {@code r} ascending.
   */
  public static void weightGradient(
      Kernels kernels, byte[] x, float[] gu, int out, float[] dW, Workspace ws, WorkerPool pool, Path path) {
    int in = ws.in;
    int rows = ws.rows;
    boolean dense = useDense(path, ws.spikes, (long) rows * in);
    if (dense) {
      float[] xT = ws.dense();
      pool.forRange(
          in,
          4,
          (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
              for (int r = 0; r < rows; r++) {
                xT[i * rows + r] = x[r * in + i] != 0 ? 1f : 0f;
              }
            }
            Arrays.fill(dW, i0 * out, i1 * out, 0f);
            kernels.gemm(xT, gu, dW, i0, i1, rows, out);
          });
      return;
    }
    buildColumns(ws, pool);
    float[] packedGu = ws.packed(gu, rows, out, pool);
    pool.forRange(
        in,
        4,
        (i0, i1) -> {
          Arrays.fill(dW, i0 * out, i1 * out, 0f);
          EventSum.run(kernels, packedGu, rows, out, ws.columnRows, ws.columnStart, ws.columnEnd, i0, i1, dW);
        });
  }

  /**
   * Forward product for analog input {@code x [rows][in]} (an encoding layer fed with currents): {@code u = b + x W}
   * with the dense GEMM.
   */
  public static void forwardAnalog(
      Kernels kernels, float[] x, float[] w, float[] bias, int out, float[] u, Workspace ws, WorkerPool pool) {
    int in = ws.in;
    pool.forRange(
        ws.rows,
        4,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            System.arraycopy(bias, 0, u, r * out, out);
          }
          kernels.gemm(x, w, u, r0, r1, in, out);
        });
  }

  /** Weight gradient for analog input: {@code dW = xᵀ gu}, the products summed over rows ascending. */
  public static void weightGradientAnalog(
      Kernels kernels, float[] x, float[] gu, int out, float[] dW, Workspace ws, WorkerPool pool) {
    int in = ws.in;
    int rows = ws.rows;
    float[] xT = ws.dense();
    pool.forRange(
        in,
        4,
        (i0, i1) -> {
          for (int i = i0; i < i1; i++) {
            for (int r = 0; r < rows; r++) {
              xT[i * rows + r] = x[r * in + i];
            }
          }
          Arrays.fill(dW, i0 * out, i1 * out, 0f);
          kernels.gemm(xT, gu, dW, i0, i1, rows, out);
        });
  }

  static boolean useDense(Path path, long spikes, long cells) {
    return switch (path) {
      case DENSE -> true;
      case EVENT -> false;
      case AUTO -> spikes > DENSE_ABOVE * cells;
    };
  }

  private static void toFloats(byte[] x, int from, int to, float[] dst) {
    for (int i = from; i < to; i++) {
      dst[i] = x[i] != 0 ? 1f : 0f;
    }
  }

  /**
   * Transposes the spike lists: per input, the rows where it spiked, ascending. Each task owns a range of inputs:
   * it finds that range in every (sorted) row list by binary search, counts, and after a prefix sum over the
   * counts fills its columns in row order, so the result does not depend on the split.
   */
  private static void buildColumns(Workspace ws, WorkerPool pool) {
    int in = ws.in;
    int rows = ws.rows;
    int[] start = ws.columnStart;
    int[] end = ws.columnEnd;
    int[] active = ws.active;
    pool.forRange(
        in,
        16,
        (i0, i1) -> {
          java.util.Arrays.fill(start, i0 + 1, i1 + 1, 0);
          for (int r = 0; r < rows; r++) {
            int k = firstAtLeast(active, ws.listStart[r], ws.listEnd[r], i0);
            for (int e = ws.listEnd[r]; k < e && active[k] < i1; k++) {
              start[active[k] + 1]++;
            }
          }
        });
    start[0] = 0;
    for (int i = 0; i < in; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = ws.columnRows;
    pool.forRange(
        in,
        16,
        (i0, i1) -> {
          System.arraycopy(start, i0, end, i0, i1 - i0);
          for (int r = 0; r < rows; r++) {
            int k = firstAtLeast(active, ws.listStart[r], ws.listEnd[r], i0);
            for (int e = ws.listEnd[r]; k < e && active[k] < i1; k++) {
              fill[end[active[k]]++] = r;
            }
          }
        });
  }

  /** The first position in the ascending {@code a[from, to)} whose value is at least {@code key}. */
  private static int firstAtLeast(int[] a, int from, int to, int key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
