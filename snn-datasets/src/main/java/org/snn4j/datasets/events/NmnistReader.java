package org.snn4j.datasets.events;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.PluginParams;
import org.snn4j.api.Split;

/**
 * N-MNIST (Orchard et al., 2015): MNIST digits recorded by an ATIS event camera moved in three saccades, 34×34
 * pixels, one {@link AtisBinFormat} file per sample in {@code Train/<label>/*.bin} and {@code Test/<label>/*.bin}
 * (the layout of the official {@code Train.zip} and {@code Test.zip}; lower-case {@code train}/{@code test} work too).
 * The same layout holds events converted from any IDX set by {@link NmnistConverter}.
 *
 * <p>Every file is read (on all cores) and integrated into {@link FrameSettings#frames()} frames of {@code 2×34×34}
 * cells when the split is read; only the frames are kept. Samples are ordered by file name, then label, which for
 * N-MNIST and converted sets is the order of the source images, so the first samples mix all classes.
 *
 * <p>Parameters: {@code frames} (10), {@code split=number|time}, {@code mode=spike|count}, {@code downsample} (1);
 * see {@link FrameSettings}.
 */
public final class NmnistReader implements DatasetReader {
  /** The plugin name. */
  public static final String NAME = "nmnist";

  /** Sensor width and height in pixels. */
  public static final int SENSOR = 34;

  /** Frames per sample unless the user says otherwise. */
  public static final int DEFAULT_FRAMES = 10;

  private static final int CLASSES = 10;

  /** Called by {@link java.util.ServiceLoader}. */
  public NmnistReader() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "N-MNIST events: Train|Test/<label>/*.bin (ATIS, 34x34), integrated into frames";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    return FrameSettings.defaults(DEFAULT_FRAMES);
  }

  /** The folder of one split: {@code Train} or {@code Test} (or lower-case), or null if neither exists. */
  public static Path splitFolder(Path folder, Split split) {
    String name = split == Split.TRAIN ? "Train" : "Test";
    for (String candidate : new String[] {name, name.toLowerCase(java.util.Locale.ROOT)}) {
      Path p = folder.resolve(candidate);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return null;
  }

  @Override
  public boolean isPresent(Path folder, Split split) {
    Path dir = splitFolder(folder, split);
    if (dir == null) {
      return false;
    }
    for (int label = 0; label < CLASSES; label++) {
      Path labelDir = dir.resolve(Integer.toString(label));
      if (Files.isDirectory(labelDir)) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(labelDir, "*.bin")) {
          if (s.iterator().hasNext()) {
            return true;
          }
        } catch (IOException e) {
          return false;
        }
      }
    }
    return false;
  }

  @Override
  public Dataset read(Path folder, Split split) throws IOException {
    return read(folder, split, PluginParams.of(NAME, parameterDefaults(), Map.of()));
  }

  @Override
  public Dataset read(Path folder, Split split, PluginParams params) throws IOException {
    FrameSettings settings = FrameSettings.from(NAME, params);
    List<Sample> samples = list(folder, split);
    FrameIntegrator integrator = new FrameIntegrator(settings, SENSOR, SENSOR);
    Path dir = splitFolder(folder, split);
    EventFrameDataset data = EventFrameDataset.allocate(dir.toString(), integrator, samples.size(), CLASSES);
    int cells = Math.toIntExact(integrator.sampleSize());
    ParallelLoad.run(
        samples.size(),
        () -> new Scratch(cells),
        (i, s) -> {
          Sample sample = samples.get(i);
          AtisBinFormat.read(sample.file, SENSOR, SENSOR, s.events);
          integrator.integrate(s.events, s.counts);
          data.put(i, s.counts, sample.label);
        });
    return data;
  }

  /**
   * The sample files of one split, in dataset order (file name, then label).
   *
   * @throws NoSuchFileException if the split's folder is missing
   * @throws DatasetFormatException if it holds no {@code .bin} files
   */
  public static List<Sample> list(Path folder, Split split) throws IOException {
    Path dir = splitFolder(folder, split);
    if (dir == null) {
      throw new NoSuchFileException(folder.resolve(split == Split.TRAIN ? "Train" : "Test").toString(), null,
          "the N-MNIST split folder is missing");
    }
    List<Sample> samples = new ArrayList<>();
    for (int label = 0; label < CLASSES; label++) {
      Path labelDir = dir.resolve(Integer.toString(label));
      if (!Files.isDirectory(labelDir)) {
        continue;
      }
      try (DirectoryStream<Path> s = Files.newDirectoryStream(labelDir, "*.bin")) {
        for (Path file : s) {
          if (Files.isRegularFile(file)) {
            samples.add(new Sample(file, label));
          }
        }
      }
    }
    if (samples.isEmpty()) {
      throw new DatasetFormatException(dir.toString(), -1,
          "no .bin files in " + dir + "/<label>/; expected the N-MNIST layout Train|Test/0..9/*.bin");
    }
    samples.sort(Comparator.comparing((Sample s) -> s.file.getFileName().toString()).thenComparingInt(s -> s.label));
    return samples;
  }

  /** One sample file and its label (the folder it is in). */
  public record Sample(Path file, int label) {}

  private static final class Scratch {
    final EventBuffer events = new EventBuffer();
    final byte[] counts;

    Scratch(int cells) {
      counts = new byte[cells];
    }
  }

  @Override
  public String toString() {
    return NAME;
  }
}
