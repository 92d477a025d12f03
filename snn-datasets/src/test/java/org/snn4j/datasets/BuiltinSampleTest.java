package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.snn4j.api.Dataset;
import org.snn4j.api.Split;

class BuiltinSampleTest {
  @Test
  void trainingSampleHas6000ImagesOf784PixelsWithLabelsOfAllTenClasses() throws IOException {
    assertSample(BuiltinSample.read(Split.TRAIN), 6000, "train");
  }

  @Test
  void testSampleHas1000ImagesOf784PixelsWithLabelsOfAllTenClasses() throws IOException {
    assertSample(BuiltinSample.read(Split.TEST), 1000, "t10k");
  }

  @Test
  void shipsTheLicenceNextToTheData() throws IOException {
    try (InputStream in =
        BuiltinSample.class.getResourceAsStream("/org/snn4j/datasets/sample/fashion-mnist/NOTICE-fashion-mnist.txt")) {
      String notice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(notice.contains("Copyright (c) 2017 Zalando SE"));
      assertTrue(notice.contains("github.com/zalandoresearch/fashion-mnist"));
      assertTrue(notice.contains("Permission is hereby granted, free of charge"));
    }
  }

  private static void assertSample(Dataset d, int size, String prefix) {
    assertEquals(size, d.size());
    assertEquals(784, d.featureCount());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 28, 28}, d.sampleShape());
    assertEquals(10, d.classCount());
    assertEquals("builtin:fashion-mnist/" + prefix + "-images-idx3-ubyte.gz", d.source());
    int[] perClass = new int[10];
    float[] features = new float[784];
    float max = 0;
    for (int i = 0; i < d.size(); i++) {
      int label = d.label(i);
      assertTrue(label >= 0 && label < 10, "label " + label);
      perClass[label]++;
      d.features(i, features, 0);
      for (float f : features) {
        assertTrue(f >= 0f && f <= 1f);
        max = Math.max(max, f);
      }
    }
    for (int c = 0; c < 10; c++) {
      // Fashion-MNIST is balanced; a prefix of it is roughly so
      assertTrue(perClass[c] > size / 20, "class " + c + " has " + perClass[c]);
    }
    assertEquals(1f, max);
  }
}
