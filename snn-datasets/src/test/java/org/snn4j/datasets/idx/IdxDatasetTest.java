package org.snn4j.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.snn4j.datasets.idx.IdxTestFiles.gzip;
import static org.snn4j.datasets.idx.IdxTestFiles.idx;
import static org.snn4j.datasets.idx.IdxTestFiles.write;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.DatasetFormatException;

class IdxDatasetTest {
  @TempDir Path dir;

  @Test
  void scalesEveryByteValueExactlyAsPyTorchDoes() throws IOException {
    byte[] all = new byte[256];
    for (int v = 0; v < 256; v++) {
      all[v] = (byte) v;
    }
    Path images = write(dir, "images", idx(new int[] {1, 16, 16}, all));
    Path labels = write(dir, "labels.gz", gzip(idx(new int[] {1}, new byte[] {7})));
    IdxDataset d = IdxDataset.read(images, labels);
    assertEquals(1, d.size());
    assertEquals(256, d.featureCount());
    assertEquals(16, d.rows());
    assertEquals(16, d.cols());
    assertEquals(10, d.classCount());
    assertEquals(7, d.label(0));
    assertEquals(images.toString(), d.source());
    float[] dst = new float[260];
    d.features(0, dst, 3);
    for (int v = 0; v < 256; v++) {
      // float32 division by 255, what x.float().div_(255.) computes; not v * (1/255f), which differs for some v
      assertEquals(Float.floatToIntBits((float) v / 255.0f), Float.floatToIntBits(dst[3 + v]), "value " + v);
      assertEquals(v, d.pixel(0, v));
    }
    assertEquals(1.0f, dst[3 + 255]);
    assertEquals(0.0f, dst[2]);
  }

  @Test
  void featuresOfTheRightImageLandAtTheOffset() throws IOException {
    byte[] px = new byte[3 * 2 * 2];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (10 * i);
    }
    Path images = write(dir, "images", idx(new int[] {3, 2, 2}, px));
    IdxDataset d = IdxDataset.read(images, write(dir, "labels", idx(new int[] {3}, new byte[] {0, 1, 2})));
    float[] dst = new float[6];
    d.features(2, dst, 1);
    assertEquals(80 / 255f, dst[1]);
    assertEquals(110 / 255f, dst[4]);
    assertEquals(0f, dst[5]);
    assertEquals(2, d.label(2));
    assertThrows(IndexOutOfBoundsException.class, () -> d.features(3, dst, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> d.features(0, dst, 3));
  }

  @Test
  void labelCountDifferentFromImageCountNamesTheLabelsFileAtItsCountField() {
    Path images = write(dir, "train-images-idx3-ubyte", idx(new int[] {3, 2, 2}, new byte[12]));
    Path labels = write(dir, "train-labels-idx1-ubyte", idx(new int[] {2}, new byte[] {1, 2}));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxDataset.read(images, labels));
    assertEquals(labels.toString(), e.file());
    assertEquals(4, e.offset());
    assertTrue(e.getMessage().startsWith(labels + " at byte 4: "), e.getMessage());
    assertTrue(e.getMessage().contains("holds 2 labels but " + images + " holds 3 images"), e.getMessage());
  }

  @Test
  void labelOutsideTheClassCountNamesItsOwnOffset() {
    Path images = write(dir, "images", idx(new int[] {4, 2, 2}, new byte[16]));
    Path labels = write(dir, "labels.gz", gzip(idx(new int[] {4}, new byte[] {0, 9, 10, 3})));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxDataset.read(images, labels));
    assertEquals(labels.toString(), e.file());
    assertEquals(8 + 2, e.offset());
    assertTrue(e.getMessage().contains("label 10 of item 2 is out of range; expected 0..9"), e.getMessage());
  }

  @Test
  void classCountIsConfigurable() throws IOException {
    Path images = write(dir, "images", idx(new int[] {2, 1, 1}, new byte[2]));
    Path labels = write(dir, "labels", idx(new int[] {2}, new byte[] {0, (byte) 200}));
    assertEquals(200, IdxDataset.read(images, labels, 201).label(1));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxDataset.read(images, labels, 200));
    assertEquals(9, e.offset());
  }
}
