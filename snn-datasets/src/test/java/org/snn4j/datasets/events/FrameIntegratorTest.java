package org.snn4j.datasets.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameIntegratorTest {
  private static FrameIntegrator integrator(int frames, FrameSettings.SplitBy split, FrameSettings.Mode mode,
      int downsample, int w, int h) {
    return new FrameIntegrator(new FrameSettings(frames, split, mode, downsample), w, h);
  }

  /** The frame of each event: the first cell set in each frame (one event per sample in these tests). */
  private static int[] framesOf(FrameIntegrator f, EventBuffer events) {
    byte[] counts = new byte[(int) f.sampleSize()];
    f.integrate(events, counts);
    int[] perFrame = new int[f.settings().frames()];
    for (int c = 0; c < counts.length; c++) {
      perFrame[c / f.frameSize()] += counts[c] & 0xff;
    }
    return perFrame;
  }

  @Test
  void splitByNumberGivesEqualCountsAndTheRestToTheLastFrame() {
    FrameIntegrator f = integrator(3, FrameSettings.SplitBy.NUMBER, FrameSettings.Mode.COUNT, 1, 4, 4);
    EventBuffer ev = new EventBuffer();
    for (int i = 0; i < 11; i++) {
      ev.add(i % 4, 0, 0, i * 1000L * i);
    }
    assertArrayEquals3(new int[] {3, 3, 5}, framesOf(f, ev));
  }

  @Test
  void fewerEventsThanFramesAllLandInTheLastFrameAsInSpikingJelly() {
    FrameIntegrator f = integrator(4, FrameSettings.SplitBy.NUMBER, FrameSettings.Mode.COUNT, 1, 4, 4);
    assertArrayEquals3(new int[] {0, 0, 0, 2}, framesOf(f, EventTestFiles.events(0, 0, 0, 5, 1, 0, 0, 9)));
    FrameIntegrator g = integrator(4, FrameSettings.SplitBy.TIME, FrameSettings.Mode.COUNT, 1, 4, 4);
    assertArrayEquals3(new int[] {0, 0, 0, 2}, framesOf(g, EventTestFiles.events(0, 0, 0, 5, 1, 0, 0, 7)),
        "a span shorter than T us");
  }

  @Test
  void splitByTimeUsesEqualBinsFromTheFirstEvent() {
    FrameIntegrator f = integrator(4, FrameSettings.SplitBy.TIME, FrameSettings.Mode.COUNT, 1, 4, 4);
    // t0 = 100, span 400, dt = 100: bins [100,200) [200,300) [300,400) [400, ...]
    EventBuffer ev = EventTestFiles.events(0, 0, 0, 100, 0, 0, 0, 199, 0, 0, 0, 200, 0, 0, 0, 350, 0, 0, 0, 399, 0, 0,
        0, 400, 0, 0, 0, 500);
    assertArrayEquals3(new int[] {2, 1, 2, 2}, framesOf(f, ev));
  }

  @Test
  void cellLayoutIsFramePolarityRowColumn() {
    FrameIntegrator f = integrator(2, FrameSettings.SplitBy.NUMBER, FrameSettings.Mode.COUNT, 1, 5, 3);
    byte[] counts = new byte[(int) f.sampleSize()];
    f.integrate(EventTestFiles.events(4, 2, 1, 0, 1, 1, 0, 1), counts);
    assertEquals(30, f.frameSize());
    assertEquals(1, counts[15 + 2 * 5 + 4], "frame 0, ON, y=2, x=4");
    assertEquals(1, counts[30 + 1 * 5 + 1], "frame 1, OFF, y=1, x=1");
  }

  @Test
  void countsSaturateAndSpikeModeStillCounts() {
    FrameIntegrator f = integrator(1, FrameSettings.SplitBy.NUMBER, FrameSettings.Mode.COUNT, 1, 2, 2);
    EventBuffer ev = new EventBuffer();
    for (int i = 0; i < 300; i++) {
      ev.add(1, 1, 0, i);
    }
    byte[] counts = new byte[(int) f.sampleSize()];
    f.integrate(ev, counts);
    assertEquals(255, counts[3] & 0xff);
  }

  @Test
  void downsamplingPoolsNeighbouringPixels() {
    FrameIntegrator f = integrator(1, FrameSettings.SplitBy.NUMBER, FrameSettings.Mode.COUNT, 2, 34, 34);
    assertEquals(17, f.width());
    assertEquals(2 * 17 * 17, f.frameSize());
    byte[] counts = new byte[(int) f.sampleSize()];
    f.integrate(EventTestFiles.events(32, 33, 0, 0, 33, 32, 0, 1, 0, 0, 1, 2), counts);
    assertEquals(2, counts[16 * 17 + 16]);
    assertEquals(1, counts[289]);
    assertEquals(17, integrator(1, FrameSettings.SplitBy.NUMBER, FrameSettings.Mode.SPIKE, 2, 33, 33).width(),
        "rounds up");
  }

  @Test
  void eventsOutsideTheSensorAreRejected() {
    FrameIntegrator f = integrator(1, FrameSettings.SplitBy.NUMBER, FrameSettings.Mode.SPIKE, 1, 4, 4);
    assertThrows(IllegalArgumentException.class,
        () -> f.integrate(EventTestFiles.events(4, 0, 0, 0), new byte[(int) f.sampleSize()]));
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class,
        () -> new FrameSettings(0, FrameSettings.SplitBy.TIME, FrameSettings.Mode.SPIKE, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new FrameSettings(3, FrameSettings.SplitBy.TIME, FrameSettings.Mode.SPIKE, 0));
  }

  private static void assertArrayEquals3(int[] expected, int[] actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
  }

  private static void assertArrayEquals3(int[] expected, int[] actual, String message) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, message);
  }
}
