package org.snn4j.datasets.fetch;

import java.util.List;

/**
 * Where a dataset is published: its files, and how they become the layout its reader expects (IDX files are read as
 * they come; a {@code .tar.gz} or {@code .zip} is unpacked).
 *
 * @param dataset the reader's name, e.g. {@code cifar10}
 * @param files the files to download
 */
public record DatasetSource(String dataset, List<RemoteFile> files) {
  /** Freezes the list. */
  public DatasetSource {
    files = List.copyOf(files);
  }

  /** Whether every file has a known checksum. */
  public boolean fullyVerified() {
    return files.stream().allMatch(f -> f.digest() != null);
  }
}
