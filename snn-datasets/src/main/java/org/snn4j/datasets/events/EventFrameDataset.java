package org.snn4j.datasets.events;

import java.util.Locale;
import java.util.Objects;
import org.snn4j.api.Dataset;

/**
 * Event-camera samples integrated into frames and held in memory: a sequence {@link Dataset} with {@link
 * #timesteps()} {@code = T} frames of {@code 2·H'·W'} features each. In {@link FrameSettings.Mode#SPIKE} mode a cell
 * is one bit (the full N-MNIST training set at T=10 takes 174 MB); in {@link FrameSettings.Mode#COUNT} mode one byte,
 * eight times as much.
 *
 * <p>Filled by readers through {@link #put} from several threads, each sample by one thread, before the dataset is
 * published; read-only and thread-safe after that.
 */
public final class EventFrameDataset implements Dataset {
  private final String source;
  private final FrameIntegrator layout;
  private final int size;
  private final int classCount;
  private final int frameSize;
  private final int frames;
  private final int cellsPerSample;
  private final boolean counts;
  // spike mode: one bit per cell, each sample starting on a fresh word so concurrent puts never share one
  private final long[] bits;
  private final int wordsPerSample;
  // count mode: one unsigned byte per cell
  private final byte[] cellCounts;
  private final byte[] labels;

  private EventFrameDataset(String source, FrameIntegrator layout, int size, int classCount) {
    this.source = source;
    this.layout = layout;
    this.size = size;
    this.classCount = classCount;
    this.frameSize = layout.frameSize();
    this.frames = layout.settings().frames();
    this.cellsPerSample = Math.toIntExact(layout.sampleSize());
    this.counts = layout.settings().mode() == FrameSettings.Mode.COUNT;
    this.wordsPerSample = (cellsPerSample + 63) >>> 6;
    this.bits = counts ? null : new long[Math.toIntExact((long) size * wordsPerSample)];
    this.cellCounts = counts ? new byte[Math.toIntExact((long) size * cellsPerSample)] : null;
    this.labels = new byte[size];
  }

  /**
   * An empty dataset of {@code size} samples laid out by {@code layout}, to be filled with {@link #put}.
   *
   * @throws IllegalArgumentException if the frames would not fit in one Java array or would take more than half
   *     the heap; the message says how to shrink them
   */
  public static EventFrameDataset allocate(String source, FrameIntegrator layout, int size, int classCount) {
    if (size < 0 || classCount < 1 || classCount > 256) {
      throw new IllegalArgumentException("size must be >= 0 and classCount in 1..256, got " + size + ", " + classCount);
    }
    long cells = layout.sampleSize();
    boolean countMode = layout.settings().mode() == FrameSettings.Mode.COUNT;
    long bytes = countMode ? cells * size : ((cells + 63) >>> 6) * 8L * size;
    long limit = Runtime.getRuntime().maxMemory() / 2;
    long arrayLimit = countMode ? Integer.MAX_VALUE - 8L : 8L * (Integer.MAX_VALUE - 8L);
    if (cells > Integer.MAX_VALUE - 8L || bytes > arrayLimit || bytes > limit) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: %,d samples of %d frames x %d cells (%s) need %,d MB, more than %s; use fewer frames, a larger"
              + " downsample%s, or a larger heap (-Xmx)",
          source, size, layout.settings().frames(), layout.frameSize(), layout.settings(), bytes >> 20,
          bytes > arrayLimit ? "one Java array holds" : "half the heap (" + (limit >> 20) + " MB)",
          countMode ? ", mode=spike" : ""));
    }
    return new EventFrameDataset(source, layout, size, classCount);
  }

  /**
   * Stores sample {@code index}: its integrated {@code counts} (as {@link FrameIntegrator#integrate} writes them)
   * and its label. Each index must be put by one thread, before the dataset is shared.
   */
  public void put(int index, byte[] sampleCounts, int label) {
    Objects.checkIndex(index, size);
    if (label < 0 || label >= classCount) {
      throw new IllegalArgumentException("label " + label + " is not in 0.." + (classCount - 1));
    }
    labels[index] = (byte) label;
    if (counts) {
      System.arraycopy(sampleCounts, 0, cellCounts, index * cellsPerSample, cellsPerSample);
      return;
    }
    int base = index * wordsPerSample;
    for (int w = 0; w < wordsPerSample; w++) {
      long word = 0;
      int c0 = w << 6;
      int c1 = Math.min(cellsPerSample, c0 + 64);
      for (int c = c0; c < c1; c++) {
        if (sampleCounts[c] != 0) {
          word |= 1L << (c - c0);
        }
      }
      bits[base + w] = word;
    }
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public int size() {
    return size;
  }

  /** {@code 2 · H' · W'}: the cells of one frame. */
  @Override
  public int[] sampleShape() {
    return new int[] {2, layout.height(), layout.width()};
  }

  @Override
  public int featureCount() {
    return frameSize;
  }

  /** {@code T}, the frames per sample. */
  @Override
  public int timesteps() {
    return frames;
  }

  @Override
  public int classCount() {
    return classCount;
  }

  /** The frame layout: settings, frame width and height. */
  public FrameIntegrator layout() {
    return layout;
  }

  /**
   * Writes the {@code T · 2·H'·W'} cells of sample {@code index}, frame after frame: 0 or 1 in spike mode, {@code
   * count / 255} in count mode.
   */
  @Override
  public void features(int index, float[] dst, int offset) {
    Objects.checkIndex(index, size);
    Objects.checkFromIndexSize(offset, cellsPerSample, dst.length);
    if (counts) {
      int base = index * cellsPerSample;
      for (int c = 0; c < cellsPerSample; c++) {
        dst[offset + c] = (cellCounts[base + c] & 0xff) / 255f;
      }
      return;
    }
    int base = index * wordsPerSample;
    for (int w = 0; w < wordsPerSample; w++) {
      long word = bits[base + w];
      int c0 = w << 6;
      int c1 = Math.min(cellsPerSample, c0 + 64);
      for (int c = c0; c < c1; c++) {
        dst[offset + c] = (word >>> (c - c0) & 1L) != 0 ? 1f : 0f;
      }
    }
  }

  /** The raw cell of sample {@code index}: 0/1 in spike mode, the count (0..255) in count mode. */
  public int cell(int index, int cell) {
    Objects.checkIndex(index, size);
    Objects.checkIndex(cell, cellsPerSample);
    if (counts) {
      return cellCounts[index * cellsPerSample + cell] & 0xff;
    }
    return (int) (bits[index * wordsPerSample + (cell >>> 6)] >>> (cell & 63) & 1L);
  }

  @Override
  public int label(int index) {
    Objects.checkIndex(index, size);
    return labels[index] & 0xff;
  }

  @Override
  public String toString() {
    return "EventFrameDataset[" + source + ", " + size + " x " + frames + " x 2x" + layout.height() + "x"
        + layout.width() + ", " + layout.settings() + "]";
  }
}
