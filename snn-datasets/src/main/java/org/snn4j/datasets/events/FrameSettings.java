package org.snn4j.datasets.events;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.snn4j.api.PluginParams;

/**
 * How events become frames: the number of frames {@code T}, how the recording is cut into them, what a frame cell
 * holds, and spatial down-sampling. The parameters every event reader takes ({@code frames}, {@code split}, {@code
 * mode}, {@code downsample}).
 *
 * @param frames the number of frames {@code T}, the sequence length
 * @param splitBy how events are assigned to frames
 * @param mode what a cell holds
 * @param downsample the spatial factor: pixel {@code (x, y)} lands in cell {@code (x / k, y / k)}
 */
public record FrameSettings(int frames, SplitBy splitBy, Mode mode, int downsample) {
  /** The most frames a sample may have. */
  public static final int MAX_FRAMES = 10_000;

  /** How the events of a sample are cut into frames (SpikingJelly's {@code split_by}). */
  public enum SplitBy {
    /** Equal event counts: frame {@code j} holds events {@code [j·⌊N/T⌋, (j+1)·⌊N/T⌋)}, the last one the rest. */
    NUMBER,
    /**
     * Equal time bins: with {@code dt = ⌊(t_last - t_first) / T⌋}, frame {@code j} holds events with {@code t -
     * t_first} in {@code [j·dt, (j+1)·dt)}, the last one everything after.
     */
    TIME
  }

  /** What one cell of a frame holds. */
  public enum Mode {
    /** 1 if any event fell in the cell, else 0. */
    SPIKE,
    /** The number of events in the cell, saturating at 255, as a feature {@code count / 255}. */
    COUNT
  }

  /** Validates the values. */
  public FrameSettings {
    if (frames < 1 || frames > MAX_FRAMES) {
      throw new IllegalArgumentException("frames must be in 1.." + MAX_FRAMES + ", got " + frames);
    }
    if (downsample < 1 || downsample > 1024) {
      throw new IllegalArgumentException("downsample must be in 1..1024, got " + downsample);
    }
    if (splitBy == null || mode == null) {
      throw new IllegalArgumentException("splitBy and mode are required");
    }
  }

  /** The parameter defaults for a reader, with {@code frames} defaulting to {@code defaultFrames}. */
  public static Map<String, String> defaults(int defaultFrames) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("frames", Integer.toString(defaultFrames));
    d.put("split", "number");
    d.put("mode", "spike");
    d.put("downsample", "1");
    return d;
  }

  /**
   * Reads the settings from a reader's parameters.
   *
   * @throws org.snn4j.api.PluginException naming the parameter if a value is out of range
   */
  public static FrameSettings from(String plugin, PluginParams params) {
    PluginParams p = params;
    return new FrameSettings(
        p.getIntIn("frames", 1, MAX_FRAMES),
        SplitBy.valueOf(p.getChoice("split", "number", "time").toUpperCase(Locale.ROOT)),
        Mode.valueOf(p.getChoice("mode", "spike", "count").toUpperCase(Locale.ROOT)),
        p.getIntIn("downsample", 1, 1024));
  }

  /** The frame width for a sensor {@code width} pixels wide. */
  public int cellsAcross(int width) {
    return (width + downsample - 1) / downsample;
  }

  @Override
  public String toString() {
    return "frames=" + frames + ",split=" + splitBy.name().toLowerCase(Locale.ROOT) + ",mode="
        + mode.name().toLowerCase(Locale.ROOT) + ",downsample=" + downsample;
  }
}
