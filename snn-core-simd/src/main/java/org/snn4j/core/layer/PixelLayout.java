package org.snn4j.core.layer;

import java.util.Arrays;

/**
 * Moves one row between the channel-major layout of datasets, PyTorch and {@code flatten} ({@code [c][y][x]}, index
 * {@code (c·H + y)·W + x}) and snn4j's pixel-major layout inside conv layers ({@code [y][x][c]}, index {@code (y·W +
 * x)·C + c}). With one channel both are the same.
 */
public final class PixelLayout {
  private final int channels;
  private final int height;
  private final int width;

  /** The layouts of a {@code [channels][height][width]} image. */
  public PixelLayout(int channels, int height, int width) {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "image sizes must be positive, got [" + channels + "," + height + "," + width + "]");
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /** Values of one row. */
  public int size() {
    return channels * height * width;
  }

  /** Channel-major spike bits (row at word {@code from}) to pixel-major bits (row at word {@code to}). */
  public void toPixelMajor(long[] src, int from, long[] dst, int to) {
    permuteBits(src, from, dst, to, true);
  }

  /** Pixel-major spike bits to channel-major bits: {@code flatten}'s forward. */
  public void toChannelMajor(long[] src, int from, long[] dst, int to) {
    permuteBits(src, from, dst, to, false);
  }

  /** Channel-major floats to pixel-major floats. */
  public void toPixelMajor(float[] src, int from, float[] dst, int to) {
    int hw = height * width;
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < hw; p++) {
        dst[to + p * channels + c] = src[from + c * hw + p];
      }
    }
  }

  /** Pixel-major floats to channel-major floats: {@code flatten}'s forward for analog input. */
  public void toChannelMajor(float[] src, int from, float[] dst, int to) {
    int hw = height * width;
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < hw; p++) {
        dst[to + c * hw + p] = src[from + p * channels + c];
      }
    }
  }

  private void permuteBits(long[] src, int from, long[] dst, int to, boolean toPixel) {
    int n = size();
    int hw = height * width;
    Arrays.fill(dst, to, to + (n + 63) / 64, 0L);
    for (int wd = 0; wd < (n + 63) / 64; wd++) {
      for (long v = src[from + wd]; v != 0; v &= v - 1) {
        int i = (wd << 6) + Long.numberOfTrailingZeros(v);
        int j = toPixel ? (i % hw) * channels + i / hw : (i % channels) * hw + i / channels;
        dst[to + (j >>> 6)] |= 1L << (j & 63);
      }
    }
  }
}
