package org.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.api.Dataset;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Adam;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.api.PluginSpec;
import org.snn4j.surrogates.RectangularSurrogate;

/** Random crop with padding and horizontal flip: what they do to an image, and their seeding. */
class AugmentationTest {
  private static final int C = 2;
  private static final int H = 4;
  private static final int W = 5;

  private static float[] image() {
    float[] x = new float[C * H * W];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  /** The image shifted by (dy, dx), mirrored first when asked, with zeros shifted in. */
  private static float[] expected(float[] x, int dy, int dx, boolean mirror) {
    float[] out = new float[x.length];
    for (int c = 0; c < C; c++) {
      for (int y = 0; y < H; y++) {
        for (int xx = 0; xx < W; xx++) {
          int sy = y + dy;
          int sx = (mirror ? W - 1 - xx : xx) + dx;
          out[(c * H + y) * W + xx] = sy >= 0 && sy < H && sx >= 0 && sx < W ? x[(c * H + sy) * W + sx] : 0f;
        }
      }
    }
    return out;
  }

  @Test
  void everyResultIsAShiftWithinThePaddingOrItsMirrorAndAllOccur() {
    Augmentation a = Augmentation.parse("crop=1,flip");
    boolean[][][] seen = new boolean[3][3][2];
    for (int index = 0; index < 400; index++) {
      float[] x = image();
      a.apply(x, 0, C, H, W, 9, 1, index, new float[x.length]);
      boolean matched = false;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          for (int m = 0; m < 2; m++) {
            if (Arrays.equals(expected(image(), dy, dx, m == 1), x)) {
              seen[dy + 1][dx + 1][m] = true;
              matched = true;
            }
          }
        }
      }
      assertTrue(matched, "sample " + index + ": " + Arrays.toString(x));
    }
    for (boolean[][] row : seen) {
      for (boolean[] cell : row) {
        assertTrue(cell[0] && cell[1], "every shift, mirrored and not, occurs in 400 samples");
      }
    }
  }

  @Test
  void seededBySeedEpochAndIndex() {
    Augmentation a = Augmentation.parse("crop=2,flip");
    float[] first = image();
    float[] again = image();
    a.apply(first, 0, C, H, W, 5, 3, 17, new float[first.length]);
    a.apply(again, 0, C, H, W, 5, 3, 17, new float[again.length]);
    assertArrayEquals(first, again);
    int differ = 0;
    for (int epoch = 4; epoch < 24; epoch++) {
      float[] other = image();
      a.apply(other, 0, C, H, W, 5, epoch, 17, new float[other.length]);
      differ += Arrays.equals(first, other) ? 0 : 1;
    }
    assertTrue(differ > 10, "other epochs draw other crops: " + differ + " of 20 differ");
  }

  @Test
  void parsesAndRejects() {
    assertNull(Augmentation.parse("none"));
    assertEquals("crop=4,flip", Augmentation.parse("flip, crop=4").toString());
    assertEquals("flip", Augmentation.parse("flip").toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("rotate"));
    assertTrue(e.getMessage().contains("known: crop=P"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("crop=x"));
    assertTrue(e.getMessage().contains("crop=P"), e.getMessage());
  }

  /** The pattern dataset's 64 features as 1×8×8 images. */
  private static Dataset images(PatternDataset d) {
    return new Dataset() {
      @Override
      public String source() {
        return "images";
      }

      @Override
      public int size() {
        return d.size();
      }

      @Override
      public int featureCount() {
        return d.featureCount();
      }

      @Override
      public int[] sampleShape() {
        return new int[] {1, 8, 8};
      }

      @Override
      public int classCount() {
        return d.classCount();
      }

      @Override
      public void features(int index, float[] dst, int offset) {
        d.features(index, dst, offset);
      }

      @Override
      public int label(int index) {
        return d.label(index);
      }
    };
  }

  private static float[] trainedWeights(int threads, Augmentation augmentation) {
    Dataset data = images(new PatternDataset(120, 64, 4, 5));
    try (WorkerPool pool = new WorkerPool(threads)) {
      SequentialNet net = SequentialNet.mlp(new int[] {64, 24, 4}, LifNeuron.PAPER, 3, Kernels.get());
      StbpTrainer trainer = new StbpTrainer(net, new RectangularSurrogate().create(PluginSpec.parse("rectangular")),
          Losses.byName("mse"), new Adam(0.01f), pool);
      try (TrainingLoop loop = new TrainingLoop(trainer, new BernoulliTestEncoder(), Losses.byName("mse"), 4, 16, 7,
          pool)) {
        loop.setAugmentation(augmentation);
        loop.trainEpoch(data, 1, ProgressListener.NONE);
        loop.trainEpoch(data, 2, ProgressListener.NONE);
      }
      return net.spikingLayers().get(0).weight().clone();
    }
  }

  @Test
  void augmentedTrainingHasTheSameBitsAtOneAndTwoThreads() {
    Augmentation a = Augmentation.parse("crop=2,flip");
    float[] one = trainedWeights(1, a);
    assertArrayEquals(one, trainedWeights(2, a));
    assertFalse(Arrays.equals(one, trainedWeights(1, null)), "the augmentation changes what is trained");
  }

  @Test
  void refusesDataThatAreNotImages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BatchEncoder(new PatternDataset(10, 64, 4, 5), new BernoulliTestEncoder(), 4, 1,
            Augmentation.parse("flip")));
    assertTrue(e.getMessage().contains("needs static images"), e.getMessage());
  }
}
