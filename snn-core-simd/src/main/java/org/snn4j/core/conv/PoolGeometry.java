package org.snn4j.core.conv;

/**
 * The shape of a 2-D pooling: input {@code [height][width][channels]} (pixel-major, as {@link ConvGeometry}), a
 * square window of {@code kernel}, {@code stride}, no padding, floor mode: output size {@code (H - k) / s + 1}, and a
 * last partial row or column of the input is left out.
 */
public record PoolGeometry(int channels, int height, int width, int kernel, int stride) {

  /** Checks the sizes: every one positive, the window no larger than the input. */
  public PoolGeometry {
    if (channels <= 0 || height <= 0 || width <= 0 || kernel <= 0 || stride <= 0) {
      throw new IllegalArgumentException("pooling sizes must be positive, got [" + channels + "," + height + ","
          + width + "] k" + kernel + " s" + stride);
    }
    if (kernel > height || kernel > width) {
      throw new IllegalArgumentException("pooling window " + kernel + " is larger than its " + height + "×" + width
          + " input");
    }
  }

  /** Output rows {@code (H - k) / s + 1}. */
  public int outHeight() {
    return (height - kernel) / stride + 1;
  }

  /** Output columns {@code (W - k) / s + 1}. */
  public int outWidth() {
    return (width - kernel) / stride + 1;
  }

  /** Values of one input row, {@code H·W·C}. */
  public int inputSize() {
    return height * width * channels;
  }

  /** Values of one output row, {@code OH·OW·C}. */
  public int outputSize() {
    return outHeight() * outWidth() * channels;
  }
}
