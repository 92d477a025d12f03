package org.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.core.kernel.Kernels;

/** The streaming benchmark steps real spikes through a network that fires, and its input ring repeats exactly. */
class StreamingWorkloadSanityTest {
  @Test
  void theRingIsStationaryAndTheOutputsFire() throws Exception {
    for (String net : new String[] {"mlp", "scnn"}) {
      try (StreamingWorkload w = new StreamingWorkload(net, 16, Kernels.get())) {
        long density = 0;
        for (byte[] step : w.steps) {
          for (byte b : step) {
            density += b;
          }
        }
        double d = (double) density / (w.steps.length * (long) w.steps[0].length);
        assertTrue(d > 0.1 && d < 0.5, net + ": input density " + d);
        long[] firstCycle = new long[w.groups];
        for (int cycle = 0; cycle < 2; cycle++) {
          for (int g = 0; g < w.groups; g++) {
            for (int t = 0; t < StreamingWorkload.TIMESTEPS; t++) {
              w.step();
            }
            if (cycle == 0) {
              firstCycle[g] = w.outputSpikes();
            } else {
              assertEquals(firstCycle[g], w.outputSpikes(), net + ": group " + g + " again");
            }
          }
        }
        long total = 0;
        for (long c : firstCycle) {
          total += c;
        }
        // of 64 samples × 10 steps × 10 outputs, between 3% and 30% fire (a trained net's outputs: about 10%)
        assertTrue(total > 192 && total < 1920, net + ": output spikes " + total);
      }
    }
  }
}
