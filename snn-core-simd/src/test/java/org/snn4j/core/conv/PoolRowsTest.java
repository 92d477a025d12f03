package org.snn4j.core.conv;

import org.snn4j.core.layer.PixelLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PoolRows} against pooling written the plain way in the channel-major layout. */
class PoolRowsTest {

  static Stream<PoolGeometry> geometries() {
    return Stream.of(
        new PoolGeometry(1, 6, 6, 2, 2),
        new PoolGeometry(3, 7, 9, 2, 2), // floor mode: a last row and column left out
        new PoolGeometry(5, 8, 8, 3, 2), // overlapping windows
        new PoolGeometry(70, 4, 5, 2, 1), // channels straddle words
        new PoolGeometry(32, 28, 28, 2, 2));
  }

  private static int at(PoolGeometry g, int c, int y, int x) {
    return (c * g.height() + y) * g.width() + x;
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void averageAndMaxOfSpikes(PoolGeometry g) {
    Random r = new Random(g.hashCode());
    double[] x = ConvReference.spikes(r, g.inputSize(), 0.3);
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernel();
    float[] avg = new float[g.outputSize()];
    double[] max = new double[g.outputSize()];
    for (int c = 0; c < g.channels(); c++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double s = 0;
          double m = 0;
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              double v = x[at(g, c, oy * g.stride() + ky, ox * g.stride() + kx)];
              s += v;
              m = Math.max(m, v);
            }
          }
          avg[(c * oh + oy) * ow + ox] = (float) (s / (k * k));
          max[(c * oh + oy) * ow + ox] = m;
        }
      }
    }
    PixelLayout in = new PixelLayout(g.channels(), g.height(), g.width());
    PixelLayout out = new PixelLayout(g.channels(), oh, ow);
    long[] channelBits = ConvReference.bits(x);
    long[] bits = new long[channelBits.length + 1];
    in.toPixelMajor(channelBits, 0, bits, 1);
    PoolRows pool = new PoolRows(g);

    float[] y = new float[g.outputSize()];
    pool.averageSpikes(bits, 1, y, 0);
    float[] yc = new float[y.length];
    out.toChannelMajor(y, 0, yc, 0);
    assertArrayEquals(avg, yc, g.toString());

    float[] analog = new float[g.inputSize()];
    for (int i = 0; i < analog.length; i++) {
      analog[i] = (float) x[i];
    }
    float[] analogPixel = new float[analog.length];
    in.toPixelMajor(analog, 0, analogPixel, 0);
    float[] ya = new float[y.length];
    pool.averageAnalog(analogPixel, 0, ya, 0);
    assertArrayEquals(y, ya, "analog input of 0/1 values pools as spikes do");

    long[] maxBits = new long[(g.outputSize() + 63) / 64 + 1];
    Arrays.fill(maxBits, -1L); // every word of the row is written
    pool.maxSpikes(bits, 1, maxBits, 1);
    long[] maxChannel = new long[maxBits.length - 1];
    out.toChannelMajor(maxBits, 1, maxChannel, 0);
    assertArrayEquals(ConvReference.bits(max), maxChannel, g.toString());
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void backwardSendsGradientsToTheWindows(PoolGeometry g) {
    Random r = new Random(g.hashCode() + 1);
    double[] x = ConvReference.spikes(r, g.inputSize(), 0.2);
    float[] dy = ConvReference.floats(r, g.outputSize(), 1f, 0.1);
    int oh = g.outHeight();
    int ow = g.outWidth();
    int k = g.kernel();
    double[] avgDx = new double[g.inputSize()];
    double[] maxDx = new double[g.inputSize()];
    for (int c = 0; c < g.channels(); c++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double v = dy[(c * oh + oy) * ow + ox];
          int first = -1;
          double best = Double.NEGATIVE_INFINITY;
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              int i = at(g, c, oy * g.stride() + ky, ox * g.stride() + kx);
              avgDx[i] += v / (k * k);
              if (x[i] > best) { // strictly greater: the first maximal element wins
                best = x[i];
                first = i;
              }
            }
          }
          maxDx[first] += v;
        }
      }
    }
    PixelLayout in = new PixelLayout(g.channels(), g.height(), g.width());
    PixelLayout out = new PixelLayout(g.channels(), oh, ow);
    long[] bits = new long[(g.inputSize() + 63) / 64];
    in.toPixelMajor(ConvReference.bits(x), 0, bits, 0);
    float[] dyp = new float[dy.length];
    out.toPixelMajor(dy, 0, dyp, 0);
    PoolRows pool = new PoolRows(g);
    float[] dx = new float[g.inputSize()];
    float[] dxc = new float[dx.length];

    Arrays.fill(dx, Float.NaN);
    pool.averageBackward(dyp, 0, dx, 0);
    in.toChannelMajor(dx, 0, dxc, 0);
    for (int i = 0; i < dxc.length; i++) {
      assertEquals(avgDx[i], dxc[i], 1e-6, "avg " + g + " at " + i);
    }
    Arrays.fill(dx, Float.NaN);
    pool.maxBackward(bits, 0, dyp, 0, dx, 0);
    in.toChannelMajor(dx, 0, dxc, 0);
    for (int i = 0; i < dxc.length; i++) {
      assertEquals(maxDx[i], dxc[i], 1e-6, "max " + g + " at " + i);
    }
  }

  @Test
  void aWindowOfZerosSendsItsGradientToItsFirstElement() {
    PoolGeometry g = new PoolGeometry(1, 2, 2, 2, 2);
    float[] dx = new float[4];
    new PoolRows(g).maxBackward(new long[] {0L}, 0, new float[] {3f}, 0, dx, 0);
    assertArrayEquals(new float[] {3f, 0, 0, 0}, dx);
    new PoolRows(g).maxBackward(new long[] {0b1100L}, 0, new float[] {3f}, 0, dx, 0);
    assertArrayEquals(new float[] {0, 0, 3f, 0}, dx);
  }

  @Test
  void layoutsRoundTrip() {
    PixelLayout p = new PixelLayout(3, 5, 7);
    double[] x = ConvReference.spikes(new Random(4), p.size(), 0.4);
    long[] bits = ConvReference.bits(x);
    long[] pixel = new long[bits.length];
    long[] back = new long[bits.length];
    p.toPixelMajor(bits, 0, pixel, 0);
    p.toChannelMajor(pixel, 0, back, 0);
    assertArrayEquals(bits, back);
    // channel 1 of pixel (0, 0) is element (1·5 + 0)·7 + 0 = 35 channel-major, 1 pixel-major
    long[] one = new long[bits.length];
    one[0] = 1L << 35;
    p.toPixelMajor(one, 0, pixel, 0);
    assertEquals(1L << 1, pixel[0]);
  }
}
