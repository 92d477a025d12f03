package org.snn4j.core.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The synaptic products against a double-precision reference, on shapes that are not multiples of 64 bits, the
 * lane count or the column block; with rate-coded input (so the forward pass takes its delta rows and the weight
 * gradient its prefix-sum runs) and with independent spikes (so it does not).
 */
class DenseProductsTest {
  private static final double TOLERANCE = 1e-5;

  /**
   * Spikes {@code [T·B][in]}: rate-coded with a fixed probability per (sample, input), rate-coded samples that share
   * 85% of sample 0's probabilities ("images"), independent, or ("moving") a band of inputs that shifts by 3 each
   * step, plus noise.
   */
  private static byte[] spikes(Random r, int steps, int batch, int in, String coding) {
    boolean rateCoded = coding.equals("rate");
    if (coding.equals("moving")) {
      byte[] x = new byte[steps * batch * in];
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < batch; b++) {
          for (int i = 0; i < in; i++) {
            boolean band = i >= 3 * t + b && i < 3 * t + b + 20;
            x[(t * batch + b) * in + i] = (byte) (band || r.nextDouble() < 0.02 ? 1 : 0);
          }
        }
      }
      return x;
    }
    double[] p = new double[batch * in];
    for (int i = 0; i < p.length; i++) {
      double u = r.nextDouble();
      p[i] = rateCoded ? (u < 0.4 ? 0 : u < 0.7 ? 0.95 : r.nextDouble()) : 0.25;
    }
    if (coding.equals("images")) { // rate-coded samples that share most of a template, as images of one dataset do
      for (int i = 0; i < p.length; i++) {
        double u = r.nextDouble();
        p[i] = i >= in && r.nextDouble() < 0.85 ? p[i % in] : u < 0.4 ? 0 : u < 0.7 ? 0.95 : r.nextDouble();
      }
    }
    byte[] x = new byte[steps * batch * in];
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < batch * in; k++) {
        x[t * batch * in + k] = (byte) (r.nextDouble() < p[k] ? 1 : 0);
      }
    }
    return x;
  }

  private static float[] floats(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextFloat() * 2 - 1;
    }
    return a;
  }

  private static long[] bits(Kernels k, byte[] x, int rows, int in) {
    int words = SpikeBits.words(in);
    long[] b = new long[rows * words];
    for (int r = 0; r < rows; r++) {
      k.packBits(x, r * in, in, b, r * words);
    }
    return b;
  }

  private record Result(float[] u, float[] dW, float[] dB, boolean biasDone, DenseWorkspace ws) {}

  private static Result run(Kernels k, int threads, DenseProducts.Path path, byte[] x, float[] w, float[] bias,
      float[] gu, int steps, int batch, int in, int out) {
    return run(k, threads, path, x, w, bias, gu, steps, batch, in, out, true);
  }

  /** As above; without {@code groups}, no sample takes the step-group form, so the row forms are tested. */
  private static Result run(Kernels k, int threads, DenseProducts.Path path, byte[] x, float[] w, float[] bias,
      float[] gu, int steps, int batch, int in, int out, boolean groups) {
    int rows = steps * batch;
    DenseWorkspace ws = new DenseWorkspace(in, out, Tuning.system().withStepGroups(groups));
    ws.ensure(steps, batch);
    float[] u = new float[rows * out];
    float[] dW = new float[in * out];
    float[] dB = new float[out];
    long[] xb = bits(k, x, rows, in);
    boolean biasDone;
    try (WorkerPool pool = new WorkerPool(threads)) {
      DenseProducts.forward(k, xb, w, bias, u, ws, pool, path);
      biasDone = DenseProducts.weightGradient(k, xb, gu, dW, dB, null, ws, pool, path);
    }
    return new Result(u, dW, dB, biasDone, ws);
  }

  /**
   * Random shapes around the edges of the term forms: step counts up to past {@link DenseProducts#MAX_SLICED_STEPS}
   * (where base rows and the bit-sliced gradient forms stop), input counts around multiples of 64, batches of 1.
   */
  @org.junit.jupiter.api.Test
  void randomShapesMatchTheReference() {
    Random r = new Random(20261128);
    String[] codings = {"rate", "iid", "moving", "images"};
    for (int c = 0; c < 40; c++) {
      int steps = 1 + r.nextInt(34);
      int batch = 1 + r.nextInt(r.nextBoolean() ? 4 : 25);
      int in = Math.max(1, 64 * r.nextInt(3) + r.nextInt(5) - 2);
      int out = 1 + r.nextInt(150);
      check(steps, batch, in, out, codings[r.nextInt(4)], r.nextLong(), r.nextBoolean());
    }
  }

  @org.junit.jupiter.api.Test
  void narrowOutputsTakePlainSpikes() {
    int steps = 10;
    int batch = 3;
    int in = 130;
    Result narrow = check(steps, batch, in, DenseProducts.FORMS_MIN_OUT - 1, "rate", 7L)[0];
    Result wide = check(steps, batch, in, DenseProducts.FORMS_MIN_OUT, "rate", 7L)[0];
    int rows = steps * batch;
    for (int r = 0; r < rows; r++) {
      assertEquals(ForwardLists.FROM_BIAS, narrow.ws.fMode[r], "row " + r);
      assertEquals(narrow.ws.fAdd[r], narrow.ws.fEnd[r], "row " + r + " subtracts nothing");
    }
    for (int i = 0; i < in; i++) {
      assertEquals((i + 1) * rows, narrow.ws.gSub[i], "input " + i + " subtracts nothing");
    }
    assertEquals(narrow.ws.spikes(), narrow.ws.forwardTerms(), "one term per spike");
    assertTrue(wide.ws.forwardTerms() < wide.ws.spikes(), "the same spikes take fewer terms in a wide layer");
  }

  @org.junit.jupiter.api.Test
  void similarSamplesTakeBaseRowsFromEachOther() {
    int steps = 10;
    int batch = 23; // groups of 10, 10 and 3 samples
    Result r = check(steps, batch, 200, 70, "images", 3L)[1];
    int referenced = 0;
    for (int b = 0; b < batch; b++) {
      if (r.ws.hasBase[b] && r.ws.baseRef[b] >= 0) {
        referenced++;
        int ref = r.ws.baseRef[b];
        assertTrue(ref < b && ref / EventSum.SAMPLES_PER_UNIT == b / EventSum.SAMPLES_PER_UNIT,
            "sample " + b + " takes its base row from " + ref + ", outside its group or not before it");
        assertTrue(r.ws.hasBase[ref], "sample " + ref + " has no base row to give");
      }
    }
    assertTrue(referenced >= batch / 2, "samples sharing a template should share base rows: " + referenced);
  }

  @ParameterizedTest
  @CsvSource({"10, 6, 130, 150, rate", "10, 5, 70, 33, iid", "35, 3, 64, 17, rate", "1, 4, 64, 128, rate"})
  void zeroGradientRowsAreLeftOutExactly(int steps, int batch, int in, int out, String coding) {
    check(steps, batch, in, out, coding, steps * 17L + out, true);
  }

  @ParameterizedTest
  @CsvSource({"6, 5, 70, 150, rate", "6, 5, 70, 150, iid", "10, 3, 130, 33, rate", "1, 4, 64, 128, rate",
      "70, 2, 9, 17, rate", "10, 4, 100, 40, moving", "10, 14, 130, 40, images", "12, 5, 70, 40, iid",
      "8, 4, 200, 70, rate"})
  void bothPathsMatchTheReference(int steps, int batch, int in, int out, String coding) {
    Result[] event = check(steps, batch, in, out, coding, steps * 31L + in);
    assertFormsUsed(event[1].ws, steps, batch, in, coding);
    // at 10 steps, a rate-coded input fires at several steps of a chunk: grouping by pattern pays in a wide layer
    if (!coding.equals("moving") && steps >= 10 && out >= DenseProducts.FORMS_MIN_OUT) {
      assertGroupsUsed(event[0].ws, steps, batch);
    }
  }

  /**
   * Event and dense paths against a double-precision reference, and the event path's twins and thread counts; the
   * event path with and without the step-group form (the results, in that order).
   */
  private static Result[] check(int steps, int batch, int in, int out, String coding, long seed) {
    return check(steps, batch, in, out, coding, seed, false);
  }

  /**
   * As above; with {@code zeros}, the gradient has all-zero rows as training makes them: every row of sample 0 (a
   * sample the network already gets right), a quarter of the other rows, and a row of negative zeros.
   */
  private static Result[] check(int steps, int batch, int in, int out, String coding, long seed, boolean zeros) {
    String where =
        "T=" + steps + " B=" + batch + " in=" + in + " out=" + out + " " + coding + (zeros ? " zero rows" : "") + ": ";
    Random r = new Random(seed);
    int rows = steps * batch;
    byte[] x = spikes(r, steps, batch, in, coding);
    float[] w = floats(r, in * out);
    float[] bias = floats(r, out);
    float[] gu = floats(r, rows * out);
    int live = rows;
    if (zeros) {
      for (int row = 0; row < rows; row++) {
        boolean dead = row % batch == 0 || r.nextInt(4) == 0;
        if (dead) {
          java.util.Arrays.fill(gu, row * out, (row + 1) * out, r.nextInt(5) == 0 ? -0f : 0f);
          live--;
        }
      }
    }

    double[] u = new double[rows * out];
    double[] dW = new double[in * out];
    double[] dB = new double[out];
    for (int row = 0; row < rows; row++) {
      for (int j = 0; j < out; j++) {
        dB[j] += gu[row * out + j];
      }
    }
    for (int row = 0; row < rows; row++) {
      for (int j = 0; j < out; j++) {
        double s = bias[j];
        for (int i = 0; i < in; i++) {
          if (x[row * in + i] != 0) {
            s += w[i * out + j];
            dW[i * out + j] += gu[row * out + j];
          }
        }
        u[row * out + j] = s;
      }
    }

    Kernels vector = KernelSelection.vector();
    Result event = run(vector, 2, DenseProducts.Path.EVENT, x, w, bias, gu, steps, batch, in, out);
    Result dense = run(vector, 2, DenseProducts.Path.DENSE, x, w, bias, gu, steps, batch, in, out);
    Result rowForms = run(vector, 2, DenseProducts.Path.EVENT, x, w, bias, gu, steps, batch, in, out, false);
    for (Result res : new Result[] {event, dense, rowForms}) {
      for (int k = 0; k < u.length; k++) {
        assertEquals(u[k], res.u[k], TOLERANCE * 8 * Math.max(1, steps / 10.0), where + "current " + k);
      }
      for (int k = 0; k < dW.length; k++) {
        assertEquals(dW[k], res.dW[k], TOLERANCE * steps * batch * 4, where + "weight gradient " + k);
      }
    }

    // the event path also gives the bias gradient, from its prefix sums (a narrow layer builds none); the dense path
    // leaves it to the caller
    boolean wide = out >= DenseProducts.FORMS_MIN_OUT;
    assertEquals(wide, event.biasDone, where + "event path bias");
    assertFalse(dense.biasDone, where + "dense path bias");
    for (int j = 0; j < out && wide; j++) {
      assertEquals(dB[j], event.dB[j], TOLERANCE * steps * batch * 4, where + "bias gradient " + j);
    }

    // the event path is the same bits in the scalar twin and with any thread count
    Result scalar = run(KernelSelection.scalar(), 1, DenseProducts.Path.EVENT, x, w, bias, gu, steps, batch, in, out);
    Result three = run(vector, 3, DenseProducts.Path.EVENT, x, w, bias, gu, steps, batch, in, out);
    assertArrayEquals(event.u, scalar.u, where);
    assertArrayEquals(event.dW, scalar.dW, where);
    assertArrayEquals(event.u, three.u, where);
    assertArrayEquals(event.dW, three.dW, where);
    assertArrayEquals(event.dB, scalar.dB, where);
    assertArrayEquals(event.dB, three.dB, where);
    Result scalarRows =
        run(KernelSelection.scalar(), 1, DenseProducts.Path.EVENT, x, w, bias, gu, steps, batch, in, out, false);
    assertArrayEquals(rowForms.u, scalarRows.u, where + "row forms");

    // all-zero rows are left out of the weight gradient's terms
    assertEquals(live, event.ws.liveRows(), where + "live rows");
    for (int i = 0; i < in; i++) {
      int[] ranges = {i * rows, event.ws.gAdd[i], event.ws.gSub[i], (i + 1) * rows};
      for (int part = 0; part < 4; part += 2) {
        for (int k = ranges[part]; k < ranges[part + 1]; k++) {
          int source = event.ws.gIdx[k];
          int row = source % rows;
          boolean rowLive = false;
          for (int j = 0; j < out && !rowLive; j++) {
            rowLive = gu[row * out + j] != 0f;
          }
          if (source < rows) {
            assertTrue(rowLive, where + "input " + i + " adds or subtracts zero row " + row);
          } else {
            assertTrue(event.ws.liveSample[row % batch], where + "input " + i + " uses a prefix of a zero sample");
          }
        }
      }
    }
    return new Result[] {event, rowForms};
  }

  /** Rate-coded samples should take the step-group form, and it should read fewer weight rows than spikes. */
  private static void assertGroupsUsed(DenseWorkspace ws, int steps, int batch) {
    int grouped = 0;
    for (int b = 0; b < batch; b++) {
      if (ws.grouped[b]) {
        grouped++;
        for (int t = 0; t < steps; t++) {
          assertEquals(ForwardLists.FROM_GROUPS, ws.fMode[t * batch + b], "sample " + b + " step " + t);
        }
      }
    }
    assertTrue(grouped > 0, "rate-coded samples should take the step-group form");
    assertTrue(ws.forwardTerms() < ws.spikes(), "fewer terms than spikes");
  }

  private static void assertFormsUsed(DenseWorkspace ws, int steps, int batch, int in, String coding) {
    int rows = steps * batch;
    if (!coding.equals("iid") && steps > 1 && steps <= DenseProducts.MAX_SLICED_STEPS) {
      boolean delta = false;
      boolean fromBase = false;
      for (int row = 0; row < rows; row++) {
        delta |= ws.fMode[row] == ForwardLists.FROM_PREVIOUS;
        fromBase |= ws.fMode[row] == ForwardLists.FROM_BASE;
      }
      if (coding.equals("moving")) {
        assertTrue(delta, "a moving band should take rows relative to the previous step");
        assertTrue(ws.forwardTerms() < ws.spikes(), "fewer terms than spikes");
        return;
      }
      assertTrue(fromBase, "rate-coded input should take base rows");
      boolean runs = false;
      for (int i = 0; i < in; i++) {
        runs |= ws.gSub[i] < (i + 1) * rows;
      }
      assertTrue(runs, "rate-coded input should take prefix-sum runs");
      // only the complement form subtracts plain rows (below `rows`); the runs form subtracts prefix rows
      boolean complement = false;
      for (int i = 0; i < in; i++) {
        for (int k = ws.gSub[i]; k < (i + 1) * rows; k++) {
          complement |= ws.gIdx[k] < rows;
        }
      }
      assertTrue(complement, "inputs that fire at almost every step should take the whole sum minus the misses");
      assertTrue(ws.forwardTerms() < ws.spikes(), "fewer terms than spikes");
    }
  }
}
