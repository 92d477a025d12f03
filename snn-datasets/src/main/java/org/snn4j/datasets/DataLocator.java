package org.snn4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.Split;
import org.snn4j.datasets.idx.IdxFolderReader;
import org.snn4j.plugins.PluginRegistry;

/**
 * Finds where a named dataset lives. In order:
 *
 * <ol>
 *   <li>the folder the user named (the CLI's {@code --data-dir}); if it lacks the files that is an error, never a
 *       silent fallback, because the user asked for that folder;
 *   <li>{@code $SNN_DATA/<name>}, then {@code $SNN_DATA} itself;
 *   <li>{@code ~/.snn/data/<name>};
 *   <li>{@code /usr/share/datasets/<name>}, where Debian's {@code dataset-fashion-mnist} package puts its files;
 *   <li>for Fashion-MNIST only, the {@link BuiltinSample} inside the jar, with a notice saying so.
 * </ol>
 *
 * <p>The environment, home and system folders are constructor arguments so tests do not depend on the machine.
 */
public final class DataLocator {
  /** The environment variable naming a data folder. */
  public static final String DATA_ENV = "SNN_DATA";

  /** Where Debian's dataset packages install. */
  public static final Path SYSTEM_DATASETS = Path.of("/usr/share/datasets");

  private static final String FASHION_APT_PACKAGE = "dataset-fashion-mnist";

  // the datasets 'snn data fetch' can download (its built-in catalog)
  private static final Set<String> FETCHABLE = Set.of("mnist", "fashion-mnist", "kmnist", "cifar10", "nmnist");

  private final PluginRegistry<DatasetReader> readers;
  private final Map<String, String> env;
  private final Path home;
  private final Path systemDatasets;

  /**
   * @param readers the dataset readers, by name
   * @param env environment variables; only {@value #DATA_ENV} is read
   * @param home the user's home folder, or null to skip {@code ~/.snn/data}
   * @param systemDatasets the system dataset folder ({@link #SYSTEM_DATASETS}), or null to skip it
   */
  public DataLocator(
      PluginRegistry<DatasetReader> readers, Map<String, String> env, Path home, Path systemDatasets) {
    this.readers = readers;
    this.env = Map.copyOf(env);
    this.home = home;
    this.systemDatasets = systemDatasets;
  }

  /** A locator for this process: readers from the class path, the real environment and home folder. */
  public static DataLocator forThisMachine() {
    String userHome = System.getProperty("user.home");
    return new DataLocator(
        PluginRegistry.load(DatasetReader.class),
        System.getenv(),
        userHome == null || userHome.isEmpty() ? null : Path.of(userHome),
        SYSTEM_DATASETS);
  }

  /**
   * Finds a dataset with both its training and test files.
   *
   * @param dataset the reader's name, any case ({@code fashion-mnist})
   * @param explicitFolder the folder the user named, or null to search
   * @throws DataNotFoundException if the named folder lacks the files, or no folder has them and there is no sample
   * @throws org.snn4j.api.PluginException if no reader has that name
   */
  public DataLocation locate(String dataset, Path explicitFolder) throws DataNotFoundException {
    return locate(dataset, explicitFolder, EnumSet.allOf(Split.class));
  }

  /**
   * Finds a dataset with the files of the {@code needed} splits (e.g. only {@link Split#TEST} for evaluation).
   *
   * @throws DataNotFoundException if the named folder lacks the files, or no folder has them and there is no sample
   * @throws org.snn4j.api.PluginException if no reader has that name
   */
  public DataLocation locate(String dataset, Path explicitFolder, Set<Split> needed) throws DataNotFoundException {
    DatasetReader reader = readers.get(dataset);
    String name = reader.name();
    if (explicitFolder != null) {
      if (holds(reader, explicitFolder, needed)) {
        return DataLocation.inFolder(reader, explicitFolder);
      }
      throw new DataNotFoundException(
          "no " + name + " data in " + explicitFolder + ": "
              + (Files.isDirectory(explicitFolder) ? "missing " + missing(reader, explicitFolder, needed)
                  : "the folder does not exist")
              + "; to get it: " + howToGet(name, "there"),
          List.of(explicitFolder));
    }
    List<Path> searched = searchPath(name);
    for (Path folder : searched) {
      if (holds(reader, folder, needed)) {
        return DataLocation.inFolder(reader, folder);
      }
    }
    if (BuiltinSample.covers(name)) {
      return DataLocation.builtinSample(
          String.format(
              Locale.ROOT,
              "snn: no full Fashion-MNIST found (looked in %s); using the built-in sample (%,d train / %,d test"
                  + " images). apt-get install %s for the full set",
              join(searched),
              BuiltinSample.TRAIN_SIZE,
              BuiltinSample.TEST_SIZE,
              FASHION_APT_PACKAGE));
    }
    throw new DataNotFoundException(
        "no " + name + " data found (looked in " + join(searched) + "); to get it: "
            + howToGet(name, "in one of those folders") + ", or set " + DATA_ENV + " to a folder holding them",
        searched);
  }

  /** The folders searched when the user names none, in order. */
  public List<Path> searchPath(String dataset) {
    List<Path> folders = new ArrayList<>();
    String dataEnv = env.get(DATA_ENV);
    if (dataEnv != null && !dataEnv.isBlank()) {
      Path root = Path.of(dataEnv);
      folders.add(root.resolve(dataset));
      folders.add(root);
    }
    if (home != null) {
      folders.add(home.resolve(".snn").resolve("data").resolve(dataset));
    }
    if (systemDatasets != null) {
      folders.add(systemDatasets.resolve(dataset));
    }
    return folders;
  }

  private static boolean holds(DatasetReader reader, Path folder, Set<Split> needed) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    for (Split split : needed) {
      if (!reader.isPresent(folder, split)) {
        return false;
      }
    }
    return true;
  }

  private static String missing(DatasetReader reader, Path folder, Set<Split> needed) {
    List<String> names = new ArrayList<>();
    for (Split split : needed) {
      if (reader instanceof IdxFolderReader idx) {
        for (String file : List.of(idx.imagesFileName(split), idx.labelsFileName(split))) {
          if (IdxFolderReader.find(folder, file) == null) {
            names.add(file + "[.gz]");
          }
        }
      } else if (!reader.isPresent(folder, split)) {
        names.add("the " + split.name().toLowerCase(Locale.ROOT) + " files");
      }
    }
    return String.join(", ", names);
  }

  private String howToGet(String dataset, String where) {
    DatasetReader reader = readers.get(dataset);
    String files;
    if (reader instanceof IdxFolderReader) {
      files = "put the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
          + " t10k-labels-idx1-ubyte, each raw or .gz) " + where;
    } else {
      files = "put its files (" + reader.description() + ") " + where;
    }
    String fetch = FETCHABLE.contains(dataset) ? "run 'snn data fetch " + dataset + "', or " : "";
    if (dataset.equals(BuiltinSample.DATASET)) {
      return "apt-get install " + FASHION_APT_PACKAGE + " (installs " + SYSTEM_DATASETS.resolve(dataset) + "), "
          + fetch + files;
    }
    return fetch + files;
  }

  private static String join(List<Path> folders) {
    if (folders.isEmpty()) {
      return "no folders";
    }
    List<String> names = new ArrayList<>();
    for (Path p : folders) {
      names.add(p.toString());
    }
    return String.join(", ", names);
  }
}
