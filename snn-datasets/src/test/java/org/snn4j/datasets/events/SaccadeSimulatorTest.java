package org.snn4j.datasets.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SaccadeSimulatorTest {
  private static byte[] square() {
    byte[] img = new byte[28 * 28];
    for (int r = 8; r < 20; r++) {
      for (int c = 8; c < 20; c++) {
        img[r * 28 + c] = (byte) 255;
      }
    }
    return img;
  }

  @Test
  void aBlankImageMakesNoEvents() {
    EventBuffer ev = new EventBuffer();
    SaccadeSimulator.standard().simulate(new byte[784], 0, 28, 28, ev);
    assertEquals(0, ev.size());
  }

  @Test
  void eventsAreInsideTheSensorInTimeOrderWithinThreeSaccades() {
    EventBuffer ev = new EventBuffer();
    SaccadeSimulator.standard().simulate(square(), 0, 28, 28, ev);
    assertTrue(ev.size() > 200, "edges moving over pixels fire: " + ev.size());
    int on = 0;
    long last = -1;
    for (int e = 0; e < ev.size(); e++) {
      assertTrue(ev.x(e) >= 0 && ev.x(e) < 34 && ev.y(e) >= 0 && ev.y(e) < 34);
      assertTrue(ev.t(e) >= last && ev.t(e) < 3 * SaccadeSimulator.SACCADE_MICROS);
      last = ev.t(e);
      on += ev.p(e);
    }
    // the sensor returns to where it started, so brightening and darkening balance out
    assertEquals(ev.size() / 2.0, on, ev.size() * 0.1);
    assertTrue(ev.t(ev.size() - 1) > 2 * SaccadeSimulator.SACCADE_MICROS, "the third saccade fires too");
  }

  @Test
  void isDeterministicAndTheSensorSeedMatters() {
    EventBuffer a = new EventBuffer();
    EventBuffer b = new EventBuffer();
    new SaccadeSimulator(0.3, 0.2, 5, 1000).simulate(square(), 0, 28, 28, a);
    new SaccadeSimulator(0.3, 0.2, 5, 1000).simulate(square(), 0, 28, 28, b);
    assertArrayEquals(AtisBinFormat.encode(a), AtisBinFormat.encode(b));
    new SaccadeSimulator(0.3, 0.2, 6, 1000).simulate(square(), 0, 28, 28, b);
    assertFalse(java.util.Arrays.equals(AtisBinFormat.encode(a), AtisBinFormat.encode(b)));
  }

  @Test
  void aLowerThresholdGivesMoreEvents() {
    EventBuffer low = new EventBuffer();
    EventBuffer high = new EventBuffer();
    new SaccadeSimulator(0.2, 0.1, 0, 1000).simulate(square(), 0, 28, 28, low);
    new SaccadeSimulator(0.8, 0.1, 0, 1000).simulate(square(), 0, 28, 28, high);
    assertTrue(low.size() > 2 * high.size(), low.size() + " vs " + high.size());
  }

  @Test
  void rejectsBadSettingsAndImagesTooLargeForTheSensor() {
    assertThrows(IllegalArgumentException.class, () -> new SaccadeSimulator(0, 0.1, 0, 1000));
    assertThrows(IllegalArgumentException.class, () -> new SaccadeSimulator(0.5, 2, 0, 1000));
    assertThrows(IllegalArgumentException.class, () -> new SaccadeSimulator(0.5, 0.1, 0, 3));
    assertThrows(IllegalArgumentException.class,
        () -> SaccadeSimulator.standard().simulate(new byte[29 * 29], 0, 29, 29, new EventBuffer()));
  }
}
