package org.snn4j.datasets.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snn4j.api.DatasetFormatException;

/**
 * The label file of one DVS128 Gesture recording, {@code <recording>_labels.csv}: a header line {@code
 * class,startTime_usec,endTime_usec}, then one line per gesture with its class (1..11) and the time interval
 * {@code [start, end)} in µs. Intervals may overlap (some official files do); an interval must not be empty.
 */
public final class GestureLabels {
  /** The largest label file accepted. */
  public static final long MAX_BYTES = 1 << 20;

  private GestureLabels() {}

  /**
   * One gesture: class {@code label} (0-based: the file's class minus 1) during {@code [start, end)} µs.
   *
   * @param label 0..classCount-1
   * @param start first µs, inclusive
   * @param end last µs, exclusive
   */
  public record Gesture(int label, long start, long end) {}

  /**
   * Reads a label file.
   *
   * @param classCount classes in the file are 1..classCount
   * @throws DatasetFormatException naming the file and the line's byte offset for anything malformed
   */
  public static List<Gesture> read(Path csv, int classCount) throws IOException {
    String name = csv.toString();
    long size = Files.size(csv);
    if (size > MAX_BYTES) {
      throw new DatasetFormatException(name, 0, String.format(Locale.ROOT,
          "the label file has %,d bytes; expected at most %,d (a few lines)", size, MAX_BYTES));
    }
    return parse(Files.readAllBytes(csv), name, classCount);
  }

  /** Parses a label file's bytes; see {@link #read}. */
  public static List<Gesture> parse(byte[] bytes, String name, int classCount) throws DatasetFormatException {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<Gesture> gestures = new ArrayList<>();
    int at = 0;
    boolean header = true;
    while (at < text.length()) {
      int nl = text.indexOf('\n', at);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(at, end).strip();
      if (header) {
        if (!line.toLowerCase(Locale.ROOT).startsWith("class")) {
          throw new DatasetFormatException(name, at, "the first line is '" + shorten(line)
              + "'; expected the header class,startTime_usec,endTime_usec");
        }
        header = false;
      } else if (!line.isEmpty()) {
        gestures.add(row(line, name, at, classCount));
      }
      at = end + 1;
    }
    if (header) {
      throw new DatasetFormatException(name, 0, "the file is empty; expected class,startTime_usec,endTime_usec");
    }
    return gestures;
  }

  private static Gesture row(String line, String name, long at, int classCount) throws DatasetFormatException {
    String[] cells = line.split(",", -1);
    if (cells.length != 3) {
      throw new DatasetFormatException(name, at, "line '" + shorten(line) + "' has " + cells.length
          + " fields; expected 3: class,startTime_usec,endTime_usec");
    }
    long label;
    long start;
    long end;
    try {
      label = Long.parseLong(cells[0].strip());
      start = Long.parseLong(cells[1].strip());
      end = Long.parseLong(cells[2].strip());
    } catch (NumberFormatException e) {
      throw new DatasetFormatException(name, at, "line '" + shorten(line) + "' is not three integers; expected"
          + " class,startTime_usec,endTime_usec");
    }
    if (label < 1 || label > classCount) {
      throw new DatasetFormatException(name, at, "class " + label + " is out of range; expected 1.." + classCount);
    }
    if (start < 0 || end <= start) {
      throw new DatasetFormatException(name, at, "interval [" + start + ", " + end + ") is empty or negative;"
          + " expected 0 <= startTime_usec < endTime_usec");
    }
    return new Gesture((int) label - 1, start, end);
  }

  private static String shorten(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }
}
