package org.snn4j.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.plugins.PluginRegistry;
import org.snn4j.testkit.PluginJar;

/**
 * Plugin jars in a plugin folder, each in its own class loader: one plain ServiceLoader plugin, one that needs
 * injection and ships a Guice module, broken modules, and two jars that provide the same name.
 */
class PluginJarsTest {
  @TempDir static Path plugins;

  /** A surrogate whose height comes from an injected constant. */
  private static String injectedBox(String pkg, String name) {
    return """
        package %1$s;
        import java.util.Map;
        import jakarta.inject.Inject;
        import jakarta.inject.Named;
        import org.snn4j.api.*;
        public final class Box implements SurrogateFactory {
          private final float height;
          @Inject public Box(@Named("%2$s.height") Float height) { this.height = height; }
          public String name() { return "%2$s"; }
          public SurrogateGradient create(PluginParams p) {
            return new SurrogateGradient() {
              public String name() { return "%2$s"; }
              public float derivative(float z) { return Math.abs(z) < 0.5f / height ? height : 0f; }
              public String toString() { return "%2$s"; }
            };
          }
        }
        """.formatted(pkg, name);
  }

  private static String module(String pkg, String body) {
    return """
        package %s;
        import com.google.inject.AbstractModule;
        import com.google.inject.name.Names;
        import org.snn4j.api.PluginKind;
        import org.snn4j.guice.SnnPluginsModule;
        public final class PluginModule extends AbstractModule {
          @Override protected void configure() {
            %s
          }
        }
        """.formatted(pkg, body);
  }

  private static String plainBox(String pkg, String name, float height) {
    return """
        package %1$s;
        import org.snn4j.api.*;
        public final class Plain implements SurrogateFactory {
          public String name() { return "%2$s"; }
          public SurrogateGradient create(PluginParams p) {
            return new SurrogateGradient() {
              public String name() { return "%2$s"; }
              public float derivative(float z) { return %3$sf; }
            };
          }
        }
        """.formatted(pkg, name, height);
  }

  private static PluginJar guiceJar() {
    return PluginJar.builder().compileAgainst(Module.class, jakarta.inject.Inject.class, SnnPluginsModule.class);
  }

  @BeforeAll
  static void buildJars() throws Exception {
    guiceJar()
        .source("com.good.Box", injectedBox("com.good", "tall-box"))
        .source("com.good.PluginModule", module("com.good",
            "bindConstant().annotatedWith(Names.named(\"tall-box.height\")).to(2f);"
                + "SnnPluginsModule.mapBinder(binder(), PluginKind.SURROGATE).addBinding(\"tall-box\")"
                + ".to(com.good.Box.class);"))
        .service(Module.class, "com.good.PluginModule")
        .write(plugins.resolve("good-guice.jar"));
    PluginJar.builder().source("com.plain.Plain", plainBox("com.plain", "plain", 0.5f))
        .service(SurrogateFactory.class, "com.plain.Plain")
        .write(plugins.resolve("plain.jar"));
    guiceJar().source("com.crash.PluginModule", module("com.crash", "throw new IllegalStateException(\"boom\");"))
        .service(Module.class, "com.crash.PluginModule")
        .write(plugins.resolve("crash-module.jar"));
    guiceJar()
        .source("com.thief.Box", injectedBox("com.thief", "rectangular"))
        .source("com.thief.PluginModule", module("com.thief",
            "bindConstant().annotatedWith(Names.named(\"rectangular.height\")).to(9f);"
                + "SnnPluginsModule.mapBinder(binder(), PluginKind.SURROGATE).addBinding(\"rectangular\")"
                + ".to(com.thief.Box.class);"))
        .service(Module.class, "com.thief.PluginModule")
        .write(plugins.resolve("thief-module.jar"));
    guiceJar()
        .source("com.unsat.Box", injectedBox("com.unsat", "needy-box"))
        .source("com.unsat.PluginModule", module("com.unsat",
            "SnnPluginsModule.mapBinder(binder(), PluginKind.SURROGATE).addBinding(\"needy-box\")"
                + ".to(com.unsat.Box.class);"))
        .service(Module.class, "com.unsat.PluginModule")
        .write(plugins.resolve("unsatisfied-module.jar"));
    Path twins = Files.createDirectories(plugins.resolve("twins"));
    PluginJar.builder().source("com.one.Plain", plainBox("com.one", "twin", 1f))
        .service(SurrogateFactory.class, "com.one.Plain").write(twins.resolve("one.jar"));
    PluginJar.builder().source("com.two.Plain", plainBox("com.two", "twin", 2f))
        .service(SurrogateFactory.class, "com.two.Plain").write(twins.resolve("two.jar"));
  }

  private static PluginCatalog.Builder catalog() {
    return PluginCatalog.builder().classLoader(PluginJarsTest.class.getClassLoader()).pluginDirectory(plugins);
  }

  @Test
  void pluginModulesAreInstalledAndBadOnesLeftOutWithAMessage() {
    try (PluginCatalog catalog = catalog().build()) {
      SnnPluginsModule module = SnnPluginsModule.builder().catalog(catalog).build();
      Injector injector = Guice.createInjector(module);
      Map<String, SurrogateFactory> map = injector.getInstance(SnnPluginsModule.mapKey(PluginKind.SURROGATE));
      assertTrue(map.containsKey("tall-box"), map.keySet().toString());
      assertTrue(map.containsKey("plain"), map.keySet().toString());
      assertTrue(!map.containsKey("needy-box") && !map.containsKey("twin"), map.keySet().toString());
      assertEquals("org.snn4j.surrogates.RectangularSurrogate", map.get("rectangular").getClass().getName(),
          "a plugin module cannot take a built-in's name");

      PluginRegistry<SurrogateFactory> registry =
          injector.getInstance(SnnPluginsModule.registryKey(PluginKind.SURROGATE));
      SurrogateFactory tall = registry.get("tall-box");
      assertTrue(PluginRegistry.origin(tall).endsWith("good-guice.jar"), PluginRegistry.origin(tall));
      assertEquals(2f, tall.create(PluginSpec.parse("tall-box")).derivative(0f), "injected by the plugin's module");

      List<String> problems = injector.getInstance(PluginProblems.class).messages();
      assertEquals(4, problems.size(), String.join("\n", problems));
      assertProblem(problems, "com.crash.PluginModule", "crash-module.jar", "configure() failed", "boom");
      assertProblem(problems, "com.thief.PluginModule", "thief-module.jar", "binds surrogate 'rectangular'",
          "RectangularSurrogate");
      assertProblem(problems, "com.unsat.PluginModule", "unsatisfied-module.jar", "bindings do not work",
          "needy-box.height");
      assertProblem(problems, "'twin'", "one.jar", "two.jar", "'twin@one.jar'", "'twin@two.jar'");
    }
  }

  @Test
  void twoJarsWithOneNameFailOnlyThatNameUntilTheUserPicks() {
    try (PluginCatalog catalog = catalog().build()) {
      Injector injector = Guice.createInjector(SnnPluginsModule.builder().catalog(catalog).build());
      PluginRegistry<SurrogateFactory> registry =
          injector.getInstance(SnnPluginsModule.registryKey(PluginKind.SURROGATE));
      PluginException e = assertThrows(PluginException.class,
          () -> PluginRegistry.create(registry, PluginSpec.parse("twin")));
      assertTrue(e.getMessage().contains("com.one.Plain") && e.getMessage().contains("com.two.Plain"), e.getMessage());
      assertEquals(2f, PluginRegistry.create(registry, PluginSpec.parse("twin@two.jar")).derivative(0f));
      assertEquals(1f, PluginRegistry.create(registry, PluginSpec.parse("twin@one")).derivative(0f));
      assertEquals(0.5f, PluginRegistry.create(registry, PluginSpec.parse("plain")).derivative(0f));
    }
    try (PluginCatalog chosen = catalog().choose(PluginKind.SURROGATE, "twin", "two.jar").build()) {
      Injector injector = Guice.createInjector(SnnPluginsModule.builder().catalog(chosen).build());
      Map<String, SurrogateFactory> map = injector.getInstance(SnnPluginsModule.mapKey(PluginKind.SURROGATE));
      assertEquals("com.two.Plain", map.get("twin").getClass().getName());
    }
  }

  @Test
  void pluginModulesCanBeTurnedOff() {
    try (PluginCatalog catalog = catalog().build()) {
      SnnPluginsModule module = SnnPluginsModule.builder().catalog(catalog).pluginModules(false).build();
      Map<String, SurrogateFactory> map =
          Guice.createInjector(module).getInstance(SnnPluginsModule.mapKey(PluginKind.SURROGATE));
      assertTrue(!map.containsKey("tall-box") && map.containsKey("plain"), map.keySet().toString());
      assertSame(catalog, module.catalog());
    }
  }

  private static void assertProblem(List<String> problems, String... fragments) {
    for (String p : problems) {
      if (p.contains(fragments[0])) {
        for (String f : fragments) {
          assertTrue(p.contains(f), "'" + f + "' missing in: " + p);
        }
        return;
      }
    }
    throw new AssertionError("no problem mentions " + fragments[0] + " in:\n" + String.join("\n", problems));
  }
}
