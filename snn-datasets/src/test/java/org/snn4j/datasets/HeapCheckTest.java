package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.api.DatasetFormatException;

/** Data the heap cannot hold is refused before it is allocated, naming the file and the figures. */
class HeapCheckTest {
  private static final long GIB = 1L << 30;

  @Test
  void moreThanTheFreeHeapIsOneLineNamingTheFileAndTheFlag() {
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> HeapCheck.require("/data/train-images-idx3-ubyte", 10 * GIB, GIB, 4 * GIB));
    String m = e.getMessage();
    assertTrue(m.contains("/data/train-images-idx3-ubyte") && m.contains("10.0 GiB") && m.contains("1.0 GiB free of 4.0 GiB")
        && m.contains("SNN_JAVA_OPTS=-Xmx17g") && !m.contains("\n"), m);
    assertDoesNotThrow(() -> HeapCheck.require("f", GIB, 2 * GIB, 4 * GIB));
  }

  @Test
  void theRealHeapIsAskedToo() {
    assertThrows(DatasetFormatException.class, () -> HeapCheck.require("f", Runtime.getRuntime().maxMemory() + 1));
    assertDoesNotThrow(() -> HeapCheck.require("f", 1024));
  }
}
