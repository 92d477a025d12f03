package org.snn4j.core.conv;

/**
 * The shape of one 2-D convolution: input {@code [height][width][channels]}, a square {@code kernel}, {@code stride}
 * and zero {@code padding} on each side, {@code outChannels} filters. Output size {@code (H + 2p - k) / s + 1},
 * floored, as PyTorch's {@code conv2d}.
 *
 * <p>Layouts inside snn4j are pixel-major ("channel-last"): a row of activations is {@code [y][x][c]}, index {@code
 * (y·W + x)·C + c}, so the channels of one pixel are contiguous; weights are {@code [ky][kx][c][o]}, index {@code
 * ((ky·k + kx)·C + c)·O + o}, so the weights one input (tap, channel) sends to all filters form one contiguous row
 * of {@code O} floats (row {@code (ky·k + kx)·C + c}). {@link #toPixelMajorWeights} converts PyTorch's {@code
 * [o][c][ky][kx]}.
 */
public record ConvGeometry(int channels, int height, int width, int outChannels, int kernel, int stride, int padding) {

  /** Checks the sizes: every one positive, padding at least zero and the kernel no larger than the padded input. */
  public ConvGeometry {
    if (channels <= 0 || height <= 0 || width <= 0 || outChannels <= 0 || kernel <= 0 || stride <= 0) {
      throw new IllegalArgumentException("conv sizes must be positive, got " + describe(channels, height, width,
          outChannels, kernel, stride, padding));
    }
    if (padding < 0 || kernel > height + 2 * padding || kernel > width + 2 * padding) {
      throw new IllegalArgumentException("conv kernel " + kernel + " with padding " + padding + " does not fit a "
          + height + "×" + width + " input");
    }
    long in = (long) channels * height * width;
    long weights = (long) kernel * kernel * channels * outChannels;
    if (in > Integer.MAX_VALUE / 2 || weights > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("conv too large: " + describe(channels, height, width, outChannels, kernel,
          stride, padding));
    }
  }

  /** Output rows {@code (H + 2p - k) / s + 1}. */
  public int outHeight() {
    return (height + 2 * padding - kernel) / stride + 1;
  }

  /** Output columns {@code (W + 2p - k) / s + 1}. */
  public int outWidth() {
    return (width + 2 * padding - kernel) / stride + 1;
  }

  /** Values of one input row, {@code H·W·C}. */
  public int inputSize() {
    return height * width * channels;
  }

  /** Values of one output row, {@code OH·OW·O}. */
  public int outputSize() {
    return outHeight() * outWidth() * outChannels;
  }

  /** Output pixels, {@code OH·OW}. */
  public int outPixels() {
    return outHeight() * outWidth();
  }

  /** Weight rows, {@code k·k·C}, each of {@link #outChannels()} floats. */
  public int weightRows() {
    return kernel * kernel * channels;
  }

  /** Weights, {@code k·k·C·O}. */
  public int weightSize() {
    return weightRows() * outChannels;
  }

  /** PyTorch's {@code [o][c][ky][kx]} weights in snn4j's {@code [ky][kx][c][o]}. */
  public float[] toPixelMajorWeights(float[] torch) {
    checkLength(torch);
    float[] w = new float[weightSize()];
    for (int o = 0; o < outChannels; o++) {
      for (int c = 0; c < channels; c++) {
        for (int ky = 0; ky < kernel; ky++) {
          for (int kx = 0; kx < kernel; kx++) {
            w[((ky * kernel + kx) * channels + c) * outChannels + o] =
                torch[((o * channels + c) * kernel + ky) * kernel + kx];
          }
        }
      }
    }
    return w;
  }

  /** snn4j's {@code [ky][kx][c][o]} weights (or their gradient) in PyTorch's {@code [o][c][ky][kx]}. */
  public float[] toTorchWeights(float[] pixelMajor) {
    checkLength(pixelMajor);
    float[] t = new float[weightSize()];
    for (int o = 0; o < outChannels; o++) {
      for (int c = 0; c < channels; c++) {
        for (int ky = 0; ky < kernel; ky++) {
          for (int kx = 0; kx < kernel; kx++) {
            t[((o * channels + c) * kernel + ky) * kernel + kx] =
                pixelMajor[((ky * kernel + kx) * channels + c) * outChannels + o];
          }
        }
      }
    }
    return t;
  }

  private void checkLength(float[] w) {
    if (w.length != weightSize()) {
      throw new IllegalArgumentException("conv weights: expected " + weightSize() + " values, got " + w.length);
    }
  }

  @Override
  public String toString() {
    return describe(channels, height, width, outChannels, kernel, stride, padding);
  }

  private static String describe(int c, int h, int w, int o, int k, int s, int p) {
    return "[" + c + "," + h + "," + w + "] → " + o + " filters k" + k + " s" + s + " p" + p;
  }
}
