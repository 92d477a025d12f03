package org.snn4j.datasets.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.PluginParams;
import org.snn4j.api.Split;

/**
 * DVS128 Gesture (Amir et al., IBM, 2017): 11 hand gestures by 29 people under several lightings, recorded by a
 * 128×128 DVS. The folder (or its {@code DvsGesture/} subfolder, as the official archive unpacks) holds one AEDAT 3.1
 * recording per person and lighting, {@code userNN_<lighting>.aedat} ({@link Aedat31Reader}), each with {@code
 * userNN_<lighting>_labels.csv} ({@link GestureLabels}) giving the gestures' classes and time intervals; every
 * gesture is one sample. {@code trials_to_train.txt} and {@code trials_to_test.txt} list the recordings of each
 * split; without them, users 1-23 train and 24-29 test, the official split.
 *
 * <p>The recordings are streamed (they are tens of megabytes each): each gesture's events are collected while its
 * interval is open and integrated into frames as soon as it closes, so memory holds the frames plus one gesture per
 * thread. Samples are ordered by recording (list order), then label-file line.
 *
 * <p>Parameters: {@code frames} (16), {@code split=number|time}, {@code mode=spike|count}, {@code downsample} (1;
 * 4 gives 32×32 frames); see {@link FrameSettings}.
 */
public final class DvsGestureReader implements DatasetReader {
  /** The plugin name. */
  public static final String NAME = "dvs-gesture";

  /** Sensor width and height. */
  public static final int SENSOR = 128;

  /** Number of gesture classes. */
  public static final int CLASSES = 11;

  /** Frames per sample unless the user says otherwise. */
  public static final int DEFAULT_FRAMES = 16;

  /** The last user of the official training split. */
  public static final int LAST_TRAIN_USER = 23;

  private static final Pattern RECORDING = Pattern.compile("user(\\d+)_[A-Za-z0-9_]+\\.aedat");

  /** Called by {@link java.util.ServiceLoader}. */
  public DvsGestureReader() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "DVS128 Gesture: AEDAT 3.1 recordings with _labels.csv (128x128, 11 classes), integrated into frames";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    return FrameSettings.defaults(DEFAULT_FRAMES);
  }

  /** The folder holding the recordings: {@code folder/DvsGesture} if it exists, else {@code folder}. */
  public static Path root(Path folder) {
    Path sub = folder.resolve("DvsGesture");
    return Files.isDirectory(sub) ? sub : folder;
  }

  /** The name of the list of one split's recordings. */
  public static String listName(Split split) {
    return split == Split.TRAIN ? "trials_to_train.txt" : "trials_to_test.txt";
  }

  /** The label file of a recording. */
  public static Path labelsOf(Path recording) {
    String name = recording.getFileName().toString();
    return recording.resolveSibling(name.substring(0, name.length() - ".aedat".length()) + "_labels.csv");
  }

  @Override
  public boolean isPresent(Path folder, Split split) {
    try {
      List<Path> recordings = recordings(folder, split);
      for (Path r : recordings) {
        if (!Files.isRegularFile(r) || !Files.isRegularFile(labelsOf(r))) {
          return false;
        }
      }
      return !recordings.isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The recordings of one split, in order: from its list file if there is one, else every {@code userNN_*.aedat}
   * of the split's users, by name.
   *
   * @throws DatasetFormatException if the list file names something that is not a recording file name
   */
  public static List<Path> recordings(Path folder, Split split) throws IOException {
    Path root = root(folder);
    Path list = root.resolve(listName(split));
    List<Path> out = new ArrayList<>();
    if (Files.isRegularFile(list)) {
      if (Files.size(list) > GestureLabels.MAX_BYTES) {
        throw new DatasetFormatException(list.toString(), 0, "the list is over 1 MiB; expected a few lines");
      }
      String text = new String(Files.readAllBytes(list), StandardCharsets.ISO_8859_1);
      int at = 0;
      while (at < text.length()) {
        int nl = text.indexOf('\n', at);
        int end = nl < 0 ? text.length() : nl;
        String line = text.substring(at, end).strip();
        if (!line.isEmpty()) {
          if (!RECORDING.matcher(line).matches()) {
            throw new DatasetFormatException(list.toString(), at, "line '" + line.replaceAll("[^\\x20-\\x7e]", "?")
                + "' is not a recording name; expected userNN_<lighting>.aedat");
          }
          out.add(root.resolve(line));
        }
        at = end + 1;
      }
      return out;
    }
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root, "user*.aedat")) {
      for (Path p : s) {
        Matcher m = RECORDING.matcher(p.getFileName().toString());
        if (m.matches()) {
          boolean train = Integer.parseInt(m.group(1)) <= LAST_TRAIN_USER;
          if (train == (split == Split.TRAIN)) {
            out.add(p);
          }
        }
      }
    }
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return out;
  }

  @Override
  public Dataset read(Path folder, Split split) throws IOException {
    return read(folder, split, PluginParams.of(NAME, parameterDefaults(), Map.of()));
  }

  @Override
  public Dataset read(Path folder, Split split, PluginParams params) throws IOException {
    FrameSettings settings = FrameSettings.from(NAME, params);
    FrameIntegrator integrator = new FrameIntegrator(settings, SENSOR, SENSOR);
    List<Path> recordings = recordings(folder, split);
    if (recordings.isEmpty()) {
      throw new NoSuchFileException(root(folder).resolve(listName(split)).toString(), null,
          "no DVS128 Gesture recordings for the " + split.name().toLowerCase(Locale.ROOT) + " split");
    }
    List<List<GestureLabels.Gesture>> labels = new ArrayList<>();
    int[] base = new int[recordings.size() + 1];
    for (int r = 0; r < recordings.size(); r++) {
      Path recording = recordings.get(r);
      if (!Files.isRegularFile(recording)) {
        throw new NoSuchFileException(recording.toString(), null, "listed in " + listName(split) + " but missing");
      }
      List<GestureLabels.Gesture> gestures = GestureLabels.read(labelsOf(recording), CLASSES);
      labels.add(gestures);
      base[r + 1] = Math.addExact(base[r], gestures.size());
    }
    EventFrameDataset data =
        EventFrameDataset.allocate(root(folder).toString(), integrator, base[recordings.size()], CLASSES);
    int cells = Math.toIntExact(integrator.sampleSize());
    ParallelLoad.run(
        recordings.size(),
        () -> new byte[cells],
        (r, counts) -> new Splitter(labels.get(r), base[r], integrator, data, counts).run(recordings.get(r)));
    return data;
  }

  /** Cuts one recording's event stream into its gestures, integrating each as soon as its interval closes. */
  private static final class Splitter {
    private final List<GestureLabels.Gesture> gestures;
    private final Integer[] byStart;
    private final int base;
    private final FrameIntegrator integrator;
    private final EventFrameDataset data;
    private final byte[] counts;
    private final List<Integer> open = new ArrayList<>();
    private final List<EventBuffer> buffers = new ArrayList<>();
    private final Deque<EventBuffer> spare = new ArrayDeque<>();
    private int next;

    Splitter(List<GestureLabels.Gesture> gestures, int base, FrameIntegrator integrator, EventFrameDataset data,
        byte[] counts) {
      this.gestures = gestures;
      this.base = base;
      this.integrator = integrator;
      this.data = data;
      this.counts = counts;
      this.byStart = new Integer[gestures.size()];
      for (int g = 0; g < byStart.length; g++) {
        byStart[g] = g;
      }
      java.util.Arrays.sort(byStart, Comparator.comparingLong(g -> gestures.get(g).start()));
    }

    void run(Path recording) throws IOException {
      Aedat31Reader.read(recording, SENSOR, SENSOR, this::event);
      while (next < byStart.length) {
        openNext();
      }
      for (int k = open.size() - 1; k >= 0; k--) {
        close(k);
      }
    }

    private void event(int x, int y, int p, long t) {
      while (next < byStart.length && gestures.get(byStart[next]).start() <= t) {
        openNext();
      }
      for (int k = open.size() - 1; k >= 0; k--) {
        if (t >= gestures.get(open.get(k)).end()) {
          close(k);
        } else {
          buffers.get(k).add(x, y, p, t);
        }
      }
    }

    private void openNext() {
      EventBuffer b = spare.isEmpty() ? new EventBuffer() : spare.pop();
      b.clear();
      open.add(byStart[next++]);
      buffers.add(b);
    }

    private void close(int k) {
      int g = open.remove(k);
      EventBuffer b = buffers.remove(k);
      integrator.integrate(b, counts);
      data.put(base + g, counts, gestures.get(g).label());
      spare.push(b);
    }
  }

  @Override
  public String toString() {
    return NAME;
  }
}
