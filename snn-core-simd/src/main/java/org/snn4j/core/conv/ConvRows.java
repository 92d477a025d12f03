package org.snn4j.core.conv;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;

/**
 * The products of one convolution, one row (one time step of one sample, an image) at a time, in snn4j's
 * pixel-major layouts ({@link ConvGeometry}). Each output pixel is a sum of the weight rows its active inputs
 * select, so the work follows the input's activity: a pixel's list of (tap, channel) rows is built here, in plain
 * Java, and summed by a {@link Kernels} row kernel, whose twins agree bit for bit.
 *
 * <p>The math, with {@code iy = oy·s - p + ky}, {@code ix = ox·s - p + kx} and taps outside the input skipped (zero
 * padding):
 *
 * <pre>
 *   forward        out[oy][ox][o] = b[o] + Σ_{ky,kx} Σ_c x[iy][ix][c] · W[ky][kx][c][o]
 *   input grad     dx[iy][ix][c]  = Σ_{ky,kx: (oy,ox) in range} Σ_o g[oy][ox][o] · W[ky][kx][c][o]
 *   weight grad    dW[ky][kx][c][o] += Σ_rows Σ_{oy,ox} x[iy][ix][c] · g[oy][ox][o]
 * </pre>
 *
 * Every sum runs in a fixed order, terms whose input (or gradient) is zero left out: the forward pass adds taps
 * ascending ({@code ky} then {@code kx}), then channels ascending; the input gradient adds output pixels ascending,
 * then filters; the weight gradient adds rows ascending, then output pixels ascending. A
 * spike input adds the weight itself (a product with 1). Instances hold no state but the geometry; the term lists
 * live in a {@link Lists} per thread.
 */
public final class ConvRows {
  private final ConvGeometry g;
  private final Kernels kernels;
  private final int outH;
  private final int outW;

  /** The products of {@code geometry}, summed by {@code kernels}. */
  public ConvRows(ConvGeometry geometry, Kernels kernels) {
    this.g = geometry;
    this.kernels = kernels;
    this.outH = geometry.outHeight();
    this.outW = geometry.outWidth();
  }

  /** The geometry. */
  public ConvGeometry geometry() {
    return g;
  }

  /** One thread's term lists, sized for the longest lists of {@code geometry}. */
  public static final class Lists {
    final int[] idx;
    final float[] coef;
    final int[] from;
    final int[] to;
    final float[] zeros;

    /** Lists for {@code geometry}'s passes. */
    public Lists(ConvGeometry geometry) {
      int taps = geometry.kernel() * geometry.kernel();
      int inPixels = geometry.height() * geometry.width();
      int n = Math.max(Math.multiplyExact(geometry.outPixels(), geometry.weightRows()),
          Math.multiplyExact(inPixels, taps * geometry.outChannels()));
      this.idx = new int[n];
      this.coef = new float[n];
      this.from = new int[Math.max(geometry.outPixels(), inPixels)];
      this.to = new int[from.length];
      this.zeros = new float[geometry.channels()];
    }
  }

  /**
   * Forward of one row of spikes: {@code out[outFrom + (oy·OW + ox)·O + o]} per the class's formula, from spike bits
   * {@code x} whose row starts at word {@code word0} (bit {@code (iy·W + ix)·C + c}). Weights {@code [ky][kx][c][o]}.
   *
   * <p>The lists are built from the spikes: each spike appends its weight row to the list of every output pixel it
   * reaches. Spikes come in ascending input order, which for one output pixel is ascending (tap, channel), the
   * order of the formula. Then one {@link Kernels#sumRowSets} call sums every pixel's list.
   */
  public void forwardSpikes(long[] x, int word0, float[] w, float[] bias, float[] out, int outFrom, Lists lists) {
    int[] idx = lists.idx;
    int[] from = lists.from;
    int[] to = lists.to;
    int cIn = g.channels();
    int k = g.kernel();
    int s = g.stride();
    int pad = g.padding();
    int cap = g.weightRows();
    for (int p = 0, pixels = g.outPixels(); p < pixels; p++) {
      from[p] = p * cap;
      to[p] = p * cap;
    }
    for (int wd = 0, words = (g.inputSize() + 63) >>> 6; wd < words; wd++) {
      for (long v = x[word0 + wd]; v != 0; v &= v - 1) {
        int i = (wd << 6) + Long.numberOfTrailingZeros(v);
        int q = i / cIn;
        int c = i - q * cIn;
        int iy = q / g.width();
        int ix = q - iy * g.width();
        for (int ky = 0; ky < k; ky++) {
          int ty = iy + pad - ky; // = oy·s
          if (ty < 0 || ty % s != 0 || ty / s >= outH) {
            continue;
          }
          int rowBase = (ty / s) * outW;
          for (int kx = 0; kx < k; kx++) {
            int tx = ix + pad - kx;
            if (tx < 0 || tx % s != 0 || tx / s >= outW) {
              continue;
            }
            idx[to[rowBase + tx / s]++] = (ky * k + kx) * cIn + c;
          }
        }
      }
    }
    kernels.sumRowSets(w, g.outChannels(), g.outChannels(), idx, from, to, bias, out, outFrom, 0, g.outPixels());
  }

  /**
   * Forward of one row of analog input {@code x[xFrom + (iy·W + ix)·C + c]} (e.g. average-pooled spikes, or pixels of
   * the encoding layer): per the class's formula, terms with {@code x = 0} left out. The lists are built from the
   * non-zero inputs as {@link #forwardSpikes} builds them from spikes, and summed by one {@link
   * Kernels#sumScaledRowSets} call.
   */
  public void forwardAnalog(float[] x, int xFrom, float[] w, float[] bias, float[] out, int outFrom, Lists lists) {
    int[] idx = lists.idx;
    float[] coef = lists.coef;
    int[] from = lists.from;
    int[] to = lists.to;
    int cIn = g.channels();
    int k = g.kernel();
    int s = g.stride();
    int pad = g.padding();
    int cap = g.weightRows();
    for (int p = 0, pixels = g.outPixels(); p < pixels; p++) {
      from[p] = p * cap;
      to[p] = p * cap;
    }
    for (int iy = 0, i = xFrom; iy < g.height(); iy++) {
      for (int ix = 0; ix < g.width(); ix++) {
        for (int c = 0; c < cIn; c++, i++) {
          float v = x[i];
          if (v == 0f) {
            continue;
          }
          for (int ky = 0; ky < k; ky++) {
            int ty = iy + pad - ky; // = oy·s
            if (ty < 0 || ty % s != 0 || ty / s >= outH) {
              continue;
            }
            int rowBase = (ty / s) * outW;
            for (int kx = 0; kx < k; kx++) {
              int tx = ix + pad - kx;
              if (tx < 0 || tx % s != 0 || tx / s >= outW) {
                continue;
              }
              int at = to[rowBase + tx / s]++;
              idx[at] = (ky * k + kx) * cIn + c;
              coef[at] = v;
            }
          }
        }
      }
    }
    int cOut = g.outChannels();
    kernels.sumScaledRowSets(w, cOut, idx, coef, from, to, bias, out, outFrom, 0, g.outPixels());
  }

  /** One thread's scratch for the dense path: the row's im2col matrix and its product. */
  public static final class Columns {
    final float[] columns;
    final float[] product;

    /** Scratch for {@code geometry}'s dense path. */
    public Columns(ConvGeometry geometry) {
      this.columns = new float[geometry.outPixels() * geometry.weightRows()];
      this.product = new float[geometry.outputSize()];
    }
  }

  /**
   * The dense path of one analog row, for input where most values are not zero: the row's patches as a matrix
   * {@code [OH·OW][k·k·C]} (im2col, zeros for padding) times the weights {@code [k·k·C][O]} by {@link Kernels#gemm},
   * which fuses each multiply-add. It adds the same terms as {@link #forwardAnalog} in the same order, each rounded
   * once instead of twice, so the two agree to float rounding, not bit for bit.
   */
  public void forwardDense(float[] x, int xFrom, float[] w, float[] bias, float[] out, int outFrom, Columns scratch) {
    float[] a = scratch.columns;
    int cIn = g.channels();
    int cols = g.weightRows();
    for (int oy = 0, p = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++, p++) {
        for (int ky = 0; ky < g.kernel(); ky++) {
          int iy = oy * g.stride() - g.padding() + ky;
          for (int kx = 0; kx < g.kernel(); kx++) {
            int ix = ox * g.stride() - g.padding() + kx;
            int at = p * cols + (ky * g.kernel() + kx) * cIn;
            if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) {
              Arrays.fill(a, at, at + cIn, 0f);
            } else {
              System.arraycopy(x, xFrom + (iy * g.width() + ix) * cIn, a, at, cIn);
            }
          }
        }
      }
    }
    float[] c = scratch.product;
    int cOut = g.outChannels();
    for (int p = 0; p < g.outPixels(); p++) {
      System.arraycopy(bias, 0, c, p * cOut, cOut);
    }
    kernels.gemm(a, w, c, 0, g.outPixels(), cols, cOut);
    System.arraycopy(c, 0, out, outFrom, c.length);
  }

  /**
   * The input gradient of one row: {@code dx[dxFrom + (iy·W + ix)·C + c]} per the class's formula from the output
   * gradient {@code grad[gradFrom + (oy·OW + ox)·O + o]}, over the transposed weights {@code wT} ({@link
   * #transpose}, {@code [ky][kx][o][c]}); terms whose gradient is zero are left out. Each non-zero gradient appends
   * its row of {@code wT} to the list of every input pixel that fed it; an input pixel's list is in ascending
   * (output pixel, filter) order, summed from zero by one {@link Kernels#sumScaledRowSets} call. Every element is
   * written.
   */
  public void inputGradient(float[] grad, int gradFrom, float[] wT, float[] dx, int dxFrom, Lists lists) {
    int[] idx = lists.idx;
    float[] coef = lists.coef;
    int[] from = lists.from;
    int[] to = lists.to;
    int k = g.kernel();
    int cIn = g.channels();
    int cOut = g.outChannels();
    int inPixels = g.height() * g.width();
    int cap = k * k * cOut;
    for (int q = 0; q < inPixels; q++) {
      from[q] = q * cap;
      to[q] = q * cap;
    }
    for (int oy = 0, i = gradFrom; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        for (int o = 0; o < cOut; o++, i++) {
          float v = grad[i];
          if (v == 0f) {
            continue;
          }
          for (int ky = 0; ky < k; ky++) {
            int iy = oy * g.stride() - g.padding() + ky;
            if (iy < 0 || iy >= g.height()) {
              continue;
            }
            for (int kx = 0; kx < k; kx++) {
              int ix = ox * g.stride() - g.padding() + kx;
              if (ix < 0 || ix >= g.width()) {
                continue;
              }
              int at = to[iy * g.width() + ix]++;
              idx[at] = (ky * k + kx) * cOut + o;
              coef[at] = v;
            }
          }
        }
      }
    }
    kernels.sumScaledRowSets(wT, cIn, idx, coef, from, to, lists.zeros, dx, dxFrom, 0, inPixels);
  }

  /** {@code wT[ky][kx][o][c] = w[ky][kx][c][o]}: the weights the input gradient reads, a row per (tap, filter). */
  public void transpose(float[] w, float[] wT) {
    int cIn = g.channels();
    int cOut = g.outChannels();
    for (int tap = 0; tap < g.kernel() * g.kernel(); tap++) {
      int base = tap * cIn * cOut;
      for (int c = 0; c < cIn; c++) {
        for (int o = 0; o < cOut; o++) {
          wT[base + o * cIn + c] = w[base + c * cOut + o];
        }
      }
    }
  }

  /**
   * One thread's lists for the weight gradient: per input channel, the gradient rows to add. They grow with the
   * batch's activity, so a steady state allocates nothing.
   */
  public static final class WeightLists {
    final int[] from;
    final int[] to;
    final float[] zeros;
    int[] idx = new int[0];
    float[] coef = new float[0];

    /** Lists for {@code geometry}'s weight gradient. */
    public WeightLists(ConvGeometry geometry) {
      this.from = new int[geometry.channels()];
      this.to = new int[geometry.channels()];
      this.zeros = new float[geometry.outChannels()];
    }

    void ensure(int n, boolean analog) {
      if (idx.length < n) {
        idx = new int[n];
      }
      if (analog && coef.length < n) {
        coef = new float[n];
      }
    }
  }

  /**
   * The weight gradient of tap {@code (ky, kx)} from spike rows {@code [0, rows)}: {@code dW[ky][kx][c][·] = 0 +
   * Σ grad[r][oy][ox][·]} over the rows, then output pixels, in ascending order, whose input at this tap spiked in
   * channel {@code c} (the slice is overwritten). Row {@code r}'s bits start at word {@code r·rowWords}, its gradient
   * at {@code r·OH·OW·O}. Each spike lists the gradient row it reaches under this tap, by channel; one {@link
   * Kernels#sumRowSets} call sums the lists. Taps own disjoint parts of {@code dW}, so threads may take different
   * taps.
   */
  public void weightGradientSpikes(long[] x, int rowWords, int rows, float[] grad, int ky, int kx, float[] dW,
      WeightLists lists) {
    weightGradientSpikes(x, rowWords, rows, grad, ky, kx, dW, lists, null, 1);
  }

  /**
   * {@link #weightGradientSpikes} leaving out the rows of the samples {@code b} with {@code live[b]} false (rows
   * {@code r} with {@code r % batch = b}), whose gradient rows are zeros: the sums start from zero, so leaving out
   * zeros changes no bit. {@code live} null: every row counts.
   */
  public void weightGradientSpikes(long[] x, int rowWords, int rows, float[] grad, int ky, int kx, float[] dW,
      WeightLists lists, boolean[] live, int batch) {
    int cIn = g.channels();
    int[] from = lists.from;
    int[] to = lists.to;
    Arrays.fill(to, 0);
    for (int pass = 0; pass < 2; pass++) {
      int[] idx = lists.idx;
      for (int r = 0; r < rows; r++) {
        if (live != null && !live[r % batch]) {
          continue;
        }
        for (int wd = 0, words = (g.inputSize() + 63) >>> 6; wd < words; wd++) {
          for (long v = x[r * rowWords + wd]; v != 0; v &= v - 1) {
            int i = (wd << 6) + Long.numberOfTrailingZeros(v);
            int q = i / cIn;
            int p = outputPixel(q, ky, kx);
            if (p >= 0) {
              int c = i - q * cIn;
              if (pass == 0) {
                to[c]++;
              } else {
                idx[to[c]++] = r * g.outPixels() + p;
              }
            }
          }
        }
      }
      if (pass == 0) {
        lists.ensure(startLists(from, to), false);
      }
    }
    int cOut = g.outChannels();
    kernels.sumRowSets(grad, cOut, cOut, lists.idx, from, to, lists.zeros, dW, (ky * g.kernel() + kx) * cIn * cOut, 0,
        cIn);
  }

  /**
   * {@link #weightGradientSpikes} for analog input rows {@code x[r·H·W·C + (iy·W + ix)·C + c]}: {@code
   * dW[ky][kx][c][·] = 0 + Σ x · grad[r][oy][ox][·]} (each product rounded, then added) over the non-zero inputs.
   */
  public void weightGradientAnalog(float[] x, int rows, float[] grad, int ky, int kx, float[] dW, WeightLists lists) {
    weightGradientAnalog(x, rows, grad, ky, kx, dW, lists, null, 1);
  }

  /** {@link #weightGradientAnalog} leaving out the rows of dead samples, as {@link #weightGradientSpikes} does. */
  public void weightGradientAnalog(float[] x, int rows, float[] grad, int ky, int kx, float[] dW, WeightLists lists,
      boolean[] live, int batch) {
    int cIn = g.channels();
    int[] from = lists.from;
    int[] to = lists.to;
    int inPixels = g.height() * g.width();
    Arrays.fill(to, 0);
    for (int pass = 0; pass < 2; pass++) {
      int[] idx = lists.idx;
      float[] coef = lists.coef;
      for (int r = 0; r < rows; r++) {
        if (live != null && !live[r % batch]) {
          continue;
        }
        for (int q = 0, i = r * g.inputSize(); q < inPixels; q++) {
          int p = outputPixel(q, ky, kx);
          for (int c = 0; c < cIn; c++, i++) {
            float v = x[i];
            if (v == 0f || p < 0) {
              continue;
            }
            if (pass == 0) {
              to[c]++;
            } else {
              int at = to[c]++;
              idx[at] = r * g.outPixels() + p;
              coef[at] = v;
            }
          }
        }
      }
      if (pass == 0) {
        lists.ensure(startLists(from, to), true);
      }
    }
    int cOut = g.outChannels();
    kernels.sumScaledRowSets(grad, cOut, lists.idx, lists.coef, from, to, lists.zeros, dW,
        (ky * g.kernel() + kx) * cIn * cOut, 0, cIn);
  }

  /** The output pixel that input pixel {@code q} feeds through tap {@code (ky, kx)}, or -1. */
  private int outputPixel(int q, int ky, int kx) {
    int iy = q / g.width();
    int ix = q - iy * g.width();
    int ty = iy + g.padding() - ky;
    int tx = ix + g.padding() - kx;
    int s = g.stride();
    if (ty < 0 || tx < 0 || ty % s != 0 || tx % s != 0 || ty / s >= outH || tx / s >= outW) {
      return -1;
    }
    return (ty / s) * outW + tx / s;
  }

  /** Turns the counts in {@code to} into list starts in {@code from} and {@code to}; returns the total. */
  private static int startLists(int[] from, int[] to) {
    int total = 0;
    for (int c = 0; c < from.length; c++) {
      from[c] = total;
      total += to[c];
      to[c] = from[c];
    }
    return total;
  }

  /**
   * {@code db[o] += Σ_r Σ_{oy,ox} grad[r][oy][ox][o]} for filters {@code [o0, o1)} over rows {@code [r0, r1)}, rows
   * then pixels ascending.
   */
  public void addBiasGradient(float[] grad, int r0, int r1, int o0, int o1, float[] db) {
    int cOut = g.outChannels();
    int pixels = g.outPixels();
    for (int r = r0; r < r1; r++) {
      for (int p = 0, at = r * pixels * cOut; p < pixels; p++, at += cOut) {
        kernels.add(grad, at + o0, db, o0, o1 - o0);
      }
    }
  }

  /** The {@code count <= 64} bits from bit {@code bit} of the row at word {@code word0}, as the low bits of a long. */
  static long bitsAt(long[] x, int word0, int bit, int count) {
    int wd = bit >>> 6;
    int sh = bit & 63;
    long v = x[word0 + wd] >>> sh;
    if (sh != 0 && sh + count > 64) {
      v |= x[word0 + wd + 1] << (64 - sh);
    }
    return count == 64 ? v : v & ((1L << count) - 1);
  }
}
