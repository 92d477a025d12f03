package com.example.embed;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.core.net.StreamSession;
import org.snn4j.runtime.ModelException;
import org.snn4j.runtime.Prediction;
import org.snn4j.runtime.Predictor;
import org.snn4j.runtime.SnnModel;

/**
 * Loads an snn4j model and classifies images as a stream: each image is encoded with the model's encoder into its
 * time steps, which are fed to a streaming session one at a time; the session decides early once one class leads
 * by a margin of spikes. Each streamed result is checked against the whole-sample prediction of the same spikes.
 *
 * <p>Arguments: {@code MODEL IMAGES LABELS [SAMPLES [MARGIN]]}, the images and labels as IDX files (raw or .gz).
 */
public final class EmbedExample {
  private EmbedExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: EmbedExample MODEL IMAGES LABELS [SAMPLES [MARGIN]]");
      System.exit(2);
    }
    SnnModel model;
    try {
      model = SnnModel.load(Path.of(args[0]));
    } catch (ModelException e) {
      System.err.println("embed-example: " + e.getMessage());
      System.exit(2);
      return;
    }
    float[][] images = readImages(Path.of(args[1]));
    byte[] labels = readLabels(Path.of(args[2]));
    int samples = Math.min(images.length, args.length > 3 ? Integer.parseInt(args[3]) : 100);
    int margin = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int steps = model.timesteps();
    int in = model.inputSize();
    // a membrane readout's last layer does not spike: no early decision, the stream runs every step
    boolean spiking = !model.readout().membrane();
    System.out.println("model " + model.file() + ": " + in + " inputs, " + model.classes() + " classes, " + steps
        + " steps, encoder " + model.encoder().name() + ", readout " + model.readout() + ", "
        + (spiking ? "early decision at a lead of " + margin + " spikes" : "no early decision"));

    int correct = 0;
    int agree = 0;
    long decidedSteps = 0;
    long nanos = 0;
    byte[] step = new byte[in];
    try (StreamSession stream = model.newStream(1); Predictor predictor = model.newPredictor()) {
      stream.setDecisionMargin(spiking ? margin : 0);
      float[] scores = new float[model.classes()];
      for (int i = 0; i < samples; i++) {
        long key = SpikeEncoder.streamKey(0, 0, i);
        byte[] spikes = model.encode(images[i], key);
        stream.reset();
        int decidedAt = steps;
        int label = -1;
        long start = System.nanoTime();
        for (int t = 0; t < steps; t++) {
          System.arraycopy(spikes, t * in, step, 0, in);
          stream.step(step);
          if (stream.decided(0) && label < 0) {
            label = stream.decision(0);
            decidedAt = stream.decisionStep(0);
          }
        }
        nanos += System.nanoTime() - start;
        // over all T steps the stream scores (and counts) what the whole-sample prediction does
        Prediction whole = predictor.predict(images[i], key);
        stream.scores(scores);
        boolean same = Arrays.equals(scores, whole.rates());
        for (int k = 0; spiking && k < stream.outputSize(); k++) {
          same &= whole.spikeCounts()[k] == stream.spikeCount(0, k);
        }
        agree += same ? 1 : 0;
        if (label < 0) {
          label = stream.leader(0);
        }
        correct += label == labels[i] ? 1 : 0;
        decidedSteps += decidedAt;
        if (i < 10) {
          System.out.println("sample " + i + ": class " + label + " (label " + labels[i] + "), decided at step "
              + decidedAt + " of " + steps + "; whole sample: class " + whole.label());
        }
      }
    }
    System.out.printf("accuracy %.2f%% over %d samples, %.2f steps on average to decide, %.1f us per step;"
            + " streamed scores and counts equal the whole-sample prediction for %d/%d%n",
        100.0 * correct / samples, samples, (double) decidedSteps / samples, nanos / 1e3 / samples / steps, agree,
        samples);
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    return file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
  }

  /** IDX images (magic 2051), as intensities in [0, 1]. */
  static float[][] readImages(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      if (magic != 0x803) {
        throw new IOException(file + ": not an IDX image file (magic " + Integer.toHexString(magic) + ")");
      }
      int n = in.readInt();
      int size = in.readInt() * in.readInt();
      float[][] images = new float[n][size];
      byte[] row = new byte[size];
      for (int i = 0; i < n; i++) {
        in.readFully(row);
        for (int j = 0; j < size; j++) {
          images[i][j] = (row[j] & 0xFF) / 255f;
        }
      }
      return images;
    }
  }

  /** IDX labels (magic 2049). */
  static byte[] readLabels(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      if (magic != 0x801) {
        throw new IOException(file + ": not an IDX label file (magic " + Integer.toHexString(magic) + ")");
      }
      byte[] labels = new byte[in.readInt()];
      in.readFully(labels);
      return labels;
    }
  }
}
