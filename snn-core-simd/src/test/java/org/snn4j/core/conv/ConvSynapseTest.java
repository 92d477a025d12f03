package org.snn4j.core.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Activation;
import org.snn4j.core.parallel.WorkerPool;

/** {@link ConvSynapse} gives the same bits with any number of threads, for spike and analog input. */
class ConvSynapseTest {

  private record Result(float[] current, float[] dW, float[] db, float[] dx) {}

  private static Result run(ConvGeometry g, int threads, boolean spikes, Kernels kernels, Tuning tuning) {
    Random r = new Random(5);
    int rows = 19; // more rows than the dense weight gradient has groups
    int words = (g.inputSize() + 63) / 64;
    long[] bits = new long[rows * words];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = r.nextLong() & r.nextLong() & r.nextLong(); // about 1/8 density
    }
    for (int q = 0; q < rows; q++) { // no bits above the row's size
      int tail = g.inputSize() % 64;
      if (tail != 0) {
        bits[q * words + words - 1] &= (1L << tail) - 1;
      }
    }
    float[] analog = ConvReference.floats(r, rows * g.inputSize(), 1f, 0.6);
    ConvSynapse s = new ConvSynapse(g, kernels);
    float[] w = ConvReference.floats(r, g.weightSize(), 0.3f, 0);
    System.arraycopy(w, 0, s.weight(), 0, w.length);
    float[] gu = ConvReference.floats(r, rows * g.outputSize(), 1f, 0.5);
    float[] current = new float[rows * g.outputSize()];
    float[] dx = new float[rows * g.inputSize()];
    ConvSynapse.Scratch scratch = s.newScratch(tuning);
    scratch.ensure(rows, 1);
    Activation input = spikes ? new Activation().setBits(bits) : new Activation().setAnalog(analog);
    try (WorkerPool pool = new WorkerPool(threads)) {
      for (int repeat = 0; repeat < 2; repeat++) { // a second pass over reused state gives the same
        s.forward(input, current, scratch, pool);
        s.backward(input, gu, null, dx, scratch, pool);
      }
    }
    return new Result(current, s.weightGradient().clone(), s.biasGradient().clone(), dx);
  }

  /** Both paths (event-driven lists: convDenseAbove 1; dense im2col and GEMM: 0) and the default's per-image choice. */
  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.1, 1.0})
  void anyThreadCountGivesTheSameBits(double denseAbove) {
    Kernels vector = KernelSelection.vector();
    Tuning tuning = Tuning.system().withConvDenseAbove(denseAbove);
    for (ConvGeometry g : new ConvGeometry[] {
        new ConvGeometry(3, 9, 7, 17, 3, 1, 1), new ConvGeometry(32, 6, 6, 32, 3, 2, 1),
        new ConvGeometry(1, 8, 9, 6, 3, 1, 1)}) { // one channel: 2 and 3 threads split the taps
      for (boolean spikes : new boolean[] {true, false}) {
        Result one = run(g, 1, spikes, KernelSelection.scalar(), tuning);
        assertNotEquals(0f, one.dW()[0] + one.dW()[one.dW().length - 1], "the check has gradients to compare");
        for (int threads : new int[] {1, 2, 3}) {
          Result other = run(g, threads, spikes, vector, tuning);
          String what = g + " spikes " + spikes + ", " + threads + " threads";
          assertArrayEquals(one.current(), other.current(), what);
          assertArrayEquals(one.dW(), other.dW(), what);
          assertArrayEquals(one.db(), other.db(), what);
          assertArrayEquals(one.dx(), other.dx(), what);
        }
      }
    }
  }

  @Test
  void theDensePathsAgreeWithTheEventDrivenOnesToRounding() {
    Kernels vector = KernelSelection.vector();
    for (ConvGeometry g : new ConvGeometry[] {
        new ConvGeometry(3, 9, 7, 17, 3, 1, 1), new ConvGeometry(32, 6, 6, 32, 3, 2, 1)}) {
      Result events = run(g, 2, false, vector, Tuning.system().withConvDenseAbove(1.0));
      Result dense = run(g, 2, false, vector, Tuning.system().withConvDenseAbove(0.0));
      assertClose(events.current(), dense.current(), g + " forward");
      assertClose(events.dx(), dense.dx(), g + " input gradient");
      assertClose(events.dW(), dense.dW(), g + " weight gradient");
      assertArrayEquals(events.db(), dense.db(), g + " the bias gradient has one path");
      assertFalse(java.util.Arrays.equals(events.dx(), dense.dx()), g + ": the two input-gradient paths really ran");
      assertFalse(java.util.Arrays.equals(events.dW(), dense.dW()), g + ": the two weight-gradient paths really ran");
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    float scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, scale), what + " at " + i);
    }
  }
}
