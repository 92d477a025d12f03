package org.snn4j.datasets.fetch;

import java.net.URI;
import java.util.List;

/**
 * One file of a dataset as published: its name, its size when known, its expected checksum when known, and the
 * places to download it from, tried in order.
 *
 * @param name the file name, which is also the name it is saved under; a plain name, no folders
 * @param size the size in bytes, or -1 if not known
 * @param digest the expected checksum, or null if none is known (the download is then unverified)
 * @param urls where to get it, official location first
 */
public record RemoteFile(String name, long size, Digest digest, List<URI> urls) {
  /** Validates the name (no path separators, no dot-dot) and freezes the list. */
  public RemoteFile {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || name.contains("..")) {
      throw new IllegalArgumentException("file name '" + name + "' must be a plain name");
    }
    urls = List.copyOf(urls);
  }

  /** The same file fetched from {@code mirror} (a base URL) instead: {@code mirror/name}. */
  public RemoteFile at(URI mirror) {
    String base = mirror.toString();
    return new RemoteFile(name, size, digest, List.of(URI.create(base.endsWith("/") ? base + name : base + "/" + name)));
  }
}
