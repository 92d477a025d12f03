package org.snn4j.datasets.events;

import java.util.Arrays;

/**
 * Integrates one sample's events into {@code T} frames of shape {@code [2][H'][W']} (polarity, row, column; OFF is
 * channel 0, ON channel 1), the layout of SpikingJelly's {@code integrate_events_segment_to_frame}, with {@code H' =
 * ⌈H/k⌉} and {@code W' = ⌈W/k⌉} for down-sampling factor {@code k}.
 *
 * <p>Frames are cut as SpikingJelly's {@code split_by} does (see {@link FrameSettings.SplitBy}), including its corner
 * cases: with fewer events than frames ({@code split=number}) or a recording shorter than {@code T} microseconds
 * ({@code split=time}), every event lands in the last frame. Events must be in time order (readers check that).
 * Immutable; the output array is the caller's.
 */
public final class FrameIntegrator {
  private final FrameSettings settings;
  private final int sensorWidth;
  private final int sensorHeight;
  private final int width;
  private final int height;

  /**
   * @param settings the frame settings
   * @param sensorWidth the sensor's width in pixels; event x must be below it
   * @param sensorHeight the sensor's height in pixels; event y must be below it
   */
  public FrameIntegrator(FrameSettings settings, int sensorWidth, int sensorHeight) {
    if (sensorWidth < 1 || sensorHeight < 1 || sensorWidth > 32768 || sensorHeight > 32768) {
      throw new IllegalArgumentException("sensor size must be in 1..32768, got " + sensorWidth + "x" + sensorHeight);
    }
    this.settings = settings;
    this.sensorWidth = sensorWidth;
    this.sensorHeight = sensorHeight;
    this.width = settings.cellsAcross(sensorWidth);
    this.height = settings.cellsAcross(sensorHeight);
  }

  /** The settings. */
  public FrameSettings settings() {
    return settings;
  }

  /** Frame width after down-sampling. */
  public int width() {
    return width;
  }

  /** Frame height after down-sampling. */
  public int height() {
    return height;
  }

  /** Cells per frame: {@code 2 · H' · W'}, the dataset's feature count. */
  public int frameSize() {
    return 2 * height * width;
  }

  /** Cells per sample: {@code T · frameSize()}. */
  public long sampleSize() {
    return (long) settings.frames() * frameSize();
  }

  /**
   * Writes the event counts of {@code events} to {@code counts[0 .. sampleSize())}, saturating at 255 (unsigned
   * bytes), cell {@code j·frameSize + p·H'·W' + (y/k)·W' + x/k} for an event in frame {@code j}.
   *
   * @throws IllegalArgumentException if an event lies outside the sensor
   */
  public void integrate(EventBuffer events, byte[] counts) {
    int cells = Math.toIntExact(sampleSize());
    Arrays.fill(counts, 0, cells, (byte) 0);
    int n = events.size();
    if (n == 0) {
      return;
    }
    int frames = settings.frames();
    int k = settings.downsample();
    int plane = height * width;
    int frameSize = 2 * plane;
    long t0 = events.t(0);
    long span = events.t(n - 1) - t0;
    long perFrame = settings.splitBy() == FrameSettings.SplitBy.NUMBER ? n / frames : span / frames;
    for (int e = 0; e < n; e++) {
      int x = events.x(e);
      int y = events.y(e);
      if (x < 0 || y < 0 || x >= sensorWidth || y >= sensorHeight) {
        throw new IllegalArgumentException(
            "event " + e + " at (" + x + ", " + y + ") is outside the " + sensorWidth + "x" + sensorHeight + " sensor");
      }
      long position = settings.splitBy() == FrameSettings.SplitBy.NUMBER ? e : events.t(e) - t0;
      int frame = perFrame == 0 ? frames - 1 : (int) Math.min(frames - 1, position / perFrame);
      int cell = frame * frameSize + events.p(e) * plane + (y / k) * width + x / k;
      if (counts[cell] != (byte) 0xff) {
        counts[cell]++;
      }
    }
  }
}
