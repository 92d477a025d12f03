package org.snn4j.datasets.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.Dataset;
import org.snn4j.api.Split;
import org.snn4j.datasets.idx.IdxDataset;
import org.snn4j.datasets.idx.IdxTestFiles;

class NmnistConverterTest {
  @TempDir Path tmp;

  private IdxDataset images(int n) throws Exception {
    Path images = IdxTestFiles.write(tmp.resolve("idx"), "img", IdxTestFiles.idx(new int[] {n, 28, 28},
        IdxTestFiles.pixels(n, 28, 28, 3)));
    Path labels = IdxTestFiles.write(tmp.resolve("idx"), "lab", IdxTestFiles.idx(new int[] {n},
        IdxTestFiles.labels(n, 0)));
    return IdxDataset.read(images, labels);
  }

  @Test
  void writesNmnistFilesThatTheReaderReadsBackInImageOrder() throws Exception {
    IdxDataset src = images(23);
    NmnistConverter c = new NmnistConverter(SaccadeSimulator.standard());
    Path out = tmp.resolve("out");
    NmnistConverter.Result r = c.convert(src, Split.TRAIN, out, 20);
    assertEquals(20, r.samples());
    assertTrue(r.meanEvents() > 100, "mean events " + r.meanEvents());
    assertTrue(Files.isRegularFile(out.resolve("Train/3/00003.bin")));
    try (Stream<Path> s = Files.walk(out)) {
      assertEquals(0, s.filter(p -> p.toString().endsWith(".tmp")).count(), "no temporary files left");
    }
    c.describe(out, "test images", r, new NmnistConverter.Result(0, 0));
    assertTrue(Files.readString(out.resolve("CONVERTED.txt")).contains("contrast threshold 0.5000"));
    Dataset d = new NmnistReader().read(out, Split.TRAIN);
    assertEquals(20, d.size());
    for (int i = 0; i < 20; i++) {
      assertEquals(src.label(i), d.label(i));
    }
  }

  @Test
  void theSameImagesGiveTheSameBytes() throws Exception {
    IdxDataset src = images(6);
    NmnistConverter c = new NmnistConverter(SaccadeSimulator.standard());
    c.convert(src, Split.TEST, tmp.resolve("a"), null);
    c.convert(src, Split.TEST, tmp.resolve("b"), null);
    for (int i = 0; i < 6; i++) {
      String rel = "Test/" + src.label(i) + "/0000" + i + ".bin";
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(rel)), Files.readAllBytes(tmp.resolve("b")
          .resolve(rel)), rel);
    }
  }
}
