package org.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Dropout and NeuNorm allocate nothing in a training pass (forward with new masks, then backward) once their tapes
 * are sized: measured on the calling thread, which runs all the work of a one-thread pool.
 */
class LayerAllocationTest {
  private static final int T = 4;
  private static final int B = 6;

  static long bytesPerPass(NetworkLayer layer, Activation input) {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = layer.inputShape().size();
    float[] gradOut = new float[T * B * n];
    java.util.Arrays.fill(gradOut, 0.25f);
    float[] gradIn = new float[T * B * n];
    try (WorkerPool pool = new WorkerPool(1)) {
      Tape tape = layer.newTape(Tuning.system());
      long before = 0;
      for (int pass = 0; pass < 600; pass++) {
        if (pass == 400) {
          before = bean.getCurrentThreadAllocatedBytes();
        }
        tape.ensure(T, B);
        tape.setTraining(true);
        layer.forward(input, tape, pool);
        layer.backward(gradOut, tape, null, gradIn, pool);
      }
      return (bean.getCurrentThreadAllocatedBytes() - before) / 200;
    }
  }

  static Activation spikes(int n) {
    long[] bits = new long[T * B * SpikeBits.words(n)];
    java.util.Arrays.fill(bits, 0x5A5A5A5A5A5A5A5AL);
    for (int r = 0; r < T * B; r++) {
      bits[(r + 1) * SpikeBits.words(n) - 1] &= -1L >>> (64 - n % 64); // nothing above n
    }
    return new Activation().setBits(bits);
  }

  @Test
  void neunormAllocatesNothingAfterItsTapeIsSized() {
    Shape s = Shape.image(4, 6, 6);
    long bytes = bytesPerPass(new NeuNorm(0, s, 0.9f), spikes(s.size()));
    assertTrue(bytes < 16, bytes + " bytes per pass");
  }

  @Test
  void dropoutAllocatesNothingAfterItsTapeIsSized() {
    Shape s = Shape.image(4, 6, 6);
    long bytes = bytesPerPass(new Dropout(s, 0.2, 1, 1), spikes(s.size()));
    assertTrue(bytes < 16, bytes + " bytes per pass");
    float[] analog = new float[T * B * s.size()];
    java.util.Arrays.fill(analog, 0.5f);
    bytes = bytesPerPass(new Dropout(s, 0.2, 1, 1), new Activation().setAnalog(analog));
    assertTrue(bytes < 16, bytes + " bytes per pass of analog input");
  }
}
