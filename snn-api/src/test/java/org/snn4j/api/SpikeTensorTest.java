package org.snn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpikeTensorTest {
  @Test
  void indexIsTimeMajor() {
    SpikeTensor s = new SpikeTensor(2, 3, 4);
    int expected = 0;
    for (int t = 0; t < 2; t++) {
      for (int b = 0; b < 3; b++) {
        for (int n = 0; n < 4; n++) {
          assertEquals(expected++, s.index(t, b, n), "(" + t + "," + b + "," + n + ")");
        }
      }
    }
    assertEquals((1 * 3 + 2) * 4 + 3, s.index(1, 2, 3));
  }

  @Test
  void setAndGetTouchOneByte() {
    SpikeTensor s = new SpikeTensor(2, 3, 4);
    s.set(1, 0, 2, true);
    assertTrue(s.get(1, 0, 2));
    assertEquals(1, s.data()[(1 * 3 + 0) * 4 + 2]);
    assertEquals(1, s.count());
    assertFalse(s.get(0, 1, 2));
    s.set(1, 0, 2, false);
    assertEquals(0, s.count());
  }

  @Test
  void countAndDensity() {
    byte[] data = {1, 0, 1, 1, 0, 0, 0, 1};
    SpikeTensor s = new SpikeTensor(2, 2, 2, data);
    assertEquals(4, s.count());
    assertEquals(0.5, s.density());
    assertEquals(0.0, new SpikeTensor(3, 1, 5).density());
  }

  @Test
  void wrapsWithoutCopying() {
    byte[] data = new byte[6];
    SpikeTensor s = new SpikeTensor(1, 2, 3, data);
    assertSame(data, s.data());
    data[5] = 1;
    assertTrue(s.get(0, 1, 2));
  }

  @Test
  void shapeAccessors() {
    SpikeTensor s = new SpikeTensor(5, 3, 7);
    assertEquals(5, s.timesteps());
    assertEquals(3, s.batch());
    assertEquals(7, s.size());
    assertEquals(105, s.data().length);
    assertEquals("SpikeTensor[5][3][7]", s.toString());
  }

  @ParameterizedTest
  @CsvSource({"0, 1, 1", "1, 0, 1", "1, 1, 0", "-1, 2, 2", "2, 2, -3"})
  void rejectsNonPositiveDimensions(int t, int b, int n) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpikeTensor(t, b, n));
    assertTrue(e.getMessage().contains("[" + t + "][" + b + "][" + n + "]"), e.getMessage());
  }

  @Test
  void rejectsShapesWhoseLengthOverflowsAnInt() {
    assertThrows(IllegalArgumentException.class, () -> new SpikeTensor(65536, 65536, 1));
    assertThrows(IllegalArgumentException.class, () -> new SpikeTensor(2000, 2000, 2000));
  }

  @Test
  void rejectsDataOfWrongLength() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SpikeTensor(2, 2, 2, new byte[7]));
    assertTrue(e.getMessage().contains("7") && e.getMessage().contains("8"), e.getMessage());
  }

  @Test
  void equalityNeedsSameShapeAndSpikes() {
    SpikeTensor a = new SpikeTensor(1, 2, 3, new byte[] {1, 0, 0, 0, 1, 0});
    SpikeTensor b = new SpikeTensor(1, 2, 3, new byte[] {1, 0, 0, 0, 1, 0});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new SpikeTensor(2, 1, 3, new byte[] {1, 0, 0, 0, 1, 0}));
    assertNotEquals(a, new SpikeTensor(1, 2, 3, new byte[] {1, 0, 0, 0, 0, 1}));
    assertNotEquals(a, new FloatTensor(1, 2, 3));
  }
}
