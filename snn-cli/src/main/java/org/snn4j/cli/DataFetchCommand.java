package org.snn4j.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.Split;
import org.snn4j.datasets.fetch.DatasetCatalog;
import org.snn4j.datasets.fetch.DatasetFetcher;
import org.snn4j.datasets.fetch.DatasetSource;
import org.snn4j.datasets.fetch.Downloader;
import org.snn4j.datasets.fetch.FetchException;
import org.snn4j.plugins.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snn data fetch NAME}: downloads a dataset from its official locations (or {@code --mirror}) into {@code
 * ~/.snn/data/NAME}, checking sizes and checksums, resuming cut-off downloads, and unpacking archives.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Download a dataset into ~/.snn/data/NAME (or --data-dir) and check it.",
      "Checks sizes and SHA-256 (MD5 where only that is published); cut-off downloads resume; a file gets its",
      "final name only once complete and verified; archives are unpacked."
    })
final class DataFetchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "mnist, fashion-mnist, kmnist, cifar10 or nmnist.")
  String dataset;

  @Option(names = "--data-dir", description = "Folder to put the files in (default: ~/.snn/data/NAME).")
  Path dataDir;

  @Option(names = "--mirror", paramLabel = "URL", description = "Fetch every file from URL/<file> instead.")
  URI mirror;

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "Catalog of datasets to use instead of the built-in one (lines: dataset file size digest url...).")
  Path catalog;

  @Option(names = "--timeout", defaultValue = "60", description = "Seconds a connection may stall (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--verbose", description = "Print stack traces with errors.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    if (timeoutSeconds < 1) {
      throw new UsageException("--timeout must be > 0, got " + timeoutSeconds);
    }
    if (mirror != null) {
      String scheme = mirror.getScheme() == null ? "" : mirror.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new UsageException("--mirror must be an http or https URL, got " + mirror);
      }
    }
    DatasetCatalog known;
    try {
      known = catalog == null ? DatasetCatalog.builtin() : DatasetCatalog.read(catalog);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--catalog: " + e.getMessage());
    }
    String name = dataset.toLowerCase(Locale.ROOT);
    DatasetSource source = known.find(name).orElseThrow(() -> new UsageException(
        "no download source for '" + dataset + "'; known: " + String.join(", ", known.names())));
    Path folder = dataDir != null ? dataDir : DataCommand.defaultFolder(name);
    Downloader.Listener listener = new Downloader.Listener() {
      private final boolean bar = ProgressBar.interactive();
      private long lastDraw;

      @Override
      public void progress(String file, long bytes, long total) {
        long now = System.nanoTime();
        if (bar && now - lastDraw > 200_000_000L) {
          lastDraw = now;
          err.printf(Locale.ROOT, "\r%s  %,d%s bytes   ", file, bytes, total > 0 ? String.format(Locale.ROOT,
              " / %,d", total) : "");
        }
      }

      @Override
      public void notice(String line) {
        if (bar) {
          err.print("\r" + " ".repeat(79) + "\r");
        }
        err.println("snn: " + line);
      }
    };
    Downloader downloader = new Downloader(30_000, timeoutSeconds * 1000, listener);
    err.println("snn: fetching " + name + " into " + folder + (mirror != null ? " from " + mirror : "")
        + (source.fullyVerified() ? "" : " (some files have no known checksum)"));
    List<Path> files;
    try {
      files = new DatasetFetcher(downloader, listener).fetch(source, folder, mirror);
    } catch (FetchException e) {
      throw new UsageException(e.getMessage());
    }
    boolean ready = readerSees(name, folder);
    System.out.println(new JsonLine()
        .put("command", "data fetch")
        .put("dataset", name)
        .put("folder", folder.toString())
        .put("files", files.size())
        .put("ready", ready));
    err.println("snn: " + name + (ready ? " is ready in " + folder : " files are in " + folder
        + ", but its reader does not see both splits there"));
    return 0;
  }

  private static boolean readerSees(String name, Path folder) {
    PluginRegistry<DatasetReader> readers = PluginRegistry.load(DatasetReader.class);
    if (!readers.contains(name)) {
      return false;
    }
    DatasetReader reader = readers.get(name);
    for (Split s : EnumSet.allOf(Split.class)) {
      if (!reader.isPresent(folder, s)) {
        return false;
      }
    }
    return true;
  }
}
