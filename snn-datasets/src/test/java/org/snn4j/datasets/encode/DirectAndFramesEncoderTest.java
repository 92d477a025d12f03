package org.snn4j.datasets.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SpikeEncoder;

class DirectAndFramesEncoderTest {
  @Test
  void directFeedsTheScaledValueEveryStepAndRefusesToMakeSpikes() {
    DirectEncoder enc = new DirectEncoder(2f);
    assertTrue(enc.producesCurrents());
    float[] out = new float[3 * 4];
    enc.encodeCurrents(new float[] {9f, 0.25f, 0.5f}, 1, 2, 3, 0, out, 0, 4);
    assertArrayEquals(new float[] {0.5f, 1f, 0, 0, 0.5f, 1f, 0, 0, 0.5f, 1f, 0, 0}, out);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> enc.encode(new float[2], 0, 2, 1, 0, new byte[2], 0, 2));
    assertTrue(e.getMessage().contains("float input"), e.getMessage());
  }

  @Test
  void spikeEncodersDoNotProduceCurrentsByDefault() {
    SpikeEncoder rate = new RateEncoder();
    assertFalse(rate.producesCurrents());
    assertFalse(rate.readsFrames());
    assertThrows(UnsupportedOperationException.class,
        () -> rate.encodeCurrents(new float[1], 0, 1, 1, 0, new float[1], 0, 1));
  }

  @Test
  void framesCopyFrameTToStepTAboveTheThreshold() {
    FramesEncoder enc = new FramesEncoder(0f);
    assertTrue(enc.readsFrames());
    float[] frames = {0f, 1f, 0.5f, 0f, 0f, 0.004f};
    byte[] out = new byte[3 * 5];
    enc.encode(frames, 0, 2, 3, 0, out, 1, 5);
    assertArrayEquals(new byte[] {0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0}, out);
    new FramesEncoder(0.5f).encode(frames, 0, 2, 3, 0, out, 1, 5);
    assertArrayEquals(new byte[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, out);
  }
}
