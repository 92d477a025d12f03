package org.snn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatTensorTest {
  @Test
  void indexMatchesSpikeTensorLayout() {
    FloatTensor f = new FloatTensor(3, 2, 5);
    SpikeTensor s = new SpikeTensor(3, 2, 5);
    for (int t = 0; t < 3; t++) {
      for (int b = 0; b < 2; b++) {
        for (int n = 0; n < 5; n++) {
          assertEquals((t * 2 + b) * 5 + n, f.index(t, b, n));
          assertEquals(s.index(t, b, n), f.index(t, b, n));
        }
      }
    }
  }

  @Test
  void setAndGetUseTheBackingArray() {
    float[] data = new float[12];
    FloatTensor f = new FloatTensor(2, 3, 2, data);
    assertSame(data, f.data());
    f.set(1, 2, 1, 0.75f);
    assertEquals(0.75f, data[11]);
    data[0] = -3f;
    assertEquals(-3f, f.get(0, 0, 0));
    assertEquals(0f, f.get(1, 2, 0));
  }

  @Test
  void newTensorIsZeroAndHasItsShape() {
    FloatTensor f = new FloatTensor(4, 3, 2);
    assertEquals(4, f.timesteps());
    assertEquals(3, f.batch());
    assertEquals(2, f.size());
    assertEquals(24, f.data().length);
    for (float v : f.data()) {
      assertEquals(0f, v);
    }
    assertEquals("FloatTensor[4][3][2]", f.toString());
  }

  @Test
  void shapeChecks() {
    assertThrows(IllegalArgumentException.class, () -> new FloatTensor(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new FloatTensor(1, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new FloatTensor(1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new FloatTensor(65536, 65536, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FloatTensor(2, 2, 2, new float[9]));
    assertTrue(e.getMessage().contains("9") && e.getMessage().contains("8"), e.getMessage());
  }
}
