package org.snn4j.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.api.PluginException;
import org.snn4j.plugins.SamplePlugins.Named;
import org.snn4j.plugins.SamplePlugins.OtherNamed;
import org.snn4j.plugins.SamplePlugins.Sample;

class PluginRegistryTest {
  private static final Sample RECT = new Named("rectangular");
  private static final Sample SIG = new Named("sigmoid");
  private static final Sample POLY = new Named("polynomial");

  private static PluginRegistry<Sample> registry() {
    return PluginRegistry.of("surrogate", List.of(SIG, RECT, POLY));
  }

  @Test
  void getIgnoresCaseAndSurroundingSpace() {
    PluginRegistry<Sample> r = registry();
    assertSame(RECT, r.get("rectangular"));
    assertSame(RECT, r.get("Rectangular"));
    assertSame(SIG, r.get(" SIGMOID "));
    assertTrue(r.contains("PolyNomial"));
    assertFalse(r.contains("gaussian"));
  }

  @Test
  void namesAndPluginsAreSorted() {
    PluginRegistry<Sample> r = registry();
    assertEquals(List.of("polynomial", "rectangular", "sigmoid"), r.names());
    assertEquals(List.of(POLY, RECT, SIG), List.copyOf(r.all()));
    assertEquals("surrogate", r.kind());
    assertEquals(List.of(), r.loadErrors());
  }

  @Test
  void unknownNameListsKnownNames() {
    PluginException e = assertThrows(PluginException.class, () -> registry().get("foo"));
    assertEquals("unknown surrogate 'foo'; known: polynomial, rectangular, sigmoid", e.getMessage());
  }

  @Test
  void emptyRegistrySaysNone() {
    PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.of("encoder", List.of()).get("x"));
    assertTrue(e.getMessage().endsWith("known: (none)"), e.getMessage());
  }

  @Test
  void duplicateNamesFailNamingBothClasses() {
    PluginException e = assertThrows(
        PluginException.class,
        () -> PluginRegistry.of("surrogate", List.of(new Named("box"), RECT, new OtherNamed("box"))));
    assertTrue(e.getMessage().contains("'box'"), e.getMessage());
    assertTrue(e.getMessage().contains(Named.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(OtherNamed.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("remove one of the jars"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Rect", "-box", "box sigmoid", "box:a", "äbc"})
  void invalidNamesAreRejected(String name) {
    PluginException e =
        assertThrows(PluginException.class, () -> PluginRegistry.of("surrogate", List.of(new Named(name))));
    assertTrue(e.getMessage().contains("invalid name '" + name + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(Named.class.getName()), e.getMessage());
  }

  @Test
  void nullNameIsRejected() {
    assertThrows(PluginException.class, () -> PluginRegistry.of("surrogate", List.of(new Named(null))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "idx", "cifar-10", "n_mnist", "v1.2"})
  void validNamesAreAccepted(String name) {
    assertEquals(List.of(name), PluginRegistry.of("dataset", List.of(new Named(name))).names());
  }

  @Test
  void loadKeepsGoodProvidersAndReportsBadOnes() {
    PluginRegistry<Sample> r = PluginRegistry.load(Sample.class, PluginRegistryTest.class.getClassLoader());
    assertEquals(List.of("alpha", "beta"), r.names());
    assertInstanceOf(SamplePlugins.Alpha.class, r.get("ALPHA"));
    assertInstanceOf(SamplePlugins.Beta.class, r.get("beta"));
    List<String> errors = r.loadErrors();
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.stream().anyMatch(m -> m.contains("org.snn4j.plugins.MissingSample")), errors.toString());
    assertTrue(errors.stream().anyMatch(m -> m.contains(SamplePlugins.Broken.class.getName())), errors.toString());
    assertTrue(errors.stream().allMatch(m -> m.startsWith("Sample plugin failed to load")), errors.toString());
    assertEquals("Sample", r.kind());
  }

  @Test
  void loadStopsWhenTheServiceFilesCannotBeListed() {
    ClassLoader unreadable =
        new ClassLoader(PluginRegistryTest.class.getClassLoader()) {
          @Override
          public Enumeration<URL> getResources(String name) throws IOException {
            throw new IOException("cannot list " + name);
          }
        };
    PluginRegistry<Sample> r =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PluginRegistry.load(Sample.class, unreadable));
    assertEquals(List.of(), r.names());
    assertEquals(1, r.loadErrors().size(), r.loadErrors().toString());
  }

  @Test
  void loadUsesTheContextClassLoaderByDefault() {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try {
      thread.setContextClassLoader(PluginRegistryTest.class.getClassLoader());
      assertEquals(List.of("alpha", "beta"), PluginRegistry.load(Sample.class).names());
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  @Test
  void originIsTheClassFolderOrTheJdk() {
    assertEquals("the JDK", PluginRegistry.origin("a string"));
    String origin = PluginRegistry.origin(RECT);
    assertTrue(origin.contains("test-classes"), origin);
  }
}
