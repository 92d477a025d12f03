package org.snn4j.datasets.idx;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.datasets.HeapCheck;

/**
 * Reads IDX files of unsigned bytes, the format of MNIST, Fashion-MNIST and KMNIST, raw or gzip-compressed.
 *
 * <p>Layout: two zero bytes, the data type ({@code 0x08} = unsigned byte, the only type supported), the number of
 * dimensions, each dimension as a big-endian int32, then the data in row-major order. Gzip is recognised by its
 * magic bytes {@code 1f 8b}, never by the file name.
 *
 * <p>Every malformed input fails with a {@link DatasetFormatException} naming the file and the byte offset (in the
 * decompressed stream for gzip files). The header is never trusted for allocation: a raw file's claim is checked
 * against its length first, and gzip data is read in chunks that grow only as bytes actually arrive, so a header
 * that claims two billion items on a tiny file fails at the offset where the data ended.
 */
public final class IdxReader {
  /** Number of dimensions of an images file: count, rows, columns. */
  public static final int IMAGE_RANK = 3;

  /** Number of dimensions of a labels file: count. */
  public static final int LABEL_RANK = 1;

  private static final int TYPE_UNSIGNED_BYTE = 0x08;
  // the largest array HotSpot allocates; a bigger claim is a lie or data no byte[] can hold
  private static final int MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
  private static final int FIRST_CHUNK = 1 << 20;
  private static final int STREAM_BUFFER = 1 << 16;

  private IdxReader() {}

  /**
   * Reads an IDX file, raw or gzip-compressed.
   *
   * @param expectedRank the number of dimensions the caller needs ({@link #IMAGE_RANK} or {@link #LABEL_RANK})
   * @throws DatasetFormatException if the file is malformed or has another number of dimensions
   * @throws IOException if the file cannot be read
   */
  public static IdxArray read(Path file, int expectedRank) throws IOException {
    String name = file.toString();
    long length = Files.size(file);
    if (length == 0) {
      throw new DatasetFormatException(name, 0, "the file is empty; expected an IDX file or a gzip of one");
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), STREAM_BUFFER)) {
      return read(in, name, expectedRank, length);
    }
  }

  /**
   * Reads an IDX stream, raw or gzip-compressed, to its end and closes it.
   *
   * @param displayName how messages name the stream, e.g. {@code builtin:fashion-mnist/train-images-idx3-ubyte.gz}
   * @param expectedRank the number of dimensions the caller needs ({@link #IMAGE_RANK} or {@link #LABEL_RANK})
   * @throws DatasetFormatException if the data is malformed or has another number of dimensions
   * @throws IOException if the stream cannot be read
   */
  public static IdxArray read(InputStream in, String displayName, int expectedRank) throws IOException {
    try (InputStream buffered = new BufferedInputStream(in, STREAM_BUFFER)) {
      return read(buffered, displayName, expectedRank, -1);
    }
  }

  /** {@code rawLength} is the file's length when known and the file is not compressed, else -1. */
  private static IdxArray read(InputStream in, String name, int expectedRank, long rawLength) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 < 0) {
      throw new DatasetFormatException(name, 0, "the file is empty; expected an IDX file or a gzip of one");
    }
    if (b0 == 0x1f && b1 == 0x8b) {
      GZIPInputStream gzip;
      try {
        gzip = new GZIPInputStream(in, STREAM_BUFFER);
      } catch (ZipException | EOFException e) {
        throw new DatasetFormatException(
            name, 0, "corrupt gzip header (" + e.getMessage() + "); expected a gzip-compressed IDX file");
      }
      try (InputStream body = gzip) {
        return readIdx(new Cursor(body, name, true), expectedRank, -1);
      }
    }
    return readIdx(new Cursor(in, name, false), expectedRank, rawLength);
  }

  private static IdxArray readIdx(Cursor cur, int expectedRank, long rawLength) throws IOException {
    int[] dims = readHeader(cur, expectedRank);
    long headerSize = cur.pos;
    long claimed = product(dims);
    long dataEnd = saturatedAdd(headerSize, claimed);
    byte[] data;
    if (rawLength >= 0) {
      if (rawLength < dataEnd) {
        throw truncated(cur.file, rawLength, dims, claimed, dataEnd);
      }
      if (rawLength > dataEnd) {
        throw trailing(cur.file, dataEnd, rawLength);
      }
      if (claimed > MAX_DATA_BYTES) {
        throw tooLarge(cur.file, dims, claimed);
      }
      HeapCheck.require(cur.file, claimed);
      data = new byte[(int) claimed];
      if (cur.readFully(data, 0, data.length) < data.length) {
        // the file shrank while we read it
        throw truncated(cur.file, cur.pos, dims, claimed, dataEnd);
      }
    } else {
      data = readGrowing(cur, dims, claimed, dataEnd);
    }
    if (cur.readByte() >= 0) {
      throw trailing(cur.file, dataEnd, -1);
    }
    return new IdxArray(dims, data);
  }

  private static int[] readHeader(Cursor cur, int expectedRank) throws IOException {
    byte[] magic = new byte[4];
    int got = cur.readFully(magic, 0, 4);
    String expectedMagic = "00 00 08 " + String.format(Locale.ROOT, "%02x", expectedRank);
    if (got == 0) {
      throw new DatasetFormatException(
          cur.file, 0, "the gzip stream decompresses to nothing; expected an IDX file starting " + expectedMagic);
    }
    if (got < 4) {
      throw new DatasetFormatException(
          cur.file, got, "the file ends inside the 4-byte IDX magic number; expected " + expectedMagic);
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new DatasetFormatException(
          cur.file,
          0,
          "wrong magic number "
              + hex(magic)
              + (cur.gzip
                  ? " after decompression; expected an IDX file starting " + expectedMagic
                  : "; expected an IDX file (starting " + expectedMagic + ") or a gzip file (starting 1f 8b)"));
    }
    int type = magic[2] & 0xff;
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new DatasetFormatException(
          cur.file,
          2,
          String.format(Locale.ROOT, "IDX data type 0x%02x (%s) is not supported", type, typeName(type))
              + "; expected 0x08 (unsigned byte)");
    }
    int rank = magic[3] & 0xff;
    if (rank != expectedRank) {
      throw new DatasetFormatException(
          cur.file,
          3,
          "the header declares " + rank + " dimension(s); expected " + expectedRank + " " + rankMeaning(expectedRank)
              + rankHint(rank, expectedRank));
    }
    byte[] raw = new byte[4 * rank];
    got = cur.readFully(raw, 0, raw.length);
    if (got < raw.length) {
      throw new DatasetFormatException(
          cur.file, cur.pos, "the file ends inside the header; expected " + rank + " big-endian int32 dimension(s)");
    }
    int[] dims = new int[rank];
    for (int k = 0; k < rank; k++) {
      int d = (raw[4 * k] & 0xff) << 24 | (raw[4 * k + 1] & 0xff) << 16 | (raw[4 * k + 2] & 0xff) << 8
          | (raw[4 * k + 3] & 0xff);
      if (d <= 0) {
        throw new DatasetFormatException(
            cur.file,
            4 + 4L * k,
            "dimension " + k + " is " + d + " (" + hex(Arrays.copyOfRange(raw, 4 * k, 4 * k + 4))
                + "); expected a positive big-endian int32 size");
      }
      dims[k] = d;
    }
    return dims;
  }

  /**
   * Reads {@code claimed} bytes when the length is not known up front, growing the buffer only as data arrives so a
   * lying header costs at most twice the bytes really present.
   */
  private static byte[] readGrowing(Cursor cur, int[] dims, long claimed, long dataEnd) throws IOException {
    long limit = Math.min(claimed, MAX_DATA_BYTES);
    byte[] buf = new byte[(int) Math.min(limit, FIRST_CHUNK)];
    int filled = 0;
    while (true) {
      filled += cur.readFully(buf, filled, buf.length - filled);
      if (filled < buf.length) {
        throw truncated(cur.file, cur.pos, dims, claimed, dataEnd);
      }
      if (filled == limit) {
        break;
      }
      buf = Arrays.copyOf(buf, (int) Math.min(limit, 2L * buf.length));
    }
    if (claimed > limit) {
      throw tooLarge(cur.file, dims, claimed);
    }
    return buf;
  }

  private static DatasetFormatException truncated(String file, long at, int[] dims, long claimed, long dataEnd) {
    return new DatasetFormatException(
        file,
        at,
        "truncated: the data ends here, but the header (" + shape(dims) + ") claims " + claimed
            + " data bytes, up to byte " + dataEnd + "; expected the complete file (was the download cut short?)");
  }

  private static DatasetFormatException trailing(String file, long dataEnd, long rawLength) {
    return new DatasetFormatException(
        file,
        dataEnd,
        "unexpected bytes after the last item"
            + (rawLength >= 0 ? " (the file has " + rawLength + " bytes)" : "")
            + "; expected the file to end where the header's dimensions say");
  }

  private static DatasetFormatException tooLarge(String file, int[] dims, long claimed) {
    return new DatasetFormatException(
        file,
        4,
        "the header (" + shape(dims) + ") claims " + claimed + " data bytes; expected at most " + MAX_DATA_BYTES
            + ", the most one array can hold");
  }

  private static long product(int[] dims) {
    long p = 1;
    for (int d : dims) {
      // saturate: only "more than any file we can hold" matters, and Long.MAX_VALUE says that
      p = p > Long.MAX_VALUE / d ? Long.MAX_VALUE : p * d;
    }
    return p;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static String shape(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < dims.length; k++) {
      sb.append(k == 0 ? "" : " x ").append(dims[k]);
    }
    return sb.toString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", b & 0xff));
    }
    return sb.toString();
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x09 -> "signed byte";
      case 0x0b -> "short";
      case 0x0c -> "int";
      case 0x0d -> "float";
      case 0x0e -> "double";
      default -> "unknown";
    };
  }

  private static String rankMeaning(int rank) {
    if (rank == IMAGE_RANK) {
      return "(an images file: count, rows, columns)";
    }
    if (rank == LABEL_RANK) {
      return "(a labels file: count)";
    }
    return "";
  }

  private static String rankHint(int found, int expected) {
    if (found == LABEL_RANK && expected == IMAGE_RANK) {
      return "; this looks like a labels file where an images file belongs";
    }
    if (found == IMAGE_RANK && expected == LABEL_RANK) {
      return "; this looks like an images file where a labels file belongs";
    }
    return "";
  }

  /** A stream with the count of bytes taken from it, so every error can say where it happened. */
  private static final class Cursor {
    final InputStream in;
    final String file;
    final boolean gzip;
    long pos;

    Cursor(InputStream in, String file, boolean gzip) {
      this.in = in;
      this.file = file;
      this.gzip = gzip;
    }

    /** Reads until {@code len} bytes or the end; returns how many were read. */
    int readFully(byte[] b, int off, int len) throws IOException {
      int total = 0;
      while (total < len) {
        int n;
        try {
          n = in.read(b, off + total, len - total);
        } catch (ZipException | EOFException e) {
          throw corrupt(e);
        }
        if (n < 0) {
          break;
        }
        total += n;
        pos += n;
      }
      return total;
    }

    int readByte() throws IOException {
      try {
        return in.read();
      } catch (ZipException | EOFException e) {
        throw corrupt(e);
      }
    }

    private IOException corrupt(IOException e) {
      if (!gzip) {
        return e;
      }
      // GZIPInputStream reports a damaged or cut-off member as ZipException or EOFException
      return new DatasetFormatException(
          file,
          pos,
          "corrupt gzip stream (" + e.getMessage() + "); expected valid gzip data (download the file again)");
    }
  }
}
