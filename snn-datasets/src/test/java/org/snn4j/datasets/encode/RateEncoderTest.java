package org.snn4j.datasets.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.plugins.PluginRegistry;

class RateEncoderTest {
  private static final SpikeEncoder RATE = new RateEncoder();
  private static final int PIXELS = 784;
  private static final int STEPS = 10;

  @Test
  void sameKeyGivesTheSameSpikesAndOtherKeysOthers() {
    float[] x = ramp(PIXELS);
    byte[] a = encode(x, 42L);
    assertArrayEquals(a, encode(x, 42L));
    assertFalse(Arrays.equals(a, encode(x, 43L)));
    assertFalse(Arrays.equals(a, encode(x, RateEncoder.streamKey(42L, 0, 0))));
  }

  @Test
  void spikesAreAStableFunctionOfTheKey() {
    // pinned output: a change here means every stored run's spikes changed, on purpose or not
    float[] half = new float[16];
    Arrays.fill(half, 0.5f);
    byte[] out = new byte[2 * 16];
    RATE.encode(half, 0, 16, 2, 1L, out, 0, 16);
    StringBuilder bits = new StringBuilder();
    for (byte b : out) {
      bits.append(b);
    }
    assertEquals("01101011100001101001110010010101", bits.toString());
    assertEquals(expectedBits(half, 2, 1L), bits.toString());
  }

  /** The encoder skips the draws of features that are 0 or 1; every other draw must still be the stream's. */
  @Test
  void skippedDrawsLeaveTheOthersOnTheSequentialStream() {
    float[] mixed = {0f, 0.3f, 1f, 0.7f, -0.5f, 0.5f, 1.5f, Float.NaN, 0.999f, 0f, 0.01f, 1f, 0.5f};
    byte[] out = new byte[5 * mixed.length];
    RATE.encode(mixed, 0, mixed.length, 5, 77L, out, 0, mixed.length);
    StringBuilder bits = new StringBuilder();
    for (byte b : out) {
      bits.append(b);
    }
    assertEquals(expectedBits(mixed, 5, 77L), bits.toString());
  }

  @Test
  void zeroNeverFiresAndOneAlwaysFires() {
    float[] x = new float[2 * PIXELS];
    Arrays.fill(x, PIXELS, x.length, 1f);
    byte[] out = new byte[1000 * x.length];
    RATE.encode(x, 0, x.length, 1000, 7L, out, 0, x.length);
    for (int t = 0; t < 1000; t++) {
      for (int i = 0; i < x.length; i++) {
        assertEquals(i < PIXELS ? 0 : 1, out[t * x.length + i], "step " + t + " feature " + i);
      }
    }
  }

  @Test
  void firesOnlyWhenTheIntensityIsStrictlyAboveTheDraw() {
    byte[] out = new byte[1];
    for (long key = 0; key < 200; key++) {
      float r = (mix(mix(key) + 0x9E3779B97F4A7C15L) >>> 40) * 0x1.0p-24f;
      RATE.encode(new float[] {r}, 0, 1, 1, key, out, 0, 1);
      assertEquals(0, out[0], "p == r must not fire, like PyTorch's input > rand");
      RATE.encode(new float[] {Math.nextUp(r)}, 0, 1, 1, key, out, 0, 1);
      assertEquals(1, out[0], "p just above r fires");
    }
  }

  @Test
  void firingRateMatchesTheIntensity() {
    float[] p = {0.01f, 0.1f, 0.3f, 0.5f, 0.77f, 0.99f};
    int steps = 100_000;
    byte[] out = new byte[steps * p.length];
    RATE.encode(p, 0, p.length, steps, 12345L, out, 0, p.length);
    for (int i = 0; i < p.length; i++) {
      int fired = 0;
      for (int t = 0; t < steps; t++) {
        fired += out[t * p.length + i];
      }
      double sd = Math.sqrt(steps * p[i] * (1 - p[i]));
      // five standard deviations: a correct encoder fails this once in millions of keys
      assertEquals(steps * p[i], fired, 5 * sd, "p = " + p[i]);
    }
  }

  @Test
  void batchSplitAcrossThreadsGivesTheSameBytesAsOneThread() throws Exception {
    int batch = 100;
    long seed = 2024L;
    int epoch = 3;
    int firstIndex = 5000; // samples are keyed by their index in the dataset, not in the batch
    float[] features = ramp(batch * PIXELS);
    int sampleBytes = STEPS * PIXELS;
    byte[] serial = new byte[batch * sampleBytes];
    for (int b = 0; b < batch; b++) {
      RATE.encode(features, b * PIXELS, PIXELS, STEPS, RateEncoder.streamKey(seed, epoch, firstIndex + b), serial,
          b * sampleBytes, PIXELS);
    }
    byte[] parallel = new byte[serial.length];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> odd = pool.submit(() -> encodeEvery(features, 1, batch, seed, epoch, firstIndex, parallel));
      Future<?> even = pool.submit(() -> encodeEvery(features, 0, batch, seed, epoch, firstIndex, parallel));
      odd.get();
      even.get();
    } finally {
      pool.shutdown();
    }
    assertArrayEquals(serial, parallel);
    int ones = 0;
    for (byte s : serial) {
      ones += s;
    }
    assertTrue(ones > serial.length / 4 && ones < serial.length * 3 / 4, "ones: " + ones);
  }

  @Test
  void honoursInputRangeOutputOffsetAndStride() {
    float[] x = ramp(50);
    int from = 7;
    int n = 20;
    int stride = 33;
    int outFrom = 5;
    byte[] out = new byte[outFrom + 3 * stride + 4];
    Arrays.fill(out, (byte) 9);
    RATE.encode(x, from, n, 3, 99L, out, outFrom, stride);
    byte[] dense = new byte[3 * n];
    RATE.encode(Arrays.copyOfRange(x, from, from + n), 0, n, 3, 99L, dense, 0, n);
    for (int j = 0; j < out.length; j++) {
      int rel = j - outFrom;
      int t = rel / stride;
      int i = rel % stride;
      boolean written = rel >= 0 && t < 3 && i < n;
      assertEquals(written ? dense[t * n + i] : 9, out[j], "out[" + j + "]");
    }
  }

  @Test
  void rejectsOutOfRangeArgumentsBeforeWriting() {
    byte[] out = new byte[40];
    float[] x = ramp(10);
    assertThrows(IndexOutOfBoundsException.class, () -> RATE.encode(x, 5, 10, 1, 0L, out, 0, 10));
    assertThrows(IndexOutOfBoundsException.class, () -> RATE.encode(x, 0, 10, 5, 0L, out, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> RATE.encode(x, 0, 10, -1, 0L, out, 0, 10));
    for (byte b : out) {
      assertEquals(0, b);
    }
  }

  @Test
  void streamKeysDifferForEveryChangeOfSeedEpochOrIndex() {
    Set<Long> keys = new HashSet<>();
    for (long seed = 0; seed < 4; seed++) {
      for (int epoch = 0; epoch < 50; epoch++) {
        for (int index = 0; index < 500; index++) {
          keys.add(RateEncoder.streamKey(seed, epoch, index));
        }
      }
    }
    assertEquals(4 * 50 * 500, keys.size());
    assertEquals(RateEncoder.streamKey(1, 2, 3), RateEncoder.streamKey(1, 2, 3));
    assertEquals(SpikeEncoder.streamKey(7, 8, 9), RateEncoder.streamKey(7, 8, 9));
    assertNotEquals(RateEncoder.streamKey(1, 2, 3), RateEncoder.streamKey(1, 3, 2));
  }

  @Test
  void factoryIsFoundAsRateAndTakesNoParameters() {
    PluginRegistry<SpikeEncoderFactory> factories = PluginRegistry.load(SpikeEncoderFactory.class);
    SpikeEncoderFactory factory = factories.get("RATE");
    assertTrue(factory.parameterDefaults().isEmpty());
    SpikeEncoder encoder = factory.create(PluginSpec.parse("rate"));
    assertEquals("rate", encoder.name());
    assertSame(encoder, factory.create(PluginSpec.parse("rate")));
    assertThrows(PluginException.class, () -> factory.create(new PluginSpec("rate", Map.of("p", "1"))));
  }

  private static void encodeEvery(
      float[] features, int parity, int batch, long seed, int epoch, int firstIndex, byte[] out) {
    int sampleBytes = STEPS * PIXELS;
    for (int b = parity; b < batch; b += 2) {
      RATE.encode(features, b * PIXELS, PIXELS, STEPS, RateEncoder.streamKey(seed, epoch, firstIndex + b), out,
          b * sampleBytes, PIXELS);
    }
  }

  /** The documented algorithm written out independently: SplitMix64 seeded with mix(key), 24-bit uniforms. */
  private static String expectedBits(float[] p, int steps, long key) {
    long state = mix(key);
    StringBuilder bits = new StringBuilder();
    for (int t = 0; t < steps; t++) {
      for (float f : p) {
        state += 0x9E3779B97F4A7C15L;
        float r = (mix(state) >>> 40) / 16777216f;
        bits.append(f > r ? '1' : '0');
      }
    }
    return bits.toString();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static float[] ramp(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i * 37 % 256) / 255f;
    }
    return x;
  }

  private static byte[] encode(float[] x, long key) {
    byte[] out = new byte[STEPS * x.length];
    RATE.encode(x, 0, x.length, STEPS, key, out, 0, x.length);
    return out;
  }
}
