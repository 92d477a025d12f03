package org.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.core.conv.ConvRows;
import org.snn4j.core.kernel.KernelSelection;

/** What ConvBenchmark times is the right answer: its passes against the scalar twin, its density as asked. */
class ConvBenchmarkSanityTest {
  @Test
  void passesMatchTheScalarTwinAndTheDensityIsAsAsked() {
    for (String layer : new String[] {"conv1", "conv2"}) {
      for (double density : new double[] {0.02, 0.4}) {
        ConvBenchmark b = new ConvBenchmark();
        b.layer = layer;
        b.density = density;
        b.gradDensity = 0.3;
        b.setUp();
        int nonZeroGrads = 0;
        for (float v : b.grad) {
          nonZeroGrads += v != 0f ? 1 : 0;
        }
        assertEquals(0.3, (double) nonZeroGrads / b.grad.length, 0.01, layer + " gradient density");
        long set = 0;
        for (long v : b.spikes) {
          set += Long.bitCount(v);
        }
        assertEquals(density, (double) set / (ConvBenchmark.ROWS * b.geometry.inputSize()), 0.01, layer);
        float[] spikes = b.forwardSpikes().clone();
        float[] sparse = b.forwardSparse().clone();
        float[] dense = b.forwardDense().clone();
        float[] dx = b.inputGradient().clone();
        float[] dxDense = b.inputGradientDense().clone();
        float[] dW = b.weightGradientSpikes().clone();

        ConvRows scalar = new ConvRows(b.geometry, KernelSelection.scalar());
        b.conv = scalar;
        assertArrayEquals(spikes, b.forwardSpikes(), layer + " " + density);
        assertArrayEquals(sparse, b.forwardSparse(), layer + " " + density);
        assertArrayEquals(dx, b.inputGradient(), layer + " " + density);
        assertArrayEquals(dxDense, b.inputGradientDense(), layer + " dense input gradient " + density);
        assertArrayEquals(dW, b.weightGradientSpikes(), layer + " " + density);
        // the dense path fuses each multiply-add: equal to the sparse path up to rounding
        for (int i = 0; i < dense.length; i++) {
          assertEquals(sparse[i], dense[i], 1e-4, layer + " dense vs sparse at " + i);
        }
        for (int i = 0; i < dx.length; i++) {
          assertEquals(dx[i], dxDense[i], 1e-4, layer + " dense vs event input gradient at " + i);
        }
      }
    }
  }
}
