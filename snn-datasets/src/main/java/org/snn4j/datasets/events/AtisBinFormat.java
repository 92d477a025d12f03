package org.snn4j.datasets.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.snn4j.api.DatasetFormatException;

/**
 * The ATIS event format of N-MNIST and N-Caltech101 (Orchard et al., 2015): one file per sample, 5 bytes per event,
 *
 * <pre>
 * byte 0      x address (pixels)
 * byte 1      y address (pixels)
 * byte 2      bit 7: polarity (1 = ON, 0 = OFF); bits 6..0: timestamp bits 22..16
 * bytes 3, 4  timestamp bits 15..0, big-endian (microseconds)
 * </pre>
 *
 * An event whose y address is 240 is not an event but a timestamp-overflow marker: every later timestamp is {@code
 * 2^13} µs larger (the convention of Orchard's {@code eventvision.py}, kept by Tonic).
 *
 * <p>{@link #parse} rejects, with a {@link DatasetFormatException} naming the file and the byte offset: an empty file,
 * a length that is not a multiple of 5 (a cut-off event), an address outside the sensor, and a timestamp smaller than
 * the one before. Files over {@link #MAX_EVENTS} events are refused before they are read.
 */
public final class AtisBinFormat {
  /** Bytes per event. */
  public static final int EVENT_BYTES = 5;

  /** The y address that marks a timestamp overflow. */
  public static final int OVERFLOW_Y = 240;

  /** What one overflow marker adds to the later timestamps, in µs. */
  public static final long OVERFLOW_STEP = 1L << 13;

  /** The largest timestamp one event can hold without a marker, exclusive: 2^23 µs, about 8.4 s. */
  public static final long TIMESTAMP_LIMIT = 1L << 23;

  /** The most events one file may hold: 2^24 (80 MiB); an N-MNIST sample has about 4,000. */
  public static final int MAX_EVENTS = 1 << 24;

  private AtisBinFormat() {}

  /**
   * Reads one file's events into {@code out} (cleared first).
   *
   * @param width events need {@code x < width}
   * @param height events need {@code y < height} (other than overflow markers)
   * @throws DatasetFormatException if the file is malformed
   * @throws IOException if it cannot be read
   */
  public static void read(Path file, int width, int height, EventBuffer out) throws IOException {
    long length = Files.size(file);
    if (length > (long) MAX_EVENTS * EVENT_BYTES) {
      throw new DatasetFormatException(file.toString(), 0, String.format(Locale.ROOT,
          "the file has %,d bytes, %,d events; expected at most %,d events (about 4,000 for an N-MNIST sample)",
          length, length / EVENT_BYTES, MAX_EVENTS));
    }
    parse(Files.readAllBytes(file), file.toString(), width, height, out);
  }

  /**
   * Parses a file's bytes into {@code out} (cleared first).
   *
   * @param name the file's name, for messages
   * @throws DatasetFormatException if the bytes are malformed
   */
  public static void parse(byte[] data, String name, int width, int height, EventBuffer out)
      throws DatasetFormatException {
    out.clear();
    if (data.length == 0) {
      throw new DatasetFormatException(name, 0, "the file is empty; expected 5-byte ATIS events (N-MNIST .bin)");
    }
    if (data.length > MAX_EVENTS * EVENT_BYTES) {
      throw new DatasetFormatException(name, 0, "the file holds more than " + MAX_EVENTS + " events");
    }
    int whole = data.length - data.length % EVENT_BYTES;
    long offset = 0;
    long previous = 0;
    for (int at = 0; at < whole; at += EVENT_BYTES) {
      int x = data[at] & 0xff;
      int y = data[at + 1] & 0xff;
      int b2 = data[at + 2] & 0xff;
      if (y == OVERFLOW_Y) {
        offset += OVERFLOW_STEP;
        continue;
      }
      long t = ((long) (b2 & 0x7f) << 16 | (data[at + 3] & 0xff) << 8 | (data[at + 4] & 0xff)) + offset;
      if (x >= width || y >= height) {
        throw new DatasetFormatException(name, at, String.format(Locale.ROOT,
            "event %d at (x=%d, y=%d) lies outside the %dx%d sensor; expected x < %d and y < %d (is this an N-MNIST"
                + " file?)", at / EVENT_BYTES, x, y, width, height, width, height));
      }
      if (t < previous) {
        throw new DatasetFormatException(name, at + 2, String.format(Locale.ROOT,
            "event %d has timestamp %d us, earlier than the %d us before it; expected timestamps in order",
            at / EVENT_BYTES, t, previous));
      }
      previous = t;
      out.add(x, y, b2 >>> 7, t);
    }
    if (whole != data.length) {
      throw new DatasetFormatException(name, whole, String.format(Locale.ROOT,
          "truncated: the last event has %d of its 5 bytes (the file has %,d bytes, not a multiple of 5); expected"
              + " the complete file", data.length - whole, data.length));
    }
  }

  /**
   * Encodes events in this format, inserting overflow markers where a timestamp needs more than 23 bits.
   *
   * @throws IllegalArgumentException if an event lies outside a 240×240 address space (y = 240 is the marker),
   *     has a polarity other than 0 or 1, or goes back in time
   */
  public static byte[] encode(EventBuffer events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * EVENT_BYTES);
    long offset = 0;
    long previous = 0;
    for (int e = 0; e < events.size(); e++) {
      int x = events.x(e);
      int y = events.y(e);
      int p = events.p(e);
      long t = events.t(e);
      if (x < 0 || x > 255 || y < 0 || y >= OVERFLOW_Y || (p & ~1) != 0 || t < previous) {
        throw new IllegalArgumentException(
            "event " + e + " (x=" + x + ", y=" + y + ", p=" + p + ", t=" + t + ") cannot be written as ATIS");
      }
      previous = t;
      while (t - offset >= TIMESTAMP_LIMIT) {
        out.write(0);
        out.write(OVERFLOW_Y);
        out.write(0);
        out.write(0);
        out.write(0);
        offset += OVERFLOW_STEP;
      }
      long ts = t - offset;
      out.write(x);
      out.write(y);
      out.write(p << 7 | (int) (ts >>> 16) & 0x7f);
      out.write((int) (ts >>> 8) & 0xff);
      out.write((int) ts & 0xff);
    }
    return out.toByteArray();
  }
}
