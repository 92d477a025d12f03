package org.snn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;

/**
 * What a spike encoder must satisfy to work in training: it is found by name, writes only 0 or 1 and only into the
 * cells it was given, leaves its input alone, and its spikes are a pure function of {@code (features, timesteps,
 * key)} (the same seed must give the same spikes whatever the thread count or batch split), also when several
 * threads share one instance. Extend it and return your factory from {@link #factory()}.
 */
public abstract class SpikeEncoderContractTestCase extends PluginFactoryContractTestCase<SpikeEncoderFactory> {
  private static final int FEATURES = 37;

  /** The factory under test, as ServiceLoader would create it. */
  @Override
  protected abstract SpikeEncoderFactory factory();

  @Override
  final PluginKind<SpikeEncoderFactory> kind() {
    return PluginKind.ENCODER;
  }

  /** The parameters every property is checked with, each merged over the defaults; the default is the defaults. */
  protected List<Map<String, String>> parameterSets() {
    return List.of(Map.of());
  }

  /** Parameters the factory must refuse with a {@code PluginException} that names the parameter. */
  @Override
  protected List<Map<String, String>> invalidParameterSets() {
    return List.of();
  }

  /** Whether an all-zero input never fires (true of rate and latency codes); override if yours does fire. */
  protected boolean silentForZeroInput() {
    return true;
  }

  /** The encoder for {@code params} given over the defaults, made as the command line makes it. */
  protected final SpikeEncoder encoder(Map<String, String> params) {
    SpikeEncoderFactory f = factory();
    SpikeEncoder e = f.create(new PluginSpec(f.name(), params));
    assertNotNull(e, "create(" + params + ") returned null");
    return e;
  }

  private List<SpikeEncoder> encoders() {
    List<SpikeEncoder> list = new ArrayList<>();
    parameterSets().forEach(p -> list.add(encoder(p)));
    return list;
  }

  @Test
  void encoderCarriesFactoryName() {
    for (SpikeEncoder e : encoders()) {
      assertEquals(factory().name(), e.name(), "the encoder's name() must be its factory's name");
    }
  }

  @Test
  void spikesAreZeroOrOne() {
    for (SpikeEncoder e : encoders()) {
      for (int steps : new int[] {1, 4, 16}) {
        byte[] out = encode(e, features(1), steps, 5);
        for (int i = 0; i < out.length; i++) {
          assertTrue(out[i] == 0 || out[i] == 1, e.name() + ": spike " + i + " is " + out[i] + ", not 0 or 1");
        }
      }
    }
  }

  @Test
  void sameFeaturesStepsAndKeyGiveTheSameSpikes() {
    for (Map<String, String> params : parameterSets()) {
      float[] x = features(2);
      byte[] first = encode(encoder(params), x, 8, 42);
      assertArrayEquals(first, encode(encoder(params), x, 8, 42), "a second encoder of the same spec differs");
      SpikeEncoder e = encoder(params);
      encode(e, features(3), 8, 7); // state left behind by another sample must not matter
      assertArrayEquals(first, encode(e, x, 8, 42), "spikes must depend only on (features, timesteps, key)");
    }
  }

  @Test
  void writesOnlyItsCellsAndLeavesTheInputAlone() {
    for (SpikeEncoder e : encoders()) {
      int steps = 5;
      int from = 3;
      int outFrom = 4;
      int stride = FEATURES + 6;
      float[] x = new float[from + FEATURES + 2];
      System.arraycopy(features(4), 0, x, from, FEATURES);
      float[] before = x.clone();
      byte[] out = new byte[outFrom + (steps - 1) * stride + FEATURES + 5];
      Arrays.fill(out, (byte) 7);
      e.encode(x, from, FEATURES, steps, 99, out, outFrom, stride);
      assertArrayEquals(before, x, e.name() + " modified its input features");
      byte[] packed = new byte[steps * FEATURES];
      for (int i = 0; i < out.length; i++) {
        int rel = i - outFrom;
        boolean mine = rel >= 0 && rel % stride < FEATURES && rel / stride < steps;
        if (mine) {
          packed[rel / stride * FEATURES + rel % stride] = out[i];
        } else {
          assertEquals(7, out[i], e.name() + " wrote outside its cells, at index " + i);
        }
      }
      float[] plain = Arrays.copyOfRange(x, from, from + FEATURES);
      assertArrayEquals(encode(e, plain, steps, 99), packed, e.name() + ": offsets and stride changed the spikes");
    }
  }

  @Test
  void noStepsOrNoFeaturesWriteNothing() {
    for (SpikeEncoder e : encoders()) {
      byte[] out = new byte[10];
      Arrays.fill(out, (byte) 7);
      e.encode(features(5), 0, FEATURES, 0, 1, out, 0, FEATURES);
      e.encode(features(5), 0, 0, 4, 1, out, 0, 0);
      for (byte b : out) {
        assertEquals(7, b, e.name() + " wrote although it had no steps or no features");
      }
    }
  }

  @Test
  void zeroInputNeverFires() {
    if (!silentForZeroInput()) {
      return;
    }
    for (SpikeEncoder e : encoders()) {
      byte[] out = encode(e, new float[FEATURES], 16, 3);
      for (byte b : out) {
        assertEquals(0, b, e.name() + " fired for an all-zero input; override silentForZeroInput() if intended");
      }
    }
  }

  @Test
  void threadsSharingOneEncoderGetTheSameSpikes() throws Exception {
    for (SpikeEncoder e : encoders()) {
      int samples = 64;
      byte[][] expected = new byte[samples][];
      for (int s = 0; s < samples; s++) {
        expected[s] = encode(e, features(100 + s), 6, 1000 + s);
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<byte[]>> results = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
          int sample = s;
          results.add(pool.submit(() -> encode(e, features(100 + sample), 6, 1000 + sample)));
        }
        for (int s = 0; s < samples; s++) {
          assertArrayEquals(expected[s], results.get(s).get(), e.name() + ": sample " + s + " differs across threads");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static byte[] encode(SpikeEncoder e, float[] x, int steps, long key) {
    byte[] out = new byte[steps * x.length];
    e.encode(x, 0, x.length, steps, key, out, 0, x.length);
    return out;
  }

  /** Intensities in [0, 1], including exact 0 and 1. */
  private static float[] features(long seed) {
    Random r = new Random(seed);
    float[] x = new float[FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = i == 0 ? 0f : i == 1 ? 1f : r.nextFloat();
    }
    return x;
  }
}
