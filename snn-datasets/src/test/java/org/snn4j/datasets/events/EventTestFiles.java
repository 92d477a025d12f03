package org.snn4j.datasets.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes event files in the real formats for tests: N-MNIST folders and AEDAT 3.1 recordings. */
public final class EventTestFiles {
  private EventTestFiles() {}

  /** Events from {@code (x, y, p, t)} quadruples. */
  public static EventBuffer events(long... xypt) {
    EventBuffer b = new EventBuffer();
    for (int i = 0; i < xypt.length; i += 4) {
      b.add((int) xypt[i], (int) xypt[i + 1], (int) xypt[i + 2], xypt[i + 3]);
    }
    return b;
  }

  /** A small pseudo-random recording: {@code n} events in time order on a 34×34 sensor, varying with {@code salt}. */
  public static EventBuffer recording(int n, int salt) {
    EventBuffer b = new EventBuffer();
    long t = salt;
    for (int i = 0; i < n; i++) {
      t += (i * 7 + salt) % 50;
      b.add((i * 13 + salt * 5) % 34, (i * 29 + salt * 3) % 34, (i + salt) & 1, t);
    }
    return b;
  }

  /** Writes {@code bytes} to {@code folder/split/label/name}, creating folders. */
  public static Path write(Path folder, String split, int label, String name, byte[] bytes) {
    try {
      Path dir = folder.resolve(split).resolve(Integer.toString(label));
      Files.createDirectories(dir);
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An N-MNIST folder with {@code perSplit} samples per split, sample {@code i} labelled {@code i % 10}. */
  public static Path nmnist(Path folder, int perSplit) {
    for (String split : new String[] {"Train", "Test"}) {
      for (int i = 0; i < perSplit; i++) {
        write(folder, split, i % 10, String.format("%05d.bin", i),
            AtisBinFormat.encode(recording(50 + i, i + (split.equals("Test") ? 1000 : 0))));
      }
    }
    return folder;
  }

  /** Builds an AEDAT 3.1 file. */
  public static final class Aedat {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts with the standard header. */
    public Aedat() {
      this("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#!END-HEADER\r\n");
    }

    /** Starts with {@code header} as given. */
    public Aedat(String header) {
      out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A packet header with the given fields. */
    public Aedat packetHeader(int type, int size, int tsOffset, int overflow, int capacity, int number, int valid) {
      ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
      b.putShort((short) type).putShort((short) 1).putInt(size).putInt(tsOffset).putInt(overflow).putInt(capacity)
          .putInt(number).putInt(valid);
      out.writeBytes(b.array());
      return this;
    }

    /** A polarity packet holding {@code events} (all valid), timestamps relative to {@code overflow · 2^31}. */
    public Aedat polarity(int overflow, EventBuffer events) {
      packetHeader(1, 8, 4, overflow, events.size(), events.size(), events.size());
      for (int e = 0; e < events.size(); e++) {
        event(events.x(e), events.y(e), events.p(e), true, (int) (events.t(e) - ((long) overflow << 31)));
      }
      return this;
    }

    /** One raw polarity event. */
    public Aedat event(int x, int y, int p, boolean valid, int ts) {
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(x << 17 | y << 2 | p << 1 | (valid ? 1 : 0)).putInt(ts);
      out.writeBytes(b.array());
      return this;
    }

    /** Raw bytes. */
    public Aedat raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    /** The file's bytes. */
    public byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** A DVS-like recording: {@code n} events on a 128×128 sensor, one every {@code step} µs from {@code start}. */
  public static EventBuffer gestureEvents(int n, long start, long step, int salt) {
    EventBuffer b = new EventBuffer();
    for (int i = 0; i < n; i++) {
      b.add((i * 37 + salt) % 128, (i * 91 + salt * 7) % 128, (i + salt) & 1, start + i * step);
    }
    return b;
  }
}
