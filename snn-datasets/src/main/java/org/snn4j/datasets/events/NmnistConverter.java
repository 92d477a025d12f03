package org.snn4j.datasets.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.snn4j.api.Split;
import org.snn4j.datasets.idx.IdxDataset;

/**
 * Turns an IDX image set (MNIST, Fashion-MNIST, KMNIST) into N-MNIST-format event files by simulating the N-MNIST
 * recording ({@link SaccadeSimulator}): image {@code i} of a split becomes {@code <Train|Test>/<label>/<i>.bin},
 * {@code i} zero-padded to five digits, so {@link NmnistReader} reads the result in the images' order. Each file is
 * written under a temporary name and renamed when complete; a {@code CONVERTED.txt} beside the splits records the
 * source and the simulation settings. Deterministic: the same images and settings give the same bytes.
 */
public final class NmnistConverter {
  private final SaccadeSimulator simulator;

  /** @param simulator the recording model */
  public NmnistConverter(SaccadeSimulator simulator) {
    this.simulator = simulator;
  }

  /** What one split's conversion produced. */
  public record Result(int samples, long events) {
    /** Mean events per sample. */
    public double meanEvents() {
      return samples == 0 ? 0 : (double) events / samples;
    }
  }

  /**
   * Converts the first {@code limit} images of {@code images} (all if {@code limit} is null) into {@code
   * out/<Train|Test>/<label>/}.
   *
   * @throws IOException if a file cannot be written
   */
  public Result convert(IdxDataset images, Split split, Path out, Integer limit) throws IOException {
    int n = limit == null ? images.size() : Math.min(limit, images.size());
    if (images.rows() > SaccadeSimulator.SENSOR - 6 || images.cols() > SaccadeSimulator.SENSOR - 6) {
      throw new IllegalArgumentException(
          images.source() + " has " + images.rows() + "x" + images.cols() + " images; the N-MNIST simulation takes"
              + " at most 28x28");
    }
    Path dir = out.resolve(split == Split.TRAIN ? "Train" : "Test");
    for (int label = 0; label < images.classCount(); label++) {
      Files.createDirectories(dir.resolve(Integer.toString(label)));
    }
    int digits = Math.max(5, Integer.toString(Math.max(0, n - 1)).length());
    int pixels = images.rows() * images.cols();
    AtomicLong events = new AtomicLong();
    ParallelLoad.run(
        n,
        () -> new Scratch(pixels),
        (i, s) -> {
          for (int j = 0; j < pixels; j++) {
            s.image[j] = (byte) images.pixel(i, j);
          }
          simulator.simulate(s.image, 0, images.rows(), images.cols(), s.events);
          events.addAndGet(s.events.size());
          String name = String.format(Locale.ROOT, "%0" + digits + "d.bin", i);
          Path target = dir.resolve(Integer.toString(images.label(i))).resolve(name);
          Path temp = target.resolveSibling(name + ".tmp");
          Files.write(temp, AtisBinFormat.encode(s.events));
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        });
    return new Result(n, events.get());
  }

  /** Writes {@code out/CONVERTED.txt}: where the events came from and how. */
  public void describe(Path out, String source, Result train, Result test) throws IOException {
    String text = String.format(Locale.ROOT,
        "N-MNIST-format events simulated by snn4j (org.snn4j.datasets.events.SaccadeSimulator) from %s%n"
            + "three saccades of %d ms, contrast threshold %.4f (log units), per-pixel spread %.3f, sensor seed %d,"
            + " step %d us%n"
            + "train: %d samples, %.0f events each on average%n"
            + "test: %d samples, %.0f events each on average%n",
        source, SaccadeSimulator.SACCADE_MICROS / 1000, simulator.threshold(), simulator.spread(), simulator.seed(),
        simulator.stepMicros(), train.samples(), train.meanEvents(), test.samples(), test.meanEvents());
    Files.createDirectories(out);
    Files.writeString(out.resolve("CONVERTED.txt"), text);
  }

  private static final class Scratch {
    final EventBuffer events = new EventBuffer();
    final byte[] image;

    Scratch(int pixels) {
      image = new byte[pixels];
    }
  }
}
