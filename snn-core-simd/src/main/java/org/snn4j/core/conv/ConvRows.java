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
  private final int inPixels;
  private final int outPixels;
  private final int taps;
  /**
   * {@code tapPixel[tap·inPixels + q]}: the output pixel that input pixel {@code q} feeds through tap {@code tap = ky·k
   * + kx}, or -1 when that tap of that pixel falls outside the output (borders, strides).
   */
  private final int[] tapPixel;
  /**
   * For output pixel {@code p}, the (tap, input pixel) pairs inside the input, taps ascending: entries {@code
   * [pixelTapStart[p], pixelTapStart[p+1])} of {@code pixelTapTap} and {@code pixelTapInput}.
   */
  private final int[] pixelTapStart;
  private final int[] pixelTapTap;
  private final int[] pixelTapInput;
  /** {@code patchOffset[p·taps + tap]}: where the input pixel output pixel {@code p} reads through {@code tap} starts ({@code q·C}), or -1 (padding). */
  private final int[] patchOffset;
  /** {@code gradOffset[q·taps + tap]}: where the gradient of the output pixel input pixel {@code q} feeds through {@code tap} starts ({@code p·O}), or -1. */
  private final int[] gradOffset;
  private final float[] zeros;

  /** The products of {@code geometry}, summed by {@code kernels}. */
  public ConvRows(ConvGeometry geometry, Kernels kernels) {
    this.g = geometry;
    this.kernels = kernels;
    this.outH = geometry.outHeight();
    this.outW = geometry.outWidth();
    this.inPixels = geometry.height() * geometry.width();
    this.outPixels = geometry.outPixels();
    this.taps = geometry.kernel() * geometry.kernel();
    this.tapPixel = new int[Math.multiplyExact(taps, inPixels)];
    int s = geometry.stride();
    for (int tap = 0; tap < taps; tap++) {
      int ky = tap / geometry.kernel();
      int kx = tap % geometry.kernel();
      for (int q = 0; q < inPixels; q++) {
        int ty = q / geometry.width() + geometry.padding() - ky; // = oy·s
        int tx = q % geometry.width() + geometry.padding() - kx;
        boolean inside = ty >= 0 && tx >= 0 && ty % s == 0 && tx % s == 0 && ty / s < outH && tx / s < outW;
        tapPixel[tap * inPixels + q] = inside ? (ty / s) * outW + tx / s : -1;
      }
    }
    this.pixelTapStart = new int[outPixels + 1];
    int pairs = 0;
    for (int v : tapPixel) {
      pairs += v >= 0 ? 1 : 0;
    }
    this.pixelTapTap = new int[pairs];
    this.pixelTapInput = new int[pairs];
    for (int p = 0, n = 0; p < outPixels; p++) {
      pixelTapStart[p] = n;
      int oy = p / outW;
      int ox = p % outW;
      for (int tap = 0; tap < taps; tap++) {
        int iy = oy * s - geometry.padding() + tap / geometry.kernel();
        int ix = ox * s - geometry.padding() + tap % geometry.kernel();
        if (iy >= 0 && iy < geometry.height() && ix >= 0 && ix < geometry.width()) {
          pixelTapTap[n] = tap;
          pixelTapInput[n++] = iy * geometry.width() + ix;
        }
      }
      pixelTapStart[p + 1] = n;
    }
    this.patchOffset = new int[Math.multiplyExact(outPixels, taps)];
    java.util.Arrays.fill(patchOffset, -1);
    for (int p = 0; p < outPixels; p++) {
      for (int m = pixelTapStart[p]; m < pixelTapStart[p + 1]; m++) {
        patchOffset[p * taps + pixelTapTap[m]] = pixelTapInput[m] * geometry.channels();
      }
    }
    this.gradOffset = new int[Math.multiplyExact(inPixels, taps)];
    for (int q = 0; q < inPixels; q++) {
      for (int tap = 0; tap < taps; tap++) {
        int p = tapPixel[tap * inPixels + q];
        gradOffset[q * taps + tap] = p < 0 ? -1 : p * geometry.outChannels();
      }
    }
    this.zeros = new float[geometry.channels()];
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
        for (int tap = 0, t = q; tap < taps; tap++, t += inPixels) {
          int p = tapPixel[t];
          if (p >= 0) {
            idx[to[p]++] = tap * cIn + c;
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
    int cap = g.weightRows();
    for (int p = 0, pixels = g.outPixels(); p < pixels; p++) {
      from[p] = p * cap;
      to[p] = p * cap;
    }
    for (int q = 0, i = xFrom; q < inPixels; q++) {
      for (int c = 0; c < cIn; c++, i++) {
        float v = x[i];
        if (v == 0f) {
          continue;
        }
        for (int tap = 0, t = q; tap < taps; tap++, t += inPixels) {
          int p = tapPixel[t];
          if (p >= 0) {
            int at = to[p]++;
            idx[at] = tap * cIn + c;
            coef[at] = v;
          }
        }
      }
    }
    int cOut = g.outChannels();
    kernels.sumScaledRowSets(w, cOut, idx, coef, from, to, bias, out, outFrom, 0, g.outPixels());
  }

  /**
   * One thread's scratch for the dense weight gradient ({@link #weightGradientDense}): the row's patch matrix {@code
   * [OH·OW][k·k·C]} and its transposed output gradient {@code [O][OH·OW]}.
   */
  public static final class Columns {
    final float[] columns;
    final float[] product;

    /** Scratch for {@code geometry}'s dense weight gradient. */
    public Columns(ConvGeometry geometry) {
      this.columns = new float[Math.multiplyExact(geometry.outPixels(), geometry.weightRows())];
      this.product = new float[geometry.outputSize()];
    }
  }

  /**
   * The dense path of one analog row, for input where most values are not zero: the row's patches ({@code [OH·OW][k·k·C]},
   * zeros for padding) times the weights {@code [k·k·C][O]} from the bias, by {@link Kernels#patchProducts}, which
   * reads the patches in place and fuses each multiply-add. It adds the same terms as {@link #forwardAnalog} in the
   * same order, each rounded once instead of twice, so the two agree to float rounding, not bit for bit.
   */
  public void forwardDense(float[] x, int xFrom, float[] w, float[] bias, float[] out, int outFrom) {
    kernels.patchProducts(x, xFrom, patchOffset, taps, g.channels(), w, g.outChannels(), bias, out, outFrom, 0,
        outPixels);
  }

  /** The patch matrix of one row: {@code a[p·k·k·C + tap·C + c]} = the input value output pixel {@code p} reads. */
  private void im2col(float[] x, int xFrom, float[] a) {
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
    int cIn = g.channels();
    int cOut = g.outChannels();
    int cap = taps * cOut;
    for (int q = 0; q < inPixels; q++) {
      from[q] = q * cap;
      to[q] = q * cap;
    }
    for (int p = 0, i = gradFrom; p < outPixels; p++) {
      int m0 = pixelTapStart[p];
      int m1 = pixelTapStart[p + 1];
      for (int o = 0; o < cOut; o++, i++) {
        float v = grad[i];
        if (v == 0f) {
          continue;
        }
        for (int m = m0; m < m1; m++) {
          int at = to[pixelTapInput[m]]++;
          idx[at] = pixelTapTap[m] * cOut + o;
          coef[at] = v;
        }
      }
    }
    kernels.sumScaledRowSets(wT, cIn, idx, coef, from, to, zeros, dx, dxFrom, 0, inPixels);
  }

  /**
   * The dense path of {@link #inputGradient}, for gradients of which many are not zero: each input pixel's gradient
   * patch as a row of a matrix {@code [H·W][k·k·O]} ({@code A[q][tap·O + o] = grad[p][o]} for the output pixel
   * {@code p} that pixel {@code q} feeds through {@code tap}, zero where it feeds none) times the transposed weights
   * {@code wT} ({@code [k·k·O][C]}) by {@link Kernels#patchProducts}, which reads the patches in place. Each {@code dx} element is one fused multiply-add chain
   * over {@code (tap, o)} ascending, from zero: the same terms as {@link #inputGradient}, in another order, so the
   * two agree to float rounding; both twins give the same bits. Every element is written.
   */
  public void inputGradientDense(float[] grad, int gradFrom, float[] wT, float[] dx, int dxFrom) {
    kernels.patchProducts(grad, gradFrom, gradOffset, taps, g.outChannels(), wT, g.channels(), zeros, dx, dxFrom, 0,
        inPixels);
  }


  /**
   * The dense path of the weight gradient for one analog row, for input where many values are not zero, in the
   * transposed layout {@code accT[o][ky][kx][c]}: {@code accT[o][·] += Σ_{oy,ox} grad[oy][ox][o] · patch[oy][ox][·]},
   * the row's gradient transposed ({@code [O][OH·OW]}) times its patch matrix ({@code [OH·OW][k·k·C]}, as {@link
   * #im2col} builds it) by {@link Kernels#gemm}: one fused multiply-add chain over the output pixels ascending,
   * continued from {@code accT}. The caller adds rows in ascending order and transposes the sum ({@link
   * #untransposeWeights}).
   */
  public void weightGradientDense(float[] x, int xFrom, float[] grad, int gradFrom, float[] accT, Columns scratch) {
    float[] a = scratch.columns;
    im2col(x, xFrom, a);
    float[] gT = scratch.product;
    int cOut = g.outChannels();
    for (int p = 0, i = gradFrom; p < outPixels; p++) {
      for (int o = 0; o < cOut; o++, i++) {
        gT[o * outPixels + p] = grad[i];
      }
    }
    kernels.gemm(gT, a, accT, 0, cOut, outPixels, g.weightRows());
  }

  /** {@code w[ky][kx][c][o] = wT[o][ky][kx][c]}: the weight gradient from {@link #weightGradientDense}'s layout. */
  public void untransposeWeights(float[] accT, float[] w) {
    int rowsK = g.weightRows();
    int cOut = g.outChannels();
    for (int o = 0; o < cOut; o++) {
      for (int j = 0; j < rowsK; j++) {
        w[j * cOut + o] = accT[o * rowsK + j];
      }
    }
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
   * The non-zero inputs of a batch, by channel, in ascending (row, pixel) order within each channel: collected once
   * per backward pass ({@link #collectSpikes}, {@link #collectAnalog}) and read by every weight-gradient unit. They
   * grow with the batch's activity, so a steady state allocates nothing.
   */
  public static final class InputEvents {
    final int[] start;
    final int[] fill;
    int[] row = new int[0];
    int[] pixel = new int[0];
    float[] value = new float[0];
    boolean analog;

    /** Events of {@code geometry}'s input. */
    public InputEvents(ConvGeometry geometry) {
      this.start = new int[geometry.channels() + 1];
      this.fill = new int[geometry.channels()];
    }

    /** Room for {@code n} events; grows by half again, so a batch a little busier than the last does not allocate. */
    void ensure(int n) {
      int grown = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(n, row.length + (long) row.length / 2));
      if (row.length < n) {
        row = new int[grown];
        pixel = new int[grown];
      }
      if (analog && value.length < n) {
        value = new float[Math.max(grown, row.length)];
      }
    }

    /** Turns the counts in {@code fill} into channel starts; returns the total. */
    int startChannels() {
      int total = 0;
      for (int c = 0; c < fill.length; c++) {
        start[c] = total;
        total += fill[c];
        fill[c] = start[c];
      }
      start[fill.length] = total;
      return total;
    }
  }

  /**
   * Collects the spikes of rows {@code [0, rows)} (row {@code r}'s bits at word {@code r·rowWords}) into {@code
   * events}, leaving out the rows of samples {@code b} with {@code live[b]} false (rows {@code r % batch = b}), whose
   * gradients are zeros; {@code live} null: every row counts.
   */
  public void collectSpikes(long[] x, int rowWords, int rows, boolean[] live, int batch, InputEvents events) {
    int cIn = g.channels();
    int[] fill = events.fill;
    java.util.Arrays.fill(fill, 0);
    events.analog = false;
    for (int pass = 0; pass < 2; pass++) {
      int[] row = events.row;
      int[] pixel = events.pixel;
      for (int r = 0; r < rows; r++) {
        if (live != null && !live[r % batch]) {
          continue;
        }
        for (int wd = 0, words = (g.inputSize() + 63) >>> 6; wd < words; wd++) {
          for (long v = x[r * rowWords + wd]; v != 0; v &= v - 1) {
            int i = (wd << 6) + Long.numberOfTrailingZeros(v);
            int q = i / cIn;
            int c = i - q * cIn;
            if (pass == 0) {
              fill[c]++;
            } else {
              int at = fill[c]++;
              row[at] = r;
              pixel[at] = q;
            }
          }
        }
      }
      if (pass == 0) {
        events.ensure(events.startChannels());
      }
    }
  }

  /** {@link #collectSpikes} for analog rows {@code x[r·H·W·C + (iy·W + ix)·C + c]}: the non-zero values. */
  public void collectAnalog(float[] x, int rows, boolean[] live, int batch, InputEvents events) {
    int cIn = g.channels();
    int[] fill = events.fill;
    java.util.Arrays.fill(fill, 0);
    events.analog = true;
    for (int pass = 0; pass < 2; pass++) {
      int[] row = events.row;
      int[] pixel = events.pixel;
      float[] value = events.value;
      for (int r = 0; r < rows; r++) {
        if (live != null && !live[r % batch]) {
          continue;
        }
        for (int q = 0, i = r * g.inputSize(); q < inPixels; q++) {
          for (int c = 0; c < cIn; c++, i++) {
            float v = x[i];
            if (v == 0f) {
              continue;
            }
            if (pass == 0) {
              fill[c]++;
            } else {
              int at = fill[c]++;
              row[at] = r;
              pixel[at] = q;
              value[at] = v;
            }
          }
        }
      }
      if (pass == 0) {
        events.ensure(events.startChannels());
      }
    }
  }

  /** One thread's lists for the weight gradient: one image's lists for one channel, and the channels' sums. */
  public static final class WeightLists {
    final int[] from;
    final int[] to;
    final int[] cursor;
    final float[] sums;
    final int[] idx;
    final float[] coef;

    /** Lists for {@code geometry}'s weight gradient. */
    public WeightLists(ConvGeometry geometry) {
      int taps = geometry.kernel() * geometry.kernel();
      this.from = new int[taps];
      this.to = new int[taps];
      this.cursor = new int[geometry.channels()];
      this.sums = new float[geometry.channels() * taps * geometry.outChannels()];
      this.idx = new int[Math.multiplyExact(taps, geometry.height() * geometry.width())];
      this.coef = new float[idx.length];
    }
  }

  /**
   * The weight gradient of input channels {@code [c0, c1)}, all taps, from the collected {@code events} of rows
   * {@code [0, rows)}: {@code dW[ky][kx][c][·] = 0 + Σ x · grad[r][oy][ox][·]} over the channel's events in
   * ascending (row, pixel) order, i.e. rows ascending, then output pixels ascending (the slices are overwritten; a
   * spike adds its gradient row itself). Row {@code r}'s gradient starts at {@code r·OH·OW·O}. The rows are the
   * outer loop, so that one image's gradient stays in cache while every channel and tap reads it: per row and
   * channel, each tap's list is built and one {@link Kernels#accumulateRowSets} call adds them all. Channels own
   * disjoint parts of {@code dW}, so threads may take different channels.
   */
  public void weightGradient(InputEvents events, int c0, int c1, int rows, float[] grad, float[] dW,
      WeightLists lists) {
    weightGradient(events, c0, c1, 0, taps, rows, grad, dW, lists);
  }

  /**
   * {@link #weightGradient(InputEvents, int, int, int, float[], float[], WeightLists)} for taps {@code [tap0, tap1)}
   * only: the same sums, in the same order. A layer with fewer input channels than threads splits its taps.
   */
  public void weightGradient(InputEvents events, int c0, int c1, int tap0, int tap1, int rows, float[] grad,
      float[] dW, WeightLists lists) {
    int[] idx = lists.idx;
    float[] coef = lists.coef;
    int[] row = events.row;
    int[] pixel = events.pixel;
    float[] value = events.value;
    int cIn = g.channels();
    int cOut = g.outChannels();
    int slice = taps * cOut;
    java.util.Arrays.fill(lists.sums, 0, (c1 - c0) * slice, 0f);
    for (int c = c0; c < c1; c++) {
      lists.cursor[c] = events.start[c];
    }
    for (int r = 0; r < rows; r++) {
      for (int c = c0; c < c1; c++) {
        int e0 = lists.cursor[c];
        int e1 = e0;
        for (int end = events.start[c + 1]; e1 < end && row[e1] == r; e1++) {
          // the channel's events of this row
        }
        if (e1 == e0) {
          continue;
        }
        lists.cursor[c] = e1;
        int n = 0;
        for (int tap = tap0; tap < tap1; tap++) {
          lists.from[tap] = n;
          int base = tap * inPixels;
          for (int k = e0; k < e1; k++) {
            int p = tapPixel[base + pixel[k]];
            if (p >= 0) {
              idx[n] = r * outPixels + p;
              if (events.analog) {
                coef[n] = value[k];
              }
              n++;
            }
          }
          lists.to[tap] = n;
        }
        kernels.accumulateRowSets(grad, cOut, idx, events.analog ? coef : null, lists.from, lists.to, lists.sums,
            (c - c0) * slice, tap0, tap1);
      }
    }
    for (int c = c0; c < c1; c++) {
      for (int tap = tap0; tap < tap1; tap++) {
        System.arraycopy(lists.sums, (c - c0) * slice + tap * cOut, dW, (tap * cIn + c) * cOut, cOut);
      }
    }
  }

  /**
   * {@code db[o] += Σ_r Σ_{oy,ox} grad[r][oy][ox][o]} for filters {@code [o0, o1)} over rows {@code [r0, r1)}, rows
   * then pixels ascending, leaving out the rows of samples {@code b} with {@code live[b]} false (rows {@code r %
   * batch = b}), whose gradients are zeros ({@code live} null: every row). One {@link Kernels#addColumnSums} per row.
   */
  public void addBiasGradient(float[] grad, int r0, int r1, int o0, int o1, float[] db, boolean[] live, int batch) {
    int cOut = g.outChannels();
    for (int r = r0; r < r1; r++) {
      if (live != null && !live[r % batch]) {
        continue;
      }
      kernels.addColumnSums(grad, r * outPixels * cOut + o0, outPixels, cOut, o1 - o0, db, o0);
    }
  }

  /** {@link #addBiasGradient(float[], int, int, int, int, float[], boolean[], int)} over every row. */
  public void addBiasGradient(float[] grad, int r0, int r1, int o0, int o1, float[] db) {
    addBiasGradient(grad, r0, r1, o0, o1, db, null, 1);
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
