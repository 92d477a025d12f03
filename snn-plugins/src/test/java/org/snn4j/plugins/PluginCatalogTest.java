package org.snn4j.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginKind;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.plugins.SamplePlugins.Sample;

/** The catalog on the test class path; plugin jars are tested where jars are built (snn-guice, snn-cli). */
class PluginCatalogTest {
  private static final PluginKind<Sample> SAMPLE = PluginKind.of("sample", "samples", Sample.class);

  private static PluginCatalog catalog() {
    return PluginCatalog.builder().kinds(List.of(SAMPLE)).classLoader(PluginCatalogTest.class.getClassLoader())
        .build();
  }

  @Test
  void loadsGoodProvidersAndNamesJarAndClassOfBadOnes() {
    try (PluginCatalog c = catalog()) {
      PluginRegistry<Sample> r = c.registry(SAMPLE);
      assertEquals(List.of("alpha", "beta"), r.names());
      assertInstanceOf(SamplePlugins.Alpha.class, r.get("alpha"));
      List<String> problems = c.problems();
      assertEquals(2, problems.size(), problems.toString());
      String missing = problems.stream().filter(p -> p.contains("MissingSample")).findFirst().orElseThrow();
      assertTrue(missing.startsWith("sample plugin org.snn4j.plugins.MissingSample from "), missing);
      assertTrue(missing.contains("test-classes") && missing.contains("class not found"), missing);
      String broken = problems.stream().filter(p -> p.contains("Broken")).findFirst().orElseThrow();
      assertTrue(broken.contains(SamplePlugins.Broken.class.getName()), broken);
      assertTrue(broken.contains("its constructor threw IllegalStateException: broken on purpose"), broken);
      assertEquals(problems, r.loadErrors());
      assertEquals(List.of("the class path"), c.sources());
    }
  }

  @Test
  void discoversOtherServiceTypesFromTheSameSources() {
    try (PluginCatalog c = catalog()) {
      PluginCatalog.Discovered<Sample> found = c.discover(Sample.class, "sample");
      assertEquals(2, found.providers().size());
      assertEquals(2, found.problems().size());
    }
  }

  @Test
  void unknownKindAndMissingFolderAreErrors(@TempDir Path tmp) {
    try (PluginCatalog c = catalog()) {
      PluginException e = assertThrows(PluginException.class, () -> c.registry(PluginKind.SURROGATE));
      assertTrue(e.getMessage().contains("does not load surrogates"), e.getMessage());
    }
    Path nowhere = tmp.resolve("nowhere");
    PluginException e = assertThrows(PluginException.class,
        () -> PluginCatalog.builder().pluginDirectory(nowhere).build());
    assertEquals("plugin folder " + nowhere + " does not exist", e.getMessage());
  }

  @Test
  void unreadableJarsAndEmptySubfoldersAreProblemsNotFailures(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.jar"), "not a zip");
    Files.createDirectories(dir.resolve("empty-plugin"));
    Files.writeString(dir.resolve("README.txt"), "ignored");
    try (PluginCatalog c = PluginCatalog.builder().kinds(List.of(SAMPLE))
        .classLoader(PluginCatalogTest.class.getClassLoader()).pluginDirectory(dir).build()) {
      assertEquals(List.of("alpha", "beta"), c.registry(SAMPLE).names());
      List<String> problems = c.problems();
      assertTrue(problems.get(0).startsWith("plugin jar " + dir.resolve("broken.jar") + " cannot be read"),
          problems.toString());
      assertTrue(problems.get(1).startsWith("plugin folder " + dir.resolve("empty-plugin")), problems.toString());
      assertEquals(4, problems.size(), "then the two bad providers on the class path: " + problems);
    }
  }

  @Test
  void builtInKindsAreTheExtensionPointsOfSnnApi() {
    assertEquals(List.of(PluginKind.NEURON, PluginKind.SURROGATE, PluginKind.ENCODER, PluginKind.DATASET),
        PluginKind.builtIn());
    assertEquals("neurons", PluginKind.NEURON.plural());
    assertEquals(NeuronFactory.class, PluginKind.NEURON.type());
    assertEquals("surrogate", PluginKind.SURROGATE.name());
    assertEquals("datasets", PluginKind.DATASET.plural());
    assertEquals(SurrogateFactory.class, PluginKind.SURROGATE.type());
    assertEquals(PluginKind.SURROGATE, PluginKind.of("other", "others", SurrogateFactory.class));
  }
}
