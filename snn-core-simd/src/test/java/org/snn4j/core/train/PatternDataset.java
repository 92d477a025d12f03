package org.snn4j.core.train;

import org.snn4j.api.Dataset;
import org.snn4j.core.net.SplitMix64;

/** A small synthetic dataset: each class lights its own band of features, with noise. */
public final class PatternDataset implements Dataset {
  private final int size;
  private final int features;
  private final int classes;
  private final float[][] x;
  private final int[] y;

  PatternDataset(int size, int features, int classes, long seed) {
    this.size = size;
    this.features = features;
    this.classes = classes;
    SplitMix64 rng = new SplitMix64(seed);
    x = new float[size][features];
    y = new int[size];
    int band = features / classes;
    for (int i = 0; i < size; i++) {
      y[i] = rng.nextInt(classes);
      for (int f = 0; f < features; f++) {
        boolean on = f / band == y[i];
        x[i][f] = on ? 0.6f + 0.4f * rng.nextFloat() : 0.2f * rng.nextFloat();
      }
    }
  }

  @Override
  public String source() {
    return "patterns";
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int featureCount() {
    return features;
  }

  @Override
  public int classCount() {
    return classes;
  }

  @Override
  public void features(int index, float[] dst, int offset) {
    System.arraycopy(x[index], 0, dst, offset, features);
  }

  @Override
  public int label(int index) {
    return y[index];
  }
}
