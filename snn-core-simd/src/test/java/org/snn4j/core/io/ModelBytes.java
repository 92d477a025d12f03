package org.snn4j.core.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Edits a model file's bytes and recomputes the CRC, to make files that are damaged in one known way only. */
final class ModelBytes {
  private ModelBytes() {}

  /** The model with header {@code key} set to {@code value} (added if absent). */
  static byte[] withHeader(byte[] model, String key, String value) {
    ByteBuffer in = ByteBuffer.wrap(model);
    int length = in.getInt(12);
    String header = new String(model, 16, length, StandardCharsets.UTF_8);
    StringBuilder edited = new StringBuilder();
    boolean found = false;
    for (String line : header.split("\n")) {
      if (line.startsWith(key + "=")) {
        line = key + "=" + value;
        found = true;
      }
      edited.append(line).append('\n');
    }
    if (!found) {
      edited.append(key).append('=').append(value).append('\n');
    }
    byte[] h = edited.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(model.length - length + h.length);
    out.put(model, 0, 12).putInt(h.length).put(h).put(model, 16 + length, model.length - 16 - length);
    return withCrc(out.array());
  }

  /** The model with the float at parameter index {@code index} (counted from the first weight) set to {@code v}. */
  static byte[] withParameter(byte[] model, long index, float v) {
    byte[] b = model.clone();
    int start = 16 + ByteBuffer.wrap(b).getInt(12);
    ByteBuffer.wrap(b).putFloat(Math.toIntExact(start + 4 * index), v);
    return withCrc(b);
  }

  private static byte[] withCrc(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - 4);
    ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
    return Arrays.copyOf(b, b.length);
  }
}
