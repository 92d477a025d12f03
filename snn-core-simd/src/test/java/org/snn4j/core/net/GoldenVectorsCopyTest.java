package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The golden vectors are kept in the repository ({@code src/test/resources/<set>/}) so that the tests need nothing
 * outside the checkout. The canonical copy is {@code ../shared/testdata/} beside the checkout: when that folder
 * exists, every set in it must be here with the same files, byte for byte, so that neither copy drifts. Without it
 * only that comparison is skipped.
 */
class GoldenVectorsCopyTest {
  /** The sets kept here; {@code stbp-conv-golden} waits for the convolution tests. */
  static final List<String> SETS = List.of("stbp-golden", "stbp-conv-golden");

  /** The folder of one set on the test class path (the build's copy of {@code src/test/resources/<set>}). */
  static Path inRepository(String set) {
    URL readme = GoldenVectorsCopyTest.class.getResource("/" + set + "/README.md");
    assertNotNull(readme, set + "/README.md is not on the test class path; it belongs in src/test/resources/" + set);
    try {
      return Path.of(readme.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(readme + " is not a file", e);
    }
  }

  private static Path moduleDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  /** {@code ../shared/testdata}, relative to the repository (this module's parent folder). */
  private static Path shared() {
    return moduleDir().resolve("../../shared/testdata").normalize();
  }

  @Test
  void everySetIsInTheRepository() throws IOException {
    for (String set : SETS) {
      Path dir = moduleDir().resolve("src/test/resources").resolve(set);
      assertTrue(Files.isRegularFile(dir.resolve("README.md")), dir + " has no README.md");
      assertFalse(files(dir).stream().filter(f -> f.endsWith(".json")).toList().isEmpty(), dir + " has no cases");
      assertEquals(files(dir), files(inRepository(set)), set + ": the test class path's copy differs");
    }
  }

  @Test
  void sameBytesAsTheSharedCopy() throws IOException {
    Path shared = shared();
    assumeTrue(Files.isDirectory(shared), shared + " is absent: the comparison with the canonical copy is skipped");
    TreeSet<String> sharedSets = new TreeSet<>();
    try (Stream<Path> s = Files.list(shared)) {
      s.filter(Files::isDirectory).forEach(p -> sharedSets.add(p.getFileName().toString()));
    }
    assertEquals(new TreeSet<>(SETS), sharedSets, "the sets in " + shared + " and in src/test/resources differ");
    for (String set : SETS) {
      Path canonical = shared.resolve(set);
      Path here = moduleDir().resolve("src/test/resources").resolve(set);
      TreeSet<String> names = files(canonical);
      assertEquals(names, files(here), set + ": the file names differ from " + canonical);
      for (String name : names) {
        assertArrayEquals(Files.readAllBytes(canonical.resolve(name)), Files.readAllBytes(here.resolve(name)),
            here.resolve(name) + " differs from " + canonical.resolve(name) + "; copy the canonical file");
      }
    }
  }

  /** The names of the regular files in {@code dir}, sorted. */
  private static TreeSet<String> files(Path dir) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }
}
