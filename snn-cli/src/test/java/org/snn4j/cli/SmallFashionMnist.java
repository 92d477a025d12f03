package org.snn4j.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snn4j.api.Dataset;
import org.snn4j.api.Split;
import org.snn4j.datasets.BuiltinSample;

/** Writes the first samples of the built-in Fashion-MNIST sample as raw IDX files into a folder, for CLI tests. */
final class SmallFashionMnist {
  private SmallFashionMnist() {}

  static Path write(Path folder, int train, int test) throws IOException {
    Files.createDirectories(folder);
    write(folder, "train", BuiltinSample.read(Split.TRAIN), train);
    write(folder, "t10k", BuiltinSample.read(Split.TEST), test);
    return folder;
  }

  private static void write(Path folder, String prefix, Dataset d, int n) throws IOException {
    float[] x = new float[784];
    try (DataOutputStream img = out(folder.resolve(prefix + "-images-idx3-ubyte"));
        DataOutputStream lab = out(folder.resolve(prefix + "-labels-idx1-ubyte"))) {
      img.writeInt(0x803);
      img.writeInt(n);
      img.writeInt(28);
      img.writeInt(28);
      lab.writeInt(0x801);
      lab.writeInt(n);
      for (int i = 0; i < n; i++) {
        d.features(i, x, 0);
        for (float v : x) {
          img.write(Math.round(v * 255f));
        }
        lab.write(d.label(i));
      }
    }
  }

  private static DataOutputStream out(Path p) throws IOException {
    OutputStream os = Files.newOutputStream(p);
    return new DataOutputStream(new java.io.BufferedOutputStream(os));
  }
}
