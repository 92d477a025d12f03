package org.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.core.kernel.Kernels;

/** A model file too large to read is refused by its size, before any of it is read. */
class ModelFileSizeTest {
  @TempDir Path dir;

  @Test
  void aThreeGigabyteFileIsRefusedWithItsSizeNotAnOutOfMemoryError() throws Exception {
    Path file = dir.resolve("huge.snn");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: no disk blocks are written
    }
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file, Kernels.get()));
    assertTrue(e.getMessage().startsWith(file + ": the file has 3.0 GiB, more than any snn4j model can"),
        e.getMessage());
  }
}
