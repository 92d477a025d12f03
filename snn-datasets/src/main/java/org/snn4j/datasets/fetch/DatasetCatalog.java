package org.snn4j.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets {@code snn data fetch} knows, read from a plain-text catalog: one file per line, {@code dataset file
 * size|- sha256:HEX|md5:HEX|- url [url ...]}, {@code #} comments. The built-in catalog ({@code catalog.txt} beside
 * this class) lists MNIST, Fashion-MNIST, KMNIST, CIFAR-10 and N-MNIST at their official locations; users and tests
 * can bring their own with {@link #parse}.
 */
public final class DatasetCatalog {
  private static final String RESOURCE = "catalog.txt";

  private final Map<String, DatasetSource> sources;

  private DatasetCatalog(Map<String, DatasetSource> sources) {
    this.sources = Collections.unmodifiableMap(sources);
  }

  /** The built-in catalog. */
  public static DatasetCatalog builtin() {
    try (InputStream in = DatasetCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the snn-datasets jar; rebuild it");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in " + RESOURCE, e);
    }
  }

  /**
   * Reads a catalog file.
   *
   * @throws IllegalArgumentException naming the file and line if a line is malformed
   */
  public static DatasetCatalog read(Path file) throws IOException {
    if (Files.size(file) > 1 << 20) {
      throw new IllegalArgumentException(file + ": a catalog over 1 MiB; expected a few lines");
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses catalog text.
   *
   * @param name where the text came from, for messages
   * @throws IllegalArgumentException naming the line if a line is malformed
   */
  public static DatasetCatalog parse(String text, String name) {
    Map<String, List<RemoteFile>> files = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      try {
        if (f.length < 5) {
          throw new IllegalArgumentException("expected: dataset file size|- digest|- url [url ...]");
        }
        long size = f[2].equals("-") ? -1 : Long.parseLong(f[2]);
        Digest digest = f[3].equals("-") ? null : Digest.parse(f[3]);
        List<URI> urls = new ArrayList<>();
        for (int k = 4; k < f.length; k++) {
          URI uri = URI.create(f[k]);
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL " + f[k] + " is not http or https");
          }
          urls.add(uri);
        }
        files.computeIfAbsent(f[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(new RemoteFile(f[1], size, digest, urls));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    Map<String, DatasetSource> sources = new LinkedHashMap<>();
    files.forEach((dataset, list) -> sources.put(dataset, new DatasetSource(dataset, list)));
    return new DatasetCatalog(sources);
  }

  /** The source of {@code dataset} (any case), if the catalog has it. */
  public Optional<DatasetSource> find(String dataset) {
    return Optional.ofNullable(sources.get(dataset.toLowerCase(Locale.ROOT)));
  }

  /** The datasets, in catalog order. */
  public List<String> names() {
    return List.copyOf(sources.keySet());
  }
}
