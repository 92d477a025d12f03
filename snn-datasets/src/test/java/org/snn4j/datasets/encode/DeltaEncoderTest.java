package org.snn4j.datasets.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeltaEncoderTest {
  @Test
  void staticInputFiresOnceAtStepZeroWhereItIsAboveTheThreshold() {
    DeltaEncoder enc = new DeltaEncoder(0.3f, false, false, false);
    assertFalse(enc.readsFrames());
    float[] x = {0f, 0.29f, 0.3f, 1f};
    byte[] out = new byte[3 * 4];
    enc.encode(x, 0, 4, 3, 0, out, 0, 4);
    assertArrayEquals(new byte[] {0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, out);
    new DeltaEncoder(0.3f, false, true, false).encode(x, 0, 4, 3, 0, out, 0, 4);
    assertArrayEquals(new byte[12], out, "padding compares step 0 with itself");
  }

  @Test
  void framesFireOnRisesAndWithOffOnFalls() {
    DeltaEncoder enc = new DeltaEncoder(0.5f, true, false, true);
    assertTrue(enc.readsFrames());
    assertEquals(4, enc.outputWidth(2));
    // feature 0: 0 -> 1 -> 0.2 -> 0.2 ; feature 1: 0.6 -> 0.6 -> 0 -> 0.7
    float[] frames = {0f, 0.6f, 1f, 0.6f, 0.2f, 0f, 0.2f, 0.7f};
    byte[] out = new byte[4 * 4];
    enc.encode(frames, 0, 2, 4, 0, out, 0, 4);
    byte[] expected = {
      0, 1, 0, 0, // t0: feature 1 rose 0.6 from 0
      1, 0, 0, 0, // t1: feature 0 rose 1
      0, 0, 1, 1, // t2: both fell by 0.8 and 0.6
      0, 1, 0, 0, // t3: feature 1 rose 0.7
    };
    assertArrayEquals(expected, out);
  }

  @Test
  void unsignedDeltaWritesOneChannelPerFeature() {
    DeltaEncoder enc = new DeltaEncoder(0.1f, false, false, true);
    assertEquals(7, enc.outputWidth(7));
  }
}
