package org.snn4j.datasets.events;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.snn4j.api.DatasetFormatException;

/**
 * Streams the polarity events of an AEDAT 3.1 file (iniVation / jAER, the format of DVS128 Gesture) without holding
 * the file in memory.
 *
 * <p>Layout: an ASCII header of lines starting with {@code #}, the first {@code #!AER-DAT3.1} and the last {@code
 * #!END-HEADER}, then packets. A packet is a 28-byte little-endian header, {@code int16 eventType, int16
 * eventSource, int32 eventSize, int32 eventTSOffset, int32 eventTSOverflow, int32 eventCapacity, int32 eventNumber,
 * int32 eventValid}, followed by {@code eventCapacity · eventSize} bytes of events of which the first {@code
 * eventNumber} are used. Polarity events (type 1) are 8 bytes: {@code int32 data} (bit 0 valid, bit 1 polarity, bits
 * 2..16 y, bits 17..31 x) and {@code int32 timestamp} (µs), the full time being {@code eventTSOverflow · 2^31 +
 * timestamp}. Packets of other types are skipped; events without the valid bit are dropped.
 *
 * <p>Every problem is a {@link DatasetFormatException} with the file and byte offset: a missing or wrong first line,
 * a header without its end, a cut-off packet header, sizes that are negative or disagree, a packet claiming more
 * bytes than the file has left (checked before reading it), a polarity event not 8 bytes long, a negative
 * timestamp, a timestamp earlier than the one before, and coordinates outside the sensor.
 */
public final class Aedat31Reader {
  /** The first header line. */
  public static final String MAGIC = "#!AER-DAT3.1";

  /** The last header line. */
  public static final String END_HEADER = "#!END-HEADER";

  /** Event type of polarity events. */
  public static final int POLARITY_EVENT = 1;

  /** Bytes in a packet header. */
  public static final int PACKET_HEADER_BYTES = 28;

  /** The longest header accepted. */
  public static final int MAX_HEADER_BYTES = 1 << 20;

  private Aedat31Reader() {}

  /** Receives polarity events in file order. */
  @FunctionalInterface
  public interface PolarityListener {
    /**
     * One valid polarity event.
     *
     * @param polarity 1 ON, 0 OFF
     * @param micros the full timestamp, µs
     */
    void event(int x, int y, int polarity, long micros) throws IOException;
  }

  /**
   * Reads {@code file}, passing each valid polarity event to {@code listener}.
   *
   * @throws DatasetFormatException if the file is malformed
   * @throws IOException if it cannot be read
   */
  public static void read(Path file, int width, int height, PolarityListener listener) throws IOException {
    long length = Files.size(file);
    try (InputStream in = Files.newInputStream(file)) {
      read(in, length, file.toString(), width, height, listener);
    }
  }

  /**
   * Reads an AEDAT 3.1 stream of {@code length} bytes.
   *
   * @param name the file's name, for messages
   * @throws DatasetFormatException if the data is malformed
   */
  public static void read(InputStream raw, long length, String name, int width, int height, PolarityListener listener)
      throws IOException {
    Cursor in = new Cursor(new BufferedInputStream(raw, 1 << 16), name, length);
    readHeader(in);
    long previous = Long.MIN_VALUE;
    byte[] header = new byte[PACKET_HEADER_BYTES];
    while (in.pos < length) {
      long packetAt = in.pos;
      if (length - packetAt < PACKET_HEADER_BYTES) {
        throw in.fail(packetAt, "truncated: " + (length - packetAt) + " bytes left, less than a 28-byte packet"
            + " header; expected the complete file");
      }
      in.readFully(header);
      int type = le16(header, 0);
      int size = le32(header, 4);
      int tsOffset = le32(header, 8);
      int overflow = le32(header, 12);
      int capacity = le32(header, 16);
      int number = le32(header, 20);
      int valid = le32(header, 24);
      if (size <= 0 || capacity < 0 || number < 0 || valid < 0 || overflow < 0) {
        throw in.fail(packetAt + 4, String.format(Locale.ROOT,
            "packet header has eventSize %d, eventTSOverflow %d, eventCapacity %d, eventNumber %d, eventValid %d;"
                + " expected eventSize > 0 and the others >= 0", size, overflow, capacity, number, valid));
      }
      if (number > capacity || valid > number) {
        throw in.fail(packetAt + 16, String.format(Locale.ROOT,
            "packet header has eventCapacity %d, eventNumber %d, eventValid %d; expected valid <= number <="
                + " capacity", capacity, number, valid));
      }
      long body = (long) capacity * size;
      if (body > length - in.pos) {
        throw in.fail(packetAt + 16, String.format(Locale.ROOT,
            "the packet claims %,d event bytes (%d x %d) but only %,d bytes are left in the file; expected the"
                + " complete file (was it cut short?)", body, capacity, size, length - in.pos));
      }
      if (type != POLARITY_EVENT) {
        in.skip(body);
        continue;
      }
      if (size != 8 || tsOffset != 4) {
        throw in.fail(packetAt + 4, "polarity packet with eventSize " + size + " and eventTSOffset " + tsOffset
            + "; expected 8 and 4");
      }
      long base = (long) overflow << 31;
      byte[] event = new byte[8];
      for (int e = 0; e < number; e++) {
        long at = in.pos;
        in.readFully(event);
        int data = le32(event, 0);
        int ts = le32(event, 4);
        if ((data & 1) == 0) {
          continue;
        }
        if (ts < 0) {
          throw in.fail(at + 4, "negative timestamp " + ts + "; expected microseconds >= 0");
        }
        long micros = base + ts;
        int x = data >>> 17 & 0x7FFF;
        int y = data >>> 2 & 0x7FFF;
        if (x >= width || y >= height) {
          throw in.fail(at, String.format(Locale.ROOT,
              "event at (x=%d, y=%d) lies outside the %dx%d sensor; expected x < %d and y < %d", x, y, width,
              height, width, height));
        }
        if (micros < previous) {
          throw in.fail(at + 4, String.format(Locale.ROOT,
              "timestamp %d us is earlier than the %d us before it; expected events in time order", micros,
              previous));
        }
        previous = micros;
        listener.event(x, y, data >>> 1 & 1, micros);
      }
      in.skip((long) (capacity - number) * size);
    }
  }

  private static void readHeader(Cursor in) throws IOException {
    String first = in.line();
    if (first == null || !first.equals(MAGIC)) {
      throw in.fail(0, "the file does not start with " + MAGIC + (first == null ? "" : " (found '" + shorten(first)
          + "')") + "; expected an AEDAT 3.1 file");
    }
    while (true) {
      long at = in.pos;
      String line = in.line();
      if (line == null) {
        throw in.fail(at, "the file ends inside the header; expected a line " + END_HEADER);
      }
      if (line.equals(END_HEADER)) {
        return;
      }
      if (!line.startsWith("#")) {
        throw in.fail(at, "header line '" + shorten(line) + "' does not start with '#'; expected " + END_HEADER
            + " before the packets");
      }
    }
  }

  private static String shorten(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }

  static int le16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static int le32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  /** A stream with its byte position, the file's length, and the file name for errors. */
  private static final class Cursor {
    final InputStream in;
    final String name;
    final long length;
    long pos;

    Cursor(InputStream in, String name, long length) {
      this.in = in;
      this.name = name;
      this.length = length;
    }

    DatasetFormatException fail(long at, String problem) {
      return new DatasetFormatException(name, at, problem);
    }

    void readFully(byte[] b) throws IOException {
      int got = 0;
      while (got < b.length) {
        int n = in.read(b, got, b.length - got);
        if (n < 0) {
          throw fail(pos + got, "truncated: the data ends here; expected the complete file");
        }
        got += n;
      }
      pos += got;
    }

    void skip(long n) throws IOException {
      long left = n;
      while (left > 0) {
        long k = in.skip(left);
        if (k <= 0) {
          if (in.read() < 0) {
            throw fail(pos + n - left, "truncated: the data ends here; expected the complete file");
          }
          k = 1;
        }
        left -= k;
      }
      pos += n;
    }

    /** One header line without its line end, or null at the end of the file; never longer than the header limit. */
    String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= MAX_HEADER_BYTES) {
          throw fail(pos, "the header is longer than " + MAX_HEADER_BYTES + " bytes; expected a line " + END_HEADER);
        }
        int c = in.read();
        if (c < 0) {
          return sb.length() == 0 ? null : sb.toString();
        }
        pos++;
        if (c == '\n') {
          int end = sb.length();
          if (end > 0 && sb.charAt(end - 1) == '\r') {
            sb.setLength(end - 1);
          }
          return sb.toString();
        }
        sb.append((char) c);
      }
    }
  }
}
