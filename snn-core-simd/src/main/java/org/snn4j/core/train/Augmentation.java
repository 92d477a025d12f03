package org.snn4j.core.train;

import java.util.Locale;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.core.net.SplitMix64;

/**
 * Seeded data augmentation of training images ({@code [C][H][W]}, channel-major, as datasets give them): a random
 * crop with zero padding (the image shifted by {@code dy, dx} drawn uniformly from {@code [-P, P]}, pixels shifted
 * in from outside being 0) and a horizontal flip with probability 1/2. Sample {@code index} of epoch {@code epoch}
 * draws from its own stream, {@code SplitMix64(streamKey(seed, epoch, index) ^ SALT)}: the result does not depend on
 * the batch split or the thread count, and the encoder's stream ({@code streamKey(seed, epoch, index)}) is not
 * disturbed. Only training batches are augmented.
 */
public final class Augmentation {
  /** Keeps the augmentation's stream apart from the encoder's, which uses the same key. */
  static final long SALT = 0x6A09E667F3BCC909L;

  private final int pad;
  private final boolean flip;

  /**
   * @param pad the crop's padding P ≥ 0 (0: no crop)
   * @param flip whether to flip horizontally with probability 1/2
   */
  public Augmentation(int pad, boolean flip) {
    if (pad < 0) {
      throw new IllegalArgumentException("the crop's padding must be >= 0, got " + pad);
    }
    this.pad = pad;
    this.flip = flip;
  }

  /**
   * Parses a comma-separated list of {@code crop=P} (random crop with padding P) and {@code flip} (horizontal
   * flip), e.g. {@code crop=4,flip}; {@code none} for no augmentation (returns null).
   *
   * @throws IllegalArgumentException naming the part that is not understood
   */
  public static Augmentation parse(String text) {
    int pad = 0;
    boolean flip = false;
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return null;
    }
    for (String part : t.split(",")) {
      String p = part.strip();
      if (p.equals("flip")) {
        flip = true;
      } else if (p.startsWith("crop=")) {
        try {
          pad = Integer.parseInt(p.substring(5));
        } catch (NumberFormatException e) {
          pad = -1;
        }
        if (pad < 1) {
          throw new IllegalArgumentException("augmentation crop=P: P must be a whole number > 0, got '"
              + p.substring(5) + "'");
        }
      } else {
        throw new IllegalArgumentException("unknown augmentation '" + p + "'; known: crop=P (random crop with"
            + " padding P), flip (horizontal flip), none");
      }
    }
    return new Augmentation(pad, flip);
  }

  /**
   * Augments one image in place.
   *
   * @param image {@code [C][H][W]} at {@code offset}; modified
   * @param scratch at least {@code C·H·W} floats
   */
  public void apply(float[] image, int offset, int channels, int height, int width, long seed, int epoch, int index,
      float[] scratch) {
    SplitMix64 rng = new SplitMix64(SpikeEncoder.streamKey(seed, epoch, index) ^ SALT);
    int dy = pad == 0 ? 0 : rng.nextInt(2 * pad + 1) - pad;
    int dx = pad == 0 ? 0 : rng.nextInt(2 * pad + 1) - pad;
    boolean mirror = flip && rng.nextInt(2) == 1;
    if (dy == 0 && dx == 0 && !mirror) {
      return;
    }
    int n = channels * height * width;
    System.arraycopy(image, offset, scratch, 0, n);
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        int sy = y + dy;
        for (int x = 0; x < width; x++) {
          int cx = mirror ? width - 1 - x : x;
          int sx = cx + dx;
          boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
          image[offset + (c * height + y) * width + x] = inside ? scratch[(c * height + sy) * width + sx] : 0f;
        }
      }
    }
  }

  @Override
  public String toString() {
    String crop = pad > 0 ? "crop=" + pad : "";
    return crop.isEmpty() && !flip ? "none" : flip ? (crop.isEmpty() ? "flip" : crop + ",flip") : crop;
  }
}
