package org.snn4j.datasets.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, so no test depends on data installed on the machine. */
public final class IdxTestFiles {
  private IdxTestFiles() {}

  /** An unsigned-byte IDX file: header with {@code dims}, then {@code data} as given (it may disagree on purpose). */
  public static byte[] idx(int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.put(data).array();
  }

  /** {@code raw} gzip-compressed. */
  public static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Pixels that differ per image and per position, covering all byte values; {@code salt} varies the set. */
  public static byte[] pixels(int n, int rows, int cols, int salt) {
    byte[] data = new byte[n * rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7 + salt * 31);
    }
    return data;
  }

  /** Labels {@code (i + salt) % 10}. */
  public static byte[] labels(int n, int salt) {
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) ((i + salt) % 10);
    }
    return data;
  }

  /** Writes {@code content} to {@code dir/name}, creating {@code dir}. */
  public static Path write(Path dir, String name, byte[] content) {
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the four MNIST-layout files into {@code dir}: {@code trainCount} and {@code testCount} 28×28 images,
   * labels salted with {@code salt} so tests can tell folders apart by the first label.
   */
  public static void writeMnistFolder(Path dir, boolean gzip, int trainCount, int testCount, int salt) {
    writeSplit(dir, "train", gzip, trainCount, salt);
    writeSplit(dir, "t10k", gzip, testCount, salt);
  }

  /** Writes the images and labels files of one split ({@code train} or {@code t10k}). */
  public static void writeSplit(Path dir, String prefix, boolean gzip, int count, int salt) {
    byte[] images = idx(new int[] {count, 28, 28}, pixels(count, 28, 28, salt));
    byte[] labels = idx(new int[] {count}, labels(count, salt));
    String suffix = gzip ? ".gz" : "";
    write(dir, prefix + "-images-idx3-ubyte" + suffix, gzip ? gzip(images) : images);
    write(dir, prefix + "-labels-idx1-ubyte" + suffix, gzip ? gzip(labels) : labels);
  }
}
