package org.snn4j.core.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Activation;
import org.snn4j.core.parallel.WorkerPool;

/** {@link ConvSynapse} gives the same bits with any number of threads, for spike and analog input. */
class ConvSynapseTest {

  private record Result(float[] current, float[] dW, float[] db, float[] dx) {}

  private static Result run(ConvGeometry g, int threads, boolean spikes, Kernels kernels) {
    Random r = new Random(5);
    int rows = 7;
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
    ConvSynapse.Scratch scratch = s.newScratch(Tuning.system());
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

  @Test
  void anyThreadCountGivesTheSameBits() {
    Kernels vector = KernelSelection.vector();
    for (ConvGeometry g : new ConvGeometry[] {
        new ConvGeometry(3, 9, 7, 17, 3, 1, 1), new ConvGeometry(32, 6, 6, 32, 3, 2, 1)}) {
      for (boolean spikes : new boolean[] {true, false}) {
        Result one = run(g, 1, spikes, KernelSelection.scalar());
        assertNotEquals(0f, one.dW()[0] + one.dW()[one.dW().length - 1], "the check has gradients to compare");
        for (int threads : new int[] {1, 2, 3}) {
          Result other = run(g, threads, spikes, vector);
          String what = g + " spikes " + spikes + ", " + threads + " threads";
          assertArrayEquals(one.current(), other.current(), what);
          assertArrayEquals(one.dW(), other.dW(), what);
          assertArrayEquals(one.db(), other.db(), what);
          assertArrayEquals(one.dx(), other.dx(), what);
        }
      }
    }
  }
}
