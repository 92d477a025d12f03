package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.snn4j.datasets.idx.IdxTestFiles.writeMnistFolder;
import static org.snn4j.datasets.idx.IdxTestFiles.writeSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.PluginException;
import org.snn4j.api.Split;
import org.snn4j.plugins.PluginRegistry;

class DataLocatorTest {
  @TempDir Path tmp;

  private static final PluginRegistry<DatasetReader> READERS = PluginRegistry.load(DatasetReader.class);

  private DataLocator locator(Path snnData, Path home, Path system) {
    return new DataLocator(
        READERS, snnData == null ? Map.of() : Map.of(DataLocator.DATA_ENV, snnData.toString()), home, system);
  }

  @Test
  void searchesExplicitThenEnvThenHomeThenSystemFolders() throws IOException {
    Path explicit = tmp.resolve("explicit");
    Path env = tmp.resolve("env");
    Path home = tmp.resolve("home");
    Path system = tmp.resolve("system");
    // the salt becomes the first training label, so each folder is recognisable by what it reads
    writeMnistFolder(explicit, true, 2, 1, 1);
    writeMnistFolder(env.resolve("fashion-mnist"), true, 2, 1, 2);
    writeMnistFolder(env, false, 2, 1, 3);
    writeMnistFolder(home.resolve(".snn/data/fashion-mnist"), true, 2, 1, 4);
    writeMnistFolder(system.resolve("fashion-mnist"), true, 2, 1, 5);
    DataLocator locator = locator(env, home, system);

    assertFound(locator.locate("fashion-mnist", explicit), explicit, 1);
    assertFound(locator.locate("Fashion-MNIST", null), env.resolve("fashion-mnist"), 2);
    deleteTree(env.resolve("fashion-mnist"));
    assertFound(locator.locate("fashion-mnist", null), env, 3);
    deleteTree(env);
    assertFound(locator.locate("fashion-mnist", null), home.resolve(".snn/data/fashion-mnist"), 4);
    deleteTree(home);
    assertFound(locator.locate("fashion-mnist", null), system.resolve("fashion-mnist"), 5);
  }

  @Test
  void searchPathListsTheFoldersInOrder() {
    Path env = tmp.resolve("env");
    Path home = tmp.resolve("home");
    Path system = tmp.resolve("system");
    assertEquals(
        List.of(env.resolve("mnist"), env, home.resolve(".snn/data/mnist"), system.resolve("mnist")),
        locator(env, home, system).searchPath("mnist"));
    assertEquals(List.of(system.resolve("mnist")), locator(null, null, system).searchPath("mnist"));
    assertEquals(
        List.of(home.resolve(".snn/data/kmnist")),
        new DataLocator(READERS, Map.of(DataLocator.DATA_ENV, " "), home, null).searchPath("kmnist"));
  }

  @Test
  void explicitFolderWithoutTheFilesIsAnErrorNotAFallback() throws IOException {
    Path explicit = tmp.resolve("my data");
    writeSplit(explicit, "train", true, 2, 0);
    Path system = tmp.resolve("system");
    writeMnistFolder(system.resolve("fashion-mnist"), true, 2, 1, 0);
    DataNotFoundException e = assertThrows(
        DataNotFoundException.class, () -> locator(null, null, system).locate("fashion-mnist", explicit));
    String message = e.getMessage();
    assertFalse(message.contains("\n"), message);
    assertTrue(message.startsWith("no fashion-mnist data in " + explicit + ": missing "), message);
    assertTrue(message.contains("t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz];"), message);
    assertFalse(message.contains("train-images-idx3-ubyte[.gz]"), message);
    assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
    assertTrue(message.contains("put the four IDX files"), message);
    assertEquals(List.of(explicit.toString()), e.searched());
  }

  @Test
  void explicitFolderThatDoesNotExistSaysSo() {
    Path explicit = tmp.resolve("absent");
    DataNotFoundException e = assertThrows(
        DataNotFoundException.class, () -> locator(null, null, null).locate("mnist", explicit));
    assertTrue(e.getMessage().startsWith("no mnist data in " + explicit + ": the folder does not exist"),
        e.getMessage());
    assertFalse(e.getMessage().contains("apt-get"), e.getMessage());
  }

  @Test
  void fallsBackToTheBuiltinSampleWithANoticeNamingTheFoldersSearched() throws IOException {
    Path env = tmp.resolve("env");
    Path home = tmp.resolve("home");
    Path system = tmp.resolve("system");
    writeSplit(system.resolve("fashion-mnist"), "train", true, 2, 0); // half a dataset is not a dataset
    DataLocation found = locator(env, home, system).locate("fashion-mnist", null);
    assertTrue(found.isBuiltin());
    assertTrue(found.folder().isEmpty());
    assertEquals("fashion-mnist", found.dataset());
    assertEquals("builtin:fashion-mnist", found.toString());
    String notice = found.notice();
    assertFalse(notice.contains("\n"), notice);
    assertTrue(notice.startsWith("snn: no full Fashion-MNIST found (looked in " + env.resolve("fashion-mnist")
        + ", " + env + ", " + home.resolve(".snn/data/fashion-mnist") + ", " + system.resolve("fashion-mnist")
        + "); using the built-in sample (6,000 train / 1,000 test images)"), notice);
    assertTrue(notice.endsWith("apt-get install dataset-fashion-mnist for the full set"), notice);
    assertEquals(BuiltinSample.TEST_SIZE, found.read(Split.TEST).size());
  }

  @Test
  void datasetWithoutASampleFailsWithTheFoldersSearched() {
    Path home = tmp.resolve("home");
    Path system = tmp.resolve("system");
    DataNotFoundException e = assertThrows(
        DataNotFoundException.class, () -> locator(null, home, system).locate("kmnist", null));
    assertEquals(
        "no kmnist data found (looked in " + home.resolve(".snn/data/kmnist") + ", " + system.resolve("kmnist")
            + "); to get it: run 'snn data fetch kmnist', or put the four IDX files (train-images-idx3-ubyte,"
            + " train-labels-idx1-ubyte,"
            + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each raw or .gz) in one of those folders,"
            + " or set SNN_DATA to a folder holding them",
        e.getMessage());
    assertEquals(List.of(home.resolve(".snn/data/kmnist").toString(), system.resolve("kmnist").toString()),
        e.searched());
  }

  @Test
  void onlyTheNeededSplitsMustBePresent() throws IOException {
    Path home = tmp.resolve("home");
    writeSplit(home.resolve(".snn/data/mnist"), "t10k", false, 3, 6);
    DataLocator locator = locator(null, home, null);
    DataLocation found = locator.locate("mnist", null, EnumSet.of(Split.TEST));
    assertEquals(home.resolve(".snn/data/mnist"), found.folder().orElseThrow());
    assertNull(found.notice());
    assertEquals(6, found.read(Split.TEST).label(0));
    assertThrows(DataNotFoundException.class, () -> locator.locate("mnist", null));
  }

  @Test
  void unknownDatasetNameListsTheKnownOnes() {
    PluginException e = assertThrows(PluginException.class, () -> locator(null, null, null).locate("cifar", null));
    assertTrue(e.getMessage().contains("fashion-mnist"), e.getMessage());
  }

  private static void assertFound(DataLocation found, Path folder, int firstLabel) throws IOException {
    assertEquals(folder, found.folder().orElseThrow());
    assertFalse(found.isBuiltin());
    assertNull(found.notice());
    assertEquals(firstLabel, found.read(Split.TRAIN).label(0));
    assertEquals(firstLabel, found.read(Split.TEST).label(0));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
