package org.snn4j.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginFactory;
import org.snn4j.api.PluginParams;
import org.snn4j.api.PluginSpec;
import org.snn4j.plugins.SamplePlugins.Named;
import org.snn4j.plugins.SamplePlugins.OtherNamed;
import org.snn4j.plugins.SamplePlugins.Sample;

class PluginRegistryBuilderTest {
  private static final Sample BOX = new Named("box");
  private static final Sample OTHER_BOX = new OtherNamed("box");
  private static final Sample RECT = new Named("rect");

  private static PluginRegistry<Sample> clash() {
    return PluginRegistry.<Sample>builder("surrogate").add(BOX).add(RECT).add(OTHER_BOX).build();
  }

  @Test
  void duplicatesAreKeptAndOnlyTheirNameFails() {
    PluginRegistry<Sample> r = clash();
    assertSame(RECT, r.get("rect"), "the other plugins keep working");
    assertEquals(List.of("box", "rect"), r.names());
    assertEquals(List.of(BOX, OTHER_BOX, RECT), List.copyOf(r.all()));
    assertEquals(List.of(BOX, OTHER_BOX), r.providers("BOX"));
    PluginException e = assertThrows(PluginException.class, () -> r.get("box"));
    String m = e.getMessage();
    assertTrue(m.startsWith("two surrogate plugins are named 'box': "), m);
    assertTrue(m.contains(Named.class.getName()) && m.contains(OtherNamed.class.getName()), m);
    assertTrue(m.contains("test-classes"), "names where each came from: " + m);
    // both live in test-classes, so the choice must be by class name
    assertTrue(m.contains("'box@" + Named.class.getName() + "'"), m);
    assertTrue(m.contains("'box@" + OtherNamed.class.getName() + "'"), m);
    assertEquals(List.of(m), r.problems());
    assertEquals(List.of(), r.loadErrors());
  }

  @Test
  void aBuiltInNameMeansTheBuiltInAndTheOtherIsReachedWithAtOrigin() {
    PluginRegistry<Sample> r = PluginRegistry.<Sample>builder("surrogate").add(OTHER_BOX).addBuiltIn(BOX).add(RECT)
        .build();
    assertSame(BOX, r.get("box"));
    assertSame(BOX, r.get("BOX"));
    assertSame(BOX, r.unique("box").orElseThrow());
    assertSame(OTHER_BOX, r.get("box@" + OtherNamed.class.getName()));
    assertTrue(r.isBuiltIn(BOX) && !r.isBuiltIn(OTHER_BOX) && !r.isBuiltIn(RECT));
    assertEquals(List.of(BOX, OTHER_BOX), List.copyOf(r.providers("box")).stream()
        .sorted((a, b) -> Boolean.compare(r.isBuiltIn(b), r.isBuiltIn(a))).toList());
    assertEquals(1, r.problems().size(), r.problems().toString());
    String m = r.problems().get(0);
    assertTrue(m.startsWith("surrogate plugin " + OtherNamed.class.getName() + " from "), m);
    assertTrue(m.contains("reuses the built-in name 'box', which still means the built-in " + Named.class.getName()
        + "; use this one as 'box@" + OtherNamed.class.getName() + "'"), m);
    // two plugins that are not built in still need the user to choose
    assertTrue(clash().unique("box").isEmpty());
    assertThrows(PluginException.class, () -> clash().get("box"));
  }

  @Test
  void userPicksOneWithAtOrigin() {
    PluginRegistry<Sample> r = clash();
    assertSame(OTHER_BOX, r.get("box@" + OtherNamed.class.getName()));
    assertSame(BOX, r.get(PluginSpec.parse("box@" + Named.class.getName().toUpperCase() + ":a=1")));
    assertTrue(r.contains("box@" + Named.class.getName()));
    PluginException e = assertThrows(PluginException.class, () -> r.get("box@nowhere.jar"));
    assertTrue(e.getMessage().contains("no surrogate 'box' comes from 'nowhere.jar'"), e.getMessage());
    PluginException several = assertThrows(PluginException.class, () -> r.get("box@test-classes"));
    assertTrue(several.getMessage().contains("matches several"), several.getMessage());
  }

  @Test
  void originMayAlsoNameTheOnlyProvider() {
    assertSame(RECT, clash().get("rect@" + Named.class.getName()));
    assertTrue(clash().contains("rect@" + Named.class.getName()));
    assertTrue(!clash().contains("rect@other.jar"));
  }

  @Test
  void applicationChoosesUpFront() {
    PluginRegistry<Sample> r = PluginRegistry.<Sample>builder("surrogate").add(BOX).add(OTHER_BOX)
        .choose("Box", OtherNamed.class.getName()).build();
    assertSame(OTHER_BOX, r.get("box"));
    assertEquals(List.of(), r.problems());
  }

  @Test
  void aChoiceThatPicksNothingFailsTheBuild() {
    PluginException unknown = assertThrows(PluginException.class,
        () -> PluginRegistry.<Sample>builder("surrogate").add(BOX).choose("boxx", "a.jar").build());
    assertTrue(unknown.getMessage().contains("no surrogate named 'boxx'"), unknown.getMessage());
    PluginException none = assertThrows(PluginException.class,
        () -> PluginRegistry.<Sample>builder("surrogate").add(BOX).add(OTHER_BOX).choose("box", "a.jar").build());
    assertTrue(none.getMessage().contains("none of its plugins come from 'a.jar'"), none.getMessage());
  }

  @Test
  void invalidNamesAreReportedNotThrown() {
    PluginRegistry<Sample> r =
        PluginRegistry.<Sample>builder("surrogate").add(new Named("Bad Name")).add(RECT).build();
    assertEquals(List.of("rect"), r.names());
    assertEquals(1, r.loadErrors().size());
    String m = r.loadErrors().get(0);
    assertTrue(m.contains("invalid name 'Bad Name'") && m.contains(Named.class.getName()), m);
    PluginException e = assertThrows(PluginException.class, () -> r.get("nope"));
    assertTrue(e.getMessage().contains("failed to load: " + m), "unknown names show what failed: " + e.getMessage());
  }

  @Test
  void sameClassIsAddedOnce() {
    PluginRegistry<Sample> r = PluginRegistry.<Sample>builder("x").add(BOX).add(new Named("box")).build();
    assertEquals(List.of(BOX), List.copyOf(r.all()));
  }

  @Test
  void factoryCreatesFromSpecUsingItsOwnNameInMessages() {
    SamplePlugins.Echo echo = new SamplePlugins.Echo();
    assertEquals("a=2.0", echo.create(PluginSpec.parse("whatever:a=2")));
    assertEquals("a=1.0", echo.create(PluginSpec.parse("echo")));
    PluginException e = assertThrows(PluginException.class, () -> echo.create(PluginSpec.parse("x:a=-1")));
    assertTrue(e.getMessage().startsWith("echo: parameter 'a'"), e.getMessage());
  }

  @Test
  void createNamesPluginClassAndOriginOnBadParameters() {
    PluginRegistry<PluginFactory<String>> r =
        PluginRegistry.<PluginFactory<String>>builder("echo").add(new SamplePlugins.Echo()).build();
    assertEquals("a=2.0", PluginRegistry.create(r, PluginSpec.parse("echo:a=2")));
    PluginException e = assertThrows(PluginException.class,
        () -> PluginRegistry.create(r, PluginSpec.parse("echo:a=-1")));
    String m = e.getMessage();
    assertTrue(m.startsWith("echo: parameter 'a' must be > 0, got -1"), m);
    assertTrue(m.contains(SamplePlugins.Echo.class.getName()) && m.contains("test-classes"), m);
  }

  @Test
  void createWrapsAFactoryThatThrowsSomethingElse() {
    PluginFactory<String> crashing = new PluginFactory<>() {
      @Override
      public String name() {
        return "crash";
      }

      @Override
      public String create(PluginParams params) {
        throw new IllegalStateException("boom");
      }
    };
    PluginRegistry<PluginFactory<String>> r = PluginRegistry.<PluginFactory<String>>builder("thing")
        .add(crashing).build();
    PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.create(r, PluginSpec.parse("crash")));
    assertTrue(e.getMessage().contains("boom") && e.getMessage().contains(crashing.getClass().getName()),
        e.getMessage());
  }

  @Test
  void createPassesTheSpecWithoutItsOrigin() {
    PluginFactory<String> echoSpec = new PluginFactory<>() {
      @Override
      public String name() {
        return "spec";
      }

      @Override
      public String create(PluginParams params) {
        return "params";
      }

      @Override
      public String create(PluginSpec spec) {
        return spec.toString();
      }
    };
    PluginRegistry<PluginFactory<String>> r = PluginRegistry.<PluginFactory<String>>builder("thing")
        .add(echoSpec).build();
    assertEquals("spec", PluginRegistry.create(r, PluginSpec.parse("spec@" + echoSpec.getClass().getName())));
  }

  @Test
  void strictOfStillRefusesDuplicatesAndNowSaysHowToChoose() {
    PluginException e = assertThrows(PluginException.class,
        () -> PluginRegistry.of("surrogate", List.of(BOX, OTHER_BOX)));
    assertTrue(e.getMessage().contains("choose one with"), e.getMessage());
    assertEquals(Map.of(), Map.of());
  }
}
