package org.snn4j.datasets.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatencyEncoderTest {
  private static final int T = 11;

  @Test
  void linearBrighterFiresEarlier() {
    LatencyEncoder enc = new LatencyEncoder(LatencyEncoder.Kind.LINEAR, 0.01);
    assertEquals(0, enc.spikeStep(1f, T));
    assertEquals(5, enc.spikeStep(0.5f, T));
    assertEquals(9, enc.spikeStep(0.1f, T));
    assertEquals(10, enc.spikeStep(0.02f, T));
    assertEquals(-1, enc.spikeStep(0.01f, T), "at the threshold: silent");
    assertEquals(-1, enc.spikeStep(0f, T));
    assertEquals(-1, enc.spikeStep(Float.NaN, T));
    assertEquals(0, enc.spikeStep(3f, T), "clamped to 1");
  }

  @Test
  void logMapsEqualRatiosToEqualGaps() {
    LatencyEncoder enc = new LatencyEncoder(LatencyEncoder.Kind.LOG, 0.001);
    // ln(p)/ln(0.001): p = 1 -> 0, 0.1 -> 1/3, 0.01 -> 2/3, just above 0.001 -> 1
    assertEquals(0, enc.spikeStep(1f, 10));
    assertEquals(3, enc.spikeStep(0.1f, 10));
    assertEquals(6, enc.spikeStep(0.01f, 10));
    assertEquals(9, enc.spikeStep(0.0011f, 10));
    assertEquals(-1, enc.spikeStep(0.001f, 10));
  }

  @Test
  void eachFeatureFiresAtMostOnceAndOtherCellsAreCleared() {
    LatencyEncoder enc = new LatencyEncoder(LatencyEncoder.Kind.LINEAR, 0);
    float[] x = EncoderTesting.ramp(50);
    byte[] out = new byte[T * 60];
    Arrays.fill(out, (byte) 1);
    enc.encode(x, 0, 50, T, 0, out, 0, 60);
    for (int i = 0; i < 50; i++) {
      int count = 0;
      int at = -1;
      for (int t = 0; t < T; t++) {
        if (out[t * 60 + i] == 1) {
          count++;
          at = t;
        }
      }
      assertEquals(x[i] > 0 ? 1 : 0, count, "feature " + i);
      assertEquals(enc.spikeStep(x[i], T), at);
    }
    assertEquals(1, out[59], "cells past the row's features are not the encoder's");
  }

  @Test
  void rejectsThresholdsOutsideTheirRange() {
    assertThrows(IllegalArgumentException.class, () -> new LatencyEncoder(LatencyEncoder.Kind.LOG, 0));
    assertThrows(IllegalArgumentException.class, () -> new LatencyEncoder(LatencyEncoder.Kind.LINEAR, 1));
  }
}
