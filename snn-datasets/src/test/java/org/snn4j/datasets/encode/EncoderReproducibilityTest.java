package org.snn4j.datasets.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.plugins.PluginRegistry;

/** Every built-in encoder, through the registry: reproducible with 1 and 2 threads, seed-dependent where random. */
class EncoderReproducibilityTest {
  private static final PluginRegistry<SpikeEncoderFactory> REGISTRY = PluginRegistry.load(SpikeEncoderFactory.class);
  private static final int N = 97;
  private static final int T = 8;
  private static final int BATCH = 37;

  private static SpikeEncoder make(String spec) {
    PluginSpec s = PluginSpec.parse(spec);
    return REGISTRY.get(s.name()).create(s);
  }

  private static float[][] samples(SpikeEncoder enc) {
    float[][] x = new float[BATCH][];
    for (int b = 0; b < BATCH; b++) {
      float[] one = new float[enc.readsFrames() ? T * N : N];
      for (int i = 0; i < one.length; i++) {
        one[i] = ((i * 31 + b * 17) % 101) / 100f;
      }
      x[b] = one;
    }
    return x;
  }

  @Test
  void allSixEncodersAreRegistered() {
    assertTrue(REGISTRY.names().containsAll(List.of("rate", "poisson", "latency", "delta", "direct", "frames")),
        REGISTRY.names().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rate", "poisson", "poisson:max-rate=300,dt=2", "latency", "latency:kind=log",
      "delta", "delta:off=true,threshold=0.05", "delta:input=frames,off=true", "frames", "frames:threshold=0.5"})
  void sameSeedGivesTheSameSpikesWithOneAndTwoThreads(String spec) throws Exception {
    SpikeEncoder enc = make(spec);
    float[][] x = samples(enc);
    byte[] one = EncoderTesting.encodeBatch(enc, x, N, T, 11, 3, 1);
    byte[] two = EncoderTesting.encodeBatch(enc, x, N, T, 11, 3, 2);
    assertArrayEquals(one, two, spec);
    assertArrayEquals(one, EncoderTesting.encodeBatch(enc, x, N, T, 11, 3, 2), spec + " again");
    for (byte b : one) {
      assertTrue(b == 0 || b == 1, spec + " writes only 0 and 1");
    }
    int ones = 0;
    for (byte b : one) {
      ones += b;
    }
    assertTrue(ones > 0, spec + " fires at all");
    boolean random = spec.startsWith("rate") || spec.startsWith("poisson");
    byte[] otherSeed = EncoderTesting.encodeBatch(enc, x, N, T, 12, 3, 2);
    byte[] otherEpoch = EncoderTesting.encodeBatch(enc, x, N, T, 11, 4, 2);
    assertEquals(!random, Arrays.equals(one, otherSeed), spec + ": the seed matters iff the code is random");
    assertEquals(!random, Arrays.equals(one, otherEpoch), spec + ": the epoch matters iff the code is random");
  }

  @Test
  void directEncodingIsReproducibleToo() {
    SpikeEncoder enc = make("direct:gain=2");
    assertTrue(enc.producesCurrents());
    float[] x = EncoderTesting.ramp(N);
    float[] a = new float[T * N];
    float[] b = new float[T * N];
    enc.encodeCurrents(x, 0, N, T, 1, a, 0, N);
    enc.encodeCurrents(x, 0, N, T, 2, b, 0, N);
    assertArrayEquals(a, b);
  }

  @Test
  void unknownParametersAndBadValuesNameTheParameter() {
    Map<String, String> cases = Map.of(
        "poisson:rate=3", "unknown parameter 'rate'",
        "poisson:max-rate=-1", "'max-rate'",
        "latency:kind=cubic", "'kind'",
        "latency:kind=log,threshold=0", "'threshold'",
        "delta:off=maybe", "'off'",
        "delta:input=video", "'input'",
        "frames:threshold=1", "'threshold'",
        "direct:gain=x", "'gain'");
    cases.forEach((spec, fragment) -> {
      Exception e = assertThrows(RuntimeException.class, () -> make(spec), spec);
      assertTrue(e.getMessage().contains(fragment), spec + ": " + e.getMessage());
    });
  }

  @Test
  void everyEncoderChecksItsOutputBoundsBeforeWriting() {
    for (String spec : List.of("rate", "poisson", "latency", "delta", "delta:off=true", "frames")) {
      SpikeEncoder enc = make(spec);
      float[] x = new float[enc.readsFrames() ? T * N : N];
      Arrays.fill(x, 1f);
      byte[] small = new byte[T * enc.outputWidth(N) - 1];
      assertThrows(IndexOutOfBoundsException.class, () -> enc.encode(x, 0, N, T, 0, small, 0, enc.outputWidth(N)),
          spec);
      for (byte b : small) {
        assertEquals(0, b, spec + " wrote before failing");
      }
      assertThrows(IndexOutOfBoundsException.class,
          () -> enc.encode(new float[N - 1], 0, N, T, 0, new byte[T * 2 * N], 0, 2 * N), spec + " short input");
    }
  }
}
