package org.snn4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.Split;
import org.snn4j.datasets.BuiltinSample;
import org.snn4j.datasets.DataLocator;
import org.snn4j.datasets.fetch.DatasetCatalog;
import org.snn4j.plugins.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snn data list}: for every dataset reader, the folders searched in order and what each holds, marking the
 * one {@code snn train} would use.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Show every dataset, the folders searched for it in order, and which one 'snn train' would use.",
      "'*' marks that folder; 'train'/'test' say which splits a folder holds."
    })
final class DataListCommand implements Callable<Integer> {
  @Option(names = "--data-dir", description = "Look in DIR/<name> and DIR first, in place of $SNN_DATA.")
  Path dataDir;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PluginRegistry<DatasetReader> readers = PluginRegistry.load(DatasetReader.class);
    Map<String, String> env = dataDir == null ? System.getenv() : Map.of(DataLocator.DATA_ENV, dataDir.toString());
    String home = System.getProperty("user.home");
    DataLocator locator = new DataLocator(readers, env, home == null || home.isEmpty() ? null : Path.of(home),
        DataLocator.SYSTEM_DATASETS);
    List<String> fetchable = DatasetCatalog.builtin().names();
    for (String name : readers.names()) {
      DatasetReader reader = readers.get(name);
      out.println(name + (fetchable.contains(name) ? "  (snn data fetch " + name + ")" : "") + "  "
          + reader.description());
      boolean chosen = false;
      for (Path folder : locator.searchPath(name)) {
        List<String> splits = new ArrayList<>();
        if (Files.isDirectory(folder)) {
          for (Split s : Split.values()) {
            if (reader.isPresent(folder, s)) {
              splits.add(s.name().toLowerCase(java.util.Locale.ROOT));
            }
          }
        }
        boolean complete = splits.size() == Split.values().length;
        String mark = complete && !chosen ? "*" : " ";
        chosen |= complete;
        out.printf("  %s %-52s %s%n", mark, folder, !Files.isDirectory(folder) ? "-"
            : splits.isEmpty() ? "no files" : String.join("+", splits));
      }
      if (BuiltinSample.covers(name)) {
        out.printf("  %s %-52s %s%n", chosen ? " " : "*", "builtin:" + name,
            String.format(java.util.Locale.ROOT, "sample, %,d train + %,d test", BuiltinSample.TRAIN_SIZE,
                BuiltinSample.TEST_SIZE));
      }
    }
    return 0;
  }
}
