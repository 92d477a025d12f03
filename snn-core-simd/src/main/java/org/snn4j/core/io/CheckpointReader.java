package org.snn4j.core.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads a {@link Checkpoint}: the magic and the version, then the CRC over the whole file, then the sections, every
 * length checked against the bytes that follow before anything is allocated.
 */
final class CheckpointReader {
  private CheckpointReader() {}

  static Checkpoint read(Path file) throws IOException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new ModelFormatException(name + " is a folder, not a checkpoint");
    }
    long size = Files.size(file);
    if (size < Checkpoint.MAGIC.length + 8) {
      throw new ModelFormatException(name, 0, "too short (" + size + " bytes) to be an snn4j checkpoint");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream prefix = new DataInputStream(raw);
      byte[] magic = new byte[Checkpoint.MAGIC.length];
      prefix.readFully(magic);
      if (!Arrays.equals(magic, Checkpoint.MAGIC)) {
        throw new ModelFormatException(name, 0, "not an snn4j checkpoint (expected magic SNN4JCKP)");
      }
      int version = prefix.readInt();
      if (version != Checkpoint.VERSION) {
        throw new ModelFormatException(name, Checkpoint.MAGIC.length, "checkpoint format version " + version
            + " is not supported (this snn4j reads " + Checkpoint.VERSION + ")");
      }
    }
    checkCrc(name, file, size);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Reader in = new Reader(name, new DataInputStream(raw), size);
      in.bytes(Checkpoint.MAGIC.length + 4);
      try {
        return read(in);
      } catch (EOFException e) {
        throw new ModelFormatException(name, in.position, "the file ended early: it changed while being read");
      }
    }
  }

  /** The CRC first, so that a damaged or truncated file is reported as such, not by the first length it breaks. */
  private static void checkCrc(String name, Path file, long size) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (long left = size - 4; left > 0; ) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new ModelFormatException(name, size - left, "the file ended early: it changed while being read");
        }
        crc.update(buf, 0, n);
        left -= n;
      }
      int stored = new DataInputStream(in).readInt();
      if (stored != (int) crc.getValue()) {
        throw new ModelFormatException(name, size - 4, "checksum mismatch: the checkpoint is damaged or truncated");
      }
    }
  }

  private static Checkpoint read(Reader in) throws IOException {
    String name = in.name;
    int headerLength = in.length("header length", 1, ModelFile.MAX_HEADER_BYTES);
    long headerStart = in.position;
    String text = new String(in.bytes(headerLength), StandardCharsets.UTF_8);
    Map<String, String> header = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ModelFormatException(name, headerStart, "header line '" + line + "' is not key=value");
      }
      header.put(line.substring(0, eq), line.substring(eq + 1));
    }
    byte[] model = in.bytes(in.length("model length", 1, Integer.MAX_VALUE));
    int count = in.length("parameter count", 8, Integer.MAX_VALUE);
    int[] lengths = new int[count];
    List<float[][]> states = new ArrayList<>(count);
    for (int q = 0; q < count; q++) {
      long at = in.position;
      int arrays = in.readInt();
      if (arrays < 0 || arrays > 2) {
        throw new ModelFormatException(name, at, "parameter " + q + " has " + arrays + " optimizer arrays (0 to 2)");
      }
      lengths[q] = in.length("parameter " + q + "'s length", 4L * arrays, Integer.MAX_VALUE);
      float[][] state = arrays == 0 ? null : new float[arrays][];
      for (int a = 0; a < arrays; a++) {
        state[a] = in.floats(lengths[q]);
      }
      states.add(state);
    }
    if (in.position != in.size - 4) {
      throw new ModelFormatException(name, in.position, (in.size - 4 - in.position)
          + " bytes follow the optimizer's state before the checksum: the checkpoint is damaged");
    }
    return new Checkpoint(name, Collections.unmodifiableMap(header), model, lengths, states);
  }

  /** Reads, counting bytes, each length checked against what is left before it is allocated. */
  private static final class Reader {
    final String name;
    final DataInputStream in;
    final long size;
    long position;

    Reader(String name, DataInputStream in, long size) {
      this.name = name;
      this.in = in;
      this.size = size;
    }

    int readInt() throws IOException {
      int v = in.readInt();
      position += 4;
      return v;
    }

    /** A length field: {@code bytesEach} bytes per unit must fit before the final CRC. */
    int length(String what, long bytesEach, int max) throws IOException {
      long at = position;
      int n = readInt();
      if (n < 0 || n > max || bytesEach * n > size - position - 4) {
        throw new ModelFormatException(name, at, what + " " + n + " exceeds the file");
      }
      return n;
    }

    byte[] bytes(int n) throws IOException {
      byte[] b = new byte[n];
      in.readFully(b);
      position += n;
      return b;
    }

    float[] floats(int n) throws IOException {
      float[] v = new float[n];
      byte[] chunk = new byte[1 << 16];
      for (int i = 0; i < n; ) {
        int take = Math.min(n - i, chunk.length / 4);
        in.readFully(chunk, 0, 4 * take);
        ByteBuffer.wrap(chunk, 0, 4 * take).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v, i, take);
        i += take;
      }
      position += 4L * n;
      return v;
    }
  }
}
