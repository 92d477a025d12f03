package org.snn4j.api;

/** Which part of a dataset to read. */
public enum Split {
  /** The training samples. */
  TRAIN,
  /** The held-out test samples. */
  TEST
}
