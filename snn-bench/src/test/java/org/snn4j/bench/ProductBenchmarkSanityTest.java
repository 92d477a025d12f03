package org.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.Tuning;
import org.snn4j.core.dense.DenseProducts;
import org.snn4j.core.dense.DenseWorkspace;
import org.snn4j.core.parallel.WorkerPool;

/** What ProductBenchmark and GemmBenchmark time is the right answer, per the scalar twin. */
class ProductBenchmarkSanityTest {
  @Test
  void bothPathsMatchTheScalarTwinAtEveryBenchmarkedDensity() {
    for (double density : new double[] {0.02, 0.2, 0.4}) {
      float[][] results = new float[4][];
      int k = 0;
      for (DenseProducts.Path path : DenseProducts.Path.values()) {
        if (path == DenseProducts.Path.AUTO) {
          continue;
        }
        ProductBenchmark b = new ProductBenchmark();
        b.density = density;
        b.path = path;
        b.setUp();
        results[k++] = b.forward().clone();
        results[k++] = b.weightGradient().clone();
        if (path == DenseProducts.Path.EVENT) {
          float[] u = new float[ProductBenchmark.ROWS * ProductBenchmark.OUT];
          DenseWorkspace ws = new DenseWorkspace(ProductBenchmark.IN, ProductBenchmark.OUT, Tuning.system());
          ws.ensure(ProductBenchmark.STEPS, ProductBenchmark.ROWS / ProductBenchmark.STEPS);
          try (WorkerPool pool = new WorkerPool(1)) {
            DenseProducts.forward(KernelSelection.scalar(), b.xBits, b.w, b.bias, u, ws, pool,
                DenseProducts.Path.EVENT);
            assertArrayEquals(u, results[0], "forward vs scalar twin at density " + density);
            float[] dW = new float[ProductBenchmark.IN * ProductBenchmark.OUT];
            DenseProducts.weightGradient(KernelSelection.scalar(), b.xBits, b.gu, dW, null, null, ws, pool,
                DenseProducts.Path.EVENT);
            assertArrayEquals(dW, results[1], "weight gradient vs scalar twin at density " + density);
          }
          double measured = (double) ws.spikes() / (ProductBenchmark.ROWS * ProductBenchmark.IN);
          assertTrue(Math.abs(measured - density) < 0.01, "input density " + measured + " vs " + density);
        }
        b.tearDown();
      }
      // the two paths add in different orders: equal up to float rounding
      assertClose(results[0], results[2], 1e-4, "event and dense forward agree at density " + density);
      assertClose(results[1], results[3], 1e-3, "event and dense weight gradient agree at density " + density);
    }
  }

  private static void assertClose(float[] a, float[] b, double tolerance, String what) {
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], tolerance, what + " at " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000x784x800", "196x288x32", "1000x1568x128"})
  void gemmBenchmarkComputesTheProduct(String shape) {
    GemmBenchmark g = new GemmBenchmark();
    g.shape = shape;
    g.setUp();
    float[] c = g.gemm();
    // spot-check rows (first, inside, last: the blocks and the row tail) against the scalar twin, bit for bit
    float[] row = new float[g.n];
    for (int i : new int[] {0, g.m / 2 + 1, g.m - 1}) {
      float[] a = java.util.Arrays.copyOfRange(g.a, i * g.k, (i + 1) * g.k);
      java.util.Arrays.fill(row, 0f);
      KernelSelection.scalar().gemm(a, g.b, row, 0, 1, g.k, g.n);
      assertArrayEquals(row, java.util.Arrays.copyOfRange(c, i * g.n, (i + 1) * g.n), shape + " row " + i);
    }
  }
}
