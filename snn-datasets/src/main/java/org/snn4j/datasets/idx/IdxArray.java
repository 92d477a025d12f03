package org.snn4j.datasets.idx;

import java.util.Arrays;

/**
 * The contents of one unsigned-byte IDX file: its dimensions and its data in row-major order. The first dimension is
 * the item count (images or labels).
 */
public final class IdxArray {
  private final int[] dims;
  private final byte[] data;

  IdxArray(int[] dims, byte[] data) {
    this.dims = dims.clone();
    this.data = data;
  }

  /** The number of dimensions (3 for images, 1 for labels). */
  public int rank() {
    return dims.length;
  }

  /** The size of dimension {@code k}. */
  public int dim(int k) {
    return dims[k];
  }

  /** All dimensions, a copy. */
  public int[] dims() {
    return dims.clone();
  }

  /** The number of items: the first dimension. */
  public int count() {
    return dims[0];
  }

  /** Bytes per item: the product of all dimensions but the first (784 for 28×28 images, 1 for labels). */
  public int itemSize() {
    int size = 1;
    for (int k = 1; k < dims.length; k++) {
      size *= dims[k];
    }
    return size;
  }

  /** The size of the IDX header in bytes; data byte {@code j} sits at file offset {@code headerSize() + j}. */
  public int headerSize() {
    return 4 + 4 * dims.length;
  }

  /**
   * The data as stored, unsigned bytes. Not copied, because images are tens of megabytes: callers must not modify
   * it.
   */
  public byte[] data() {
    return data;
  }

  @Override
  public String toString() {
    return "IdxArray" + Arrays.toString(dims);
  }
}
