package org.snn4j.core.conv;

import java.util.Random;

/**
 * The convolution written the plain way, in PyTorch's layouts (channel-major activations, {@code [o][c][ky][kx]}
 * weights) and in double precision: the reference {@link ConvRows} is checked against.
 */
final class ConvReference {
  private ConvReference() {}

  /** {@code out[o][oy][ox] = b[o] + Σ_c Σ_ky Σ_kx x[c][iy][ix] · W[o][c][ky][kx]}. */
  static double[] forward(ConvGeometry g, double[] x, float[] torchW, float[] bias) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernel();
    double[] out = new double[g.outChannels() * oh * ow];
    for (int o = 0; o < g.outChannels(); o++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double s = bias[o];
          for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * g.stride() - g.padding() + ky;
                int ix = ox * g.stride() - g.padding() + kx;
                if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                  s += x[(c * g.height() + iy) * g.width() + ix] * torchW[((o * g.channels() + c) * k + ky) * k + kx];
                }
              }
            }
          }
          out[(o * oh + oy) * ow + ox] = s;
        }
      }
    }
    return out;
  }

  /** {@code dx[c][iy][ix] = Σ_o Σ_{ky,kx} grad[o][oy][ox] · W[o][c][ky][kx]} over the outputs that read it. */
  static double[] inputGradient(ConvGeometry g, float[] grad, float[] torchW) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernel();
    double[] dx = new double[g.inputSize()];
    for (int o = 0; o < g.outChannels(); o++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double v = grad[(o * oh + oy) * ow + ox];
          for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * g.stride() - g.padding() + ky;
                int ix = ox * g.stride() - g.padding() + kx;
                if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                  dx[(c * g.height() + iy) * g.width() + ix] += v * torchW[((o * g.channels() + c) * k + ky) * k + kx];
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }

  /** {@code dW[o][c][ky][kx] = Σ_rows Σ_{oy,ox} x[c][iy][ix] · grad[o][oy][ox]}, rows channel-major. */
  static double[] weightGradient(ConvGeometry g, double[][] x, float[][] grad) {
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernel();
    double[] dW = new double[g.weightSize()];
    for (int r = 0; r < x.length; r++) {
      for (int o = 0; o < g.outChannels(); o++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            double v = grad[r][(o * oh + oy) * ow + ox];
            for (int c = 0; c < g.channels(); c++) {
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  int iy = oy * g.stride() - g.padding() + ky;
                  int ix = ox * g.stride() - g.padding() + kx;
                  if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                    dW[((o * g.channels() + c) * k + ky) * k + kx] += x[r][(c * g.height() + iy) * g.width() + ix] * v;
                  }
                }
              }
            }
          }
        }
      }
    }
    return dW;
  }

  /** 0/1 values, each 1 with probability {@code density}. */
  static double[] spikes(Random r, int n, double density) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() < density ? 1 : 0;
    }
    return x;
  }

  /** Packs 0/1 values into bits. */
  static long[] bits(double[] x) {
    long[] b = new long[(x.length + 63) / 64];
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0) {
        b[i >>> 6] |= 1L << (i & 63);
      }
    }
    return b;
  }

  /** Uniform floats in {@code ±scale}, a fraction {@code zeros} of them exactly zero. */
  static float[] floats(Random r, int n, float scale, double zeros) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble() < zeros ? 0f : (r.nextFloat() * 2 - 1) * scale;
    }
    return a;
  }

  /** The largest absolute value. */
  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
