package org.snn4j.core.conv;

import java.util.Arrays;

/**
 * Average and max pooling of one row (an image of one time step of one sample) at a time, pixel-major
 * ({@link PoolGeometry}). They follow a spiking layer, so their input is spike bits; average pooling outputs the
 * window mean, a multiple of {@code 1/k²} (analog, exact in float32), max pooling of spikes outputs spikes (the
 * window's OR).
 *
 * <pre>
 *   avg forward    y[oy][ox][c] = (Σ_{ky,kx} x[oy·s + ky][ox·s + kx][c]) / k²
 *   avg backward   dx[iy][ix][c] = Σ over the windows holding (iy, ix) of dy[oy][ox][c] / k²
 *   max forward    y[oy][ox][c] = max over the window
 *   max backward   dx[first maximal element of the window, row-major][c] += dy[oy][ox][c]
 * </pre>
 *
 * The max convention matters for spikes, which tie often: a window of zeros sends its gradient to its first
 * element. Sums run over windows in output order, elements in row-major window order. These loops are cheap next
 * to the convolutions around them, so they have one (plain Java) version.
 */
public final class PoolRows {
  private final PoolGeometry g;
  private final int outH;
  private final int outW;
  private final float inverseArea;
  /** Whether the windows tile the input: stride = kernel and no row or column left over. */
  private final boolean tiles;

  /** Pooling of {@code geometry}. */
  public PoolRows(PoolGeometry geometry) {
    this.g = geometry;
    this.outH = geometry.outHeight();
    this.outW = geometry.outWidth();
    this.tiles = geometry.stride() == geometry.kernel() && outH * geometry.kernel() == geometry.height()
        && outW * geometry.kernel() == geometry.width();
    this.inverseArea = 1f / (geometry.kernel() * geometry.kernel());
  }

  /** The geometry. */
  public PoolGeometry geometry() {
    return g;
  }

  /** Average pooling of a row of spike bits (starting at word {@code word0}) into {@code out[outFrom...]}. */
  public void averageSpikes(long[] x, int word0, float[] out, int outFrom) {
    int c = g.channels();
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        int at = outFrom + (oy * outW + ox) * c;
        Arrays.fill(out, at, at + c, 0f);
        for (int ky = 0; ky < g.kernel(); ky++) {
          for (int kx = 0; kx < g.kernel(); kx++) {
            int bit = ((oy * g.stride() + ky) * g.width() + ox * g.stride() + kx) * c;
            addBits(x, word0, bit, c, out, at);
          }
        }
        for (int i = at; i < at + c; i++) {
          out[i] *= inverseArea;
        }
      }
    }
  }

  /** Average pooling of an analog row {@code x[xFrom...]} into {@code out[outFrom...]}. */
  public void averageAnalog(float[] x, int xFrom, float[] out, int outFrom) {
    int c = g.channels();
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        int at = outFrom + (oy * outW + ox) * c;
        Arrays.fill(out, at, at + c, 0f);
        for (int ky = 0; ky < g.kernel(); ky++) {
          for (int kx = 0; kx < g.kernel(); kx++) {
            int from = xFrom + ((oy * g.stride() + ky) * g.width() + ox * g.stride() + kx) * c;
            for (int i = 0; i < c; i++) {
              out[at + i] += x[from + i];
            }
          }
        }
        for (int i = at; i < at + c; i++) {
          out[i] *= inverseArea;
        }
      }
    }
  }

  /** The average's backward: {@code dx[dxFrom...]} (every element written) from {@code dy[dyFrom...]}. */
  public void averageBackward(float[] dy, int dyFrom, float[] dx, int dxFrom) {
    int c = g.channels();
    if (tiles) {
      // each input element lies in exactly one window: one write each, 0 + dy/k² as the general loop computes it
      for (int oy = 0; oy < outH; oy++) {
        for (int ox = 0; ox < outW; ox++) {
          int from = dyFrom + (oy * outW + ox) * c;
          for (int ky = 0; ky < g.kernel(); ky++) {
            for (int kx = 0; kx < g.kernel(); kx++) {
              int at = dxFrom + ((oy * g.stride() + ky) * g.width() + ox * g.stride() + kx) * c;
              for (int i = 0; i < c; i++) {
                dx[at + i] = 0f + dy[from + i] * inverseArea;
              }
            }
          }
        }
      }
      return;
    }
    Arrays.fill(dx, dxFrom, dxFrom + g.inputSize(), 0f);
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        int from = dyFrom + (oy * outW + ox) * c;
        for (int ky = 0; ky < g.kernel(); ky++) {
          for (int kx = 0; kx < g.kernel(); kx++) {
            int at = dxFrom + ((oy * g.stride() + ky) * g.width() + ox * g.stride() + kx) * c;
            for (int i = 0; i < c; i++) {
              dx[at + i] += dy[from + i] * inverseArea;
            }
          }
        }
      }
    }
  }

  /**
   * Max pooling of a row of spike bits (from word {@code word0}) into the spike bits of {@code out} from word {@code
   * outWord}; writes all {@code ceil(outputSize / 64)} words of the row.
   */
  public void maxSpikes(long[] x, int word0, long[] out, int outWord) {
    int c = g.channels();
    Arrays.fill(out, outWord, outWord + (g.outputSize() + 63) / 64, 0L);
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        int outBit = (oy * outW + ox) * c;
        for (int ky = 0; ky < g.kernel(); ky++) {
          for (int kx = 0; kx < g.kernel(); kx++) {
            int bit = ((oy * g.stride() + ky) * g.width() + ox * g.stride() + kx) * c;
            for (int c0 = 0; c0 < c; c0 += 64) {
              int n = Math.min(64, c - c0);
              orBits(out, outWord, outBit + c0, n, ConvRows.bitsAt(x, word0, bit + c0, n));
            }
          }
        }
      }
    }
  }

  /**
   * The max's backward: {@code dx[dxFrom...]} (every element written) from {@code dy[dyFrom...]} and the layer's
   * input spike bits {@code x} (from word {@code word0}), which tell each window's first maximal element.
   */
  public void maxBackward(long[] x, int word0, float[] dy, int dyFrom, float[] dx, int dxFrom) {
    int c = g.channels();
    Arrays.fill(dx, dxFrom, dxFrom + g.inputSize(), 0f);
    int k = g.kernel();
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        int from = dyFrom + (oy * outW + ox) * c;
        int first = (oy * g.stride() * g.width() + ox * g.stride()) * c; // the window's first pixel
        for (int i = 0; i < c; i++) {
          int winner = first;
          for (int m = 0; m < k * k; m++) {
            int bit = ((oy * g.stride() + m / k) * g.width() + ox * g.stride() + m % k) * c;
            if ((x[word0 + ((bit + i) >>> 6)] >>> ((bit + i) & 63) & 1L) != 0) {
              winner = bit;
              break;
            }
          }
          dx[dxFrom + winner + i] += dy[from + i];
        }
      }
    }
  }

  private static void addBits(long[] x, int word0, int bit, int count, float[] out, int at) {
    for (int c0 = 0; c0 < count; c0 += 64) {
      for (long v = ConvRows.bitsAt(x, word0, bit + c0, Math.min(64, count - c0)); v != 0; v &= v - 1) {
        out[at + c0 + Long.numberOfTrailingZeros(v)] += 1f;
      }
    }
  }

  private static void orBits(long[] out, int word0, int bit, int count, long bits) {
    int wd = word0 + (bit >>> 6);
    int sh = bit & 63;
    out[wd] |= bits << sh;
    if (sh != 0 && sh + count > 64) {
      out[wd + 1] |= bits >>> (64 - sh);
    }
  }
}
