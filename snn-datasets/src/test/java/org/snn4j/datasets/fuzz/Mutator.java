package org.snn4j.datasets.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutations of valid files, the kinds a fuzzer like Jazzer or AFL applies: bit flips, interesting bytes and
 * integers (both byte orders) over header fields, truncation, insertion, deletion and duplication of ranges, and
 * purely random inputs. Deterministic for a seed, so every failure can be replayed.
 */
final class Mutator {
  private static final int[] BYTES = {0, 1, 0x7f, 0x80, 0xff, 240, '#', '\n', ','};
  private static final int[] INTS = {0, 1, -1, 8, 28, 3073, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7ffffff0,
      1 << 24, 1 << 31 >>> 1, 65536};

  private final Random random;

  Mutator(long seed) {
    this.random = new Random(seed);
  }

  byte[] mutate(byte[] seed) {
    byte[] b = seed.clone();
    int ops = 1 + random.nextInt(4);
    for (int k = 0; k < ops; k++) {
      b = once(b);
    }
    return b;
  }

  byte[] random(int maxLength) {
    byte[] b = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(b);
    return b;
  }

  private byte[] once(byte[] b) {
    // mutations near the start hit headers, where lies do the most damage
    int at = b.length == 0 ? 0 : random.nextInt(2) == 0 ? random.nextInt(Math.min(b.length, 64))
        : random.nextInt(b.length);
    switch (random.nextInt(8)) {
      case 0 -> {
        if (b.length > 0) {
          b[at] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> {
        if (b.length > 0) {
          b[at] = (byte) BYTES[random.nextInt(BYTES.length)];
        }
      }
      case 2 -> {
        int v = random.nextInt(3) == 0 ? random.nextInt() : INTS[random.nextInt(INTS.length)];
        boolean big = random.nextBoolean();
        for (int i = 0; i < 4 && at + i < b.length; i++) {
          b[at + i] = (byte) (big ? v >>> (24 - 8 * i) : v >>> (8 * i));
        }
      }
      case 3 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
      case 4 -> {
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        b = splice(b, at, 0, extra);
      }
      case 5 -> b = splice(b, at, Math.min(b.length - at, 1 + random.nextInt(16)), new byte[0]);
      case 6 -> {
        int len = Math.min(b.length - at, 1 + random.nextInt(32));
        b = splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
      }
      default -> {
        if (b.length > 1) {
          int other = random.nextInt(b.length);
          byte t = b[at];
          b[at] = b[other];
          b[other] = t;
        }
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, at);
    out.writeBytes(insert);
    out.write(b, at + remove, b.length - at - remove);
    return out.toByteArray();
  }
}
