package org.snn4j.datasets.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventFrameDatasetTest {
  private static FrameIntegrator layout(int frames, FrameSettings.Mode mode, int w, int h) {
    return new FrameIntegrator(new FrameSettings(frames, FrameSettings.SplitBy.NUMBER, mode, 1), w, h);
  }

  @Test
  void spikeModePacksBitsAcrossWordBoundariesWithoutMixingSamples() {
    FrameIntegrator f = layout(3, FrameSettings.Mode.SPIKE, 5, 3); // 90 cells: not a multiple of 64
    EventFrameDataset d = EventFrameDataset.allocate("t", f, 3, 4);
    byte[][] cells = new byte[3][90];
    for (int s = 0; s < 3; s++) {
      for (int c = 0; c < 90; c++) {
        cells[s][c] = (byte) ((c * (s + 3) % 7 == 0) ? 1 + s : 0);
      }
    }
    d.put(1, cells[1], 3);
    d.put(0, cells[0], 0);
    d.put(2, cells[2], 2);
    float[] x = new float[91];
    for (int s = 0; s < 3; s++) {
      d.features(s, x, 1);
      for (int c = 0; c < 90; c++) {
        assertEquals(cells[s][c] != 0 ? 1f : 0f, x[c + 1], "sample " + s + " cell " + c);
        assertEquals(cells[s][c] != 0 ? 1 : 0, d.cell(s, c));
      }
    }
    assertEquals(3, d.label(1));
    assertEquals(3, d.timesteps());
    assertEquals(30, d.featureCount());
  }

  @Test
  void countModeScalesCountsBy255() {
    EventFrameDataset d = EventFrameDataset.allocate("t", layout(1, FrameSettings.Mode.COUNT, 1, 1), 1, 2);
    d.put(0, new byte[] {(byte) 51, (byte) 255}, 1);
    float[] x = new float[2];
    d.features(0, x, 0);
    assertEquals(0.2f, x[0]);
    assertEquals(1f, x[1]);
  }

  @Test
  void framesThatWouldNotFitAreRefusedWithAdvice() {
    FrameIntegrator big = layout(10_000, FrameSettings.Mode.COUNT, 1024, 1024);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EventFrameDataset.allocate("big", big, 1000, 10));
    assertTrue(e.getMessage().contains("use fewer frames, a larger downsample"), e.getMessage());
  }

  @Test
  void labelsOutsideTheClassesAreRejected() {
    EventFrameDataset d = EventFrameDataset.allocate("t", layout(1, FrameSettings.Mode.SPIKE, 1, 1), 1, 2);
    assertThrows(IllegalArgumentException.class, () -> d.put(0, new byte[2], 2));
  }
}
