package org.snn4j.datasets.events;

import java.util.Arrays;

/**
 * A growable list of polarity events from an event camera, stored as parallel arrays: coordinates {@code x, y},
 * polarity {@code p} (1 = ON, brighter; 0 = OFF) and timestamp {@code t} in microseconds. Grows only as events are
 * added, so a file can never make it allocate more than the events it really holds. Not thread-safe; one per
 * worker, reused with {@link #clear()}.
 */
public final class EventBuffer {
  private static final int FIRST_CAPACITY = 1024;

  private short[] x = new short[FIRST_CAPACITY];
  private short[] y = new short[FIRST_CAPACITY];
  private byte[] p = new byte[FIRST_CAPACITY];
  private long[] t = new long[FIRST_CAPACITY];
  private int size;

  /** Appends one event; coordinates must fit in 15 bits, polarity is 0 or 1. */
  public void add(int ex, int ey, int ep, long et) {
    if (size == t.length) {
      int capacity = Math.max(FIRST_CAPACITY, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size));
      if (capacity == size) {
        throw new IllegalStateException("more than " + size + " events in one buffer");
      }
      x = Arrays.copyOf(x, capacity);
      y = Arrays.copyOf(y, capacity);
      p = Arrays.copyOf(p, capacity);
      t = Arrays.copyOf(t, capacity);
    }
    x[size] = (short) ex;
    y[size] = (short) ey;
    p[size] = (byte) ep;
    t[size] = et;
    size++;
  }

  /** Forgets all events, keeping the arrays. */
  public void clear() {
    size = 0;
  }

  /** The number of events. */
  public int size() {
    return size;
  }

  /** The x coordinate of event {@code k}. */
  public int x(int k) {
    return x[k];
  }

  /** The y coordinate of event {@code k}. */
  public int y(int k) {
    return y[k];
  }

  /** The polarity of event {@code k}: 1 ON, 0 OFF. */
  public int p(int k) {
    return p[k];
  }

  /** The timestamp of event {@code k}, microseconds. */
  public long t(int k) {
    return t[k];
  }
}
