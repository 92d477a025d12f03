package org.snn4j.datasets.events;

import java.util.Arrays;

/**
 * Simulates the N-MNIST recording of a still grey image (Orchard et al., 2015): an event camera looking at the image
 * moves in three small saccades that trace a triangle and return to the start, 100 ms each, and each of its pixels
 * emits an event whenever the log intensity it sees has changed by its contrast threshold since its last event (ON
 * for brighter, OFF for darker).
 *
 * <p>The model, step by step:
 *
 * <ul>
 *   <li>the image ({@code rows × cols}, at most 28×28) is placed in the 34×34 sensor with its top-left corner moving
 *       along {@code (1,5) → (3,1) → (5,5) → (1,5)} pixels at constant speed in each saccade;
 *   <li>the log image {@code ln(v/255 + ε)}, {@code ε = 0.05} (the monitor's black is not black to a camera), is
 *       sampled bilinearly at each pixel's position every {@code stepMicros} µs; outside the image it is {@code ln ε};
 *   <li>pixel {@code j} has its own threshold {@code C_j = C · (1 + spread · g_j)}, {@code g_j} a fixed
 *       pseudo-normal draw from {@code (seed, j)} (sensor mismatch), at least {@code C/4};
 *   <li>each pixel keeps the level of its last event; while the log intensity is {@code C_j} or more above it, an ON
 *       event is emitted and the level raised by {@code C_j} (OFF alike below), stamped at the time the linear
 *       interpolation within the step crosses that level, truncated to whole µs;
 *   <li>events are sorted by time, then pixel ({@code y·34 + x}), then polarity.
 * </ul>
 *
 * <p>Everything is float arithmetic in a fixed order plus {@link StrictMath} logarithms, so the events are the same
 * on every JDK. Not modelled: noise events, refractory periods, the ATIS's exposure measurements. Immutable and
 * thread-safe; {@link #simulate} allocates only scratch arrays per call.
 */
public final class SaccadeSimulator {
  /** The sensor's width and height. */
  public static final int SENSOR = NmnistReader.SENSOR;

  /** The duration of one saccade, µs. */
  public static final int SACCADE_MICROS = 100_000;

  private static final float EPSILON = 0.05f;
  private static final float[][] PATH = {{1, 5}, {3, 1}, {5, 5}, {1, 5}};

  private final float threshold;
  private final float spread;
  private final long seed;
  private final int stepMicros;
  private final float[] pixelThreshold;

  /**
   * @param threshold the contrast threshold {@code C} in log-intensity units, in (0, 10]
   * @param spread the relative spread of the per-pixel thresholds, in [0, 1]
   * @param seed chooses the per-pixel thresholds (the same sensor for every image)
   * @param stepMicros the simulation step in µs, dividing {@value #SACCADE_MICROS}
   */
  public SaccadeSimulator(double threshold, double spread, long seed, int stepMicros) {
    if (!(threshold > 0 && threshold <= 10) || !(spread >= 0 && spread <= 1)) {
      throw new IllegalArgumentException(
          "threshold must be in (0, 10] and spread in [0, 1], got " + threshold + ", " + spread);
    }
    if (stepMicros < 1 || SACCADE_MICROS % stepMicros != 0) {
      throw new IllegalArgumentException("stepMicros must divide " + SACCADE_MICROS + ", got " + stepMicros);
    }
    this.threshold = (float) threshold;
    this.spread = (float) spread;
    this.seed = seed;
    this.stepMicros = stepMicros;
    this.pixelThreshold = new float[SENSOR * SENSOR];
    for (int j = 0; j < pixelThreshold.length; j++) {
      // Irwin-Hall: the sum of 12 uniforms minus 6 is close to a standard normal, and exact to reproduce
      long state = mix(seed ^ (0x632BE59BD9B4E019L * (j + 1)));
      float g = -6f;
      for (int k = 0; k < 12; k++) {
        state += 0x9E3779B97F4A7C15L;
        g += (mix(state) >>> 40) * 0x1.0p-24f;
      }
      pixelThreshold[j] = Math.max(this.threshold / 4, this.threshold * (1 + this.spread * g));
    }
  }

  /**
   * The default model: {@code C = 0.5}, which gives about 3,900 events per Fashion-MNIST image (N-MNIST has about
   * 4,000 per digit), spread 0.1, seed 0, 1 ms steps.
   */
  public static SaccadeSimulator standard() {
    return new SaccadeSimulator(0.5, 0.1, 0, 1000);
  }

  /** The contrast threshold {@code C}. */
  public double threshold() {
    return threshold;
  }

  /** The relative spread of the per-pixel thresholds. */
  public double spread() {
    return spread;
  }

  /** The seed of the per-pixel thresholds. */
  public long seed() {
    return seed;
  }

  /** The simulation step, µs. */
  public int stepMicros() {
    return stepMicros;
  }

  /**
   * Simulates the recording of one image, appending its events to {@code out} (cleared first), in time order, all
   * within 300 ms.
   *
   * @param pixels unsigned bytes, row-major, at {@code pixels[offset ..]}
   * @param rows image height, 1..28
   * @param cols image width, 1..28
   */
  public void simulate(byte[] pixels, int offset, int rows, int cols, EventBuffer out) {
    if (rows < 1 || cols < 1 || rows > SENSOR - 6 || cols > SENSOR - 6) {
      throw new IllegalArgumentException("image must be 1..28 x 1..28, got " + rows + "x" + cols);
    }
    java.util.Objects.checkFromIndexSize(offset, rows * cols, pixels.length);
    out.clear();
    float background = (float) StrictMath.log(EPSILON);
    // the log image with a one-pixel border of background, so bilinear sampling needs no bounds tests inside
    int w = cols + 2;
    int h = rows + 2;
    float[] log = new float[w * h];
    Arrays.fill(log, background);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        log[(r + 1) * w + c + 1] = (float) StrictMath.log((pixels[offset + r * cols + c] & 0xff) / 255.0 + EPSILON);
      }
    }
    int n = SENSOR * SENSOR;
    float[] level = new float[n];
    float[] last = new float[n];
    float[] now = new float[n];
    sample(log, w, h, PATH[0][0], PATH[0][1], level);
    System.arraycopy(level, 0, last, 0, n);
    long[] keys = new long[64];
    int stepsPerSaccade = SACCADE_MICROS / stepMicros;
    for (int s = 0; s < 3; s++) {
      float[] from = PATH[s];
      float[] to = PATH[s + 1];
      for (int k = 1; k <= stepsPerSaccade; k++) {
        float f = (float) k / stepsPerSaccade;
        sample(log, w, h, from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f, now);
        long stepStart = (long) s * SACCADE_MICROS + (long) (k - 1) * stepMicros;
        int count = 0;
        for (int j = 0; j < n; j++) {
          float c = pixelThreshold[j];
          float before = last[j];
          float after = now[j];
          float delta = after - before;
          while (after - level[j] >= c) {
            level[j] += c;
            keys = grow(keys, count);
            keys[count++] = key(stepStart + crossing(level[j], before, delta), j, 1);
          }
          while (level[j] - after >= c) {
            level[j] -= c;
            keys = grow(keys, count);
            keys[count++] = key(stepStart + crossing(level[j], before, delta), j, 0);
          }
          last[j] = after;
        }
        Arrays.sort(keys, 0, count);
        for (int e = 0; e < count; e++) {
          long key = keys[e];
          int j = (int) (key >>> 1 & 0x7FF);
          out.add(j % SENSOR, j / SENSOR, (int) (key & 1), key >>> 12);
        }
      }
    }
  }

  /** The µs within a step at which the interpolated log intensity crosses {@code target}. */
  private long crossing(float target, float before, float delta) {
    float f = delta == 0f ? 1f : (target - before) / delta;
    f = Math.max(0f, Math.min(1f, f));
    return Math.min(stepMicros - 1, (long) (f * stepMicros));
  }

  private static long key(long micros, int pixel, int polarity) {
    return micros << 12 | (long) pixel << 1 | polarity;
  }

  private static long[] grow(long[] keys, int count) {
    return count < keys.length ? keys : Arrays.copyOf(keys, 2 * keys.length);
  }

  /** Bilinear samples of the bordered log image with its top-left image pixel at sensor position {@code (ox, oy)}. */
  private static void sample(float[] log, int w, int h, float ox, float oy, float[] out) {
    for (int y = 0; y < SENSOR; y++) {
      // image coordinate of this sensor row, +1 for the border
      float iy = y - oy + 1;
      for (int x = 0; x < SENSOR; x++) {
        float ix = x - ox + 1;
        out[y * SENSOR + x] = bilinear(log, w, h, ix, iy);
      }
    }
  }

  private static float bilinear(float[] log, int w, int h, float ix, float iy) {
    if (ix <= 0 || iy <= 0 || ix >= w - 1 || iy >= h - 1) {
      return log[0];
    }
    int x0 = (int) ix;
    int y0 = (int) iy;
    float fx = ix - x0;
    float fy = iy - y0;
    int a = y0 * w + x0;
    float top = log[a] + (log[a + 1] - log[a]) * fx;
    float bottom = log[a + w] + (log[a + w + 1] - log[a + w]) * fx;
    return top + (bottom - top) * fy;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
