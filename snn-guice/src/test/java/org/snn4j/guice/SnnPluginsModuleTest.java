package org.snn4j.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginParams;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.plugins.PluginRegistry;

/** The module on the test class path: built-ins, application modules and overrides. Plugin jars: PluginJarsTest. */
class SnnPluginsModuleTest {
  private static final TypeLiteral<Map<String, SurrogateFactory>> SURROGATES = new TypeLiteral<>() {};

  /** A surrogate an application defines; its width comes from injection. */
  static final class Wide implements SurrogateFactory {
    private final double width;

    @Inject
    Wide(@jakarta.inject.Named("width") Double width) {
      this.width = width;
    }

    @Override
    public String name() {
      return "rectangular";
    }

    @Override
    public SurrogateGradient create(PluginParams params) {
      return new SurrogateGradient() {
        @Override
        public String name() {
          return "rectangular";
        }

        @Override
        public float derivative(float z) {
          return Math.abs(z) < width / 2 ? (float) (1 / width) : 0f;
        }
      };
    }
  }

  /** A fixed-height box under any name. */
  static final class Box implements SurrogateFactory {
    private final String name;

    Box(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public SurrogateGradient create(PluginParams params) {
      return new SurrogateGradient() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public float derivative(float z) {
          return 0.125f;
        }
      };
    }
  }

  @Test
  void bindsEveryBuiltInKindByName() {
    Injector injector = Guice.createInjector(SnnPluginsModule.builder().build());
    Map<String, SurrogateFactory> surrogates = injector.getInstance(Key.get(SURROGATES));
    assertEquals(10, surrogates.size(), surrogates.keySet().toString());
    assertTrue(surrogates.keySet().containsAll(List.of("atan", "fast-sigmoid", "rectangular", "straight-through")));
    assertTrue(injector.getInstance(SnnPluginsModule.mapKey(PluginKind.ENCODER)).containsKey("rate"));
    Map<String, DatasetReader> datasets = injector.getInstance(SnnPluginsModule.mapKey(PluginKind.DATASET));
    assertTrue(datasets.containsKey("fashion-mnist"), datasets.keySet().toString());
    Map<String, NeuronFactory> neurons = injector.getInstance(SnnPluginsModule.mapKey(PluginKind.NEURON));
    assertEquals(Set.of("lif", "if", "plif", "alif"), neurons.keySet());
    PluginRegistry<NeuronFactory> neuronRegistry =
        injector.getInstance(SnnPluginsModule.registryKey(PluginKind.NEURON));
    assertEquals(new LifNeuron(0.3f, 0.5f, false),
        PluginRegistry.create(neuronRegistry, PluginSpec.parse("LIF:decay=0.3")));
    PluginRegistry<SurrogateFactory> registry =
        injector.getInstance(SnnPluginsModule.registryKey(PluginKind.SURROGATE));
    SurrogateGradient atan = PluginRegistry.create(registry, PluginSpec.parse("ATAN:alpha=2"));
    assertEquals(1f, atan.derivative(0f));
    PluginException e = assertThrows(PluginException.class, () -> registry.get("nope"));
    assertTrue(e.getMessage().contains("known: atan, erf"), e.getMessage());
    assertEquals(List.of(), injector.getInstance(PluginProblems.class).messages());
    assertInstanceOf(PluginCatalog.class, injector.getInstance(PluginCatalog.class));
    PluginRegistry<SpikeEncoderFactory> encoders =
        injector.getInstance(SnnPluginsModule.registryKey(PluginKind.ENCODER));
    assertTrue(encoders.names().contains("rate"), encoders.names().toString());
  }

  @Test
  void applicationModuleAddsAPluginUnderANewName() {
    SnnPluginsModule module = SnnPluginsModule.builder().install(new AbstractModule() {
      @Override
      protected void configure() {
        SnnPluginsModule.mapBinder(binder(), PluginKind.SURROGATE).addBinding("eighth").toInstance(new Box("eighth"));
      }
    }).build();
    Injector injector = Guice.createInjector(module);
    assertEquals(11, injector.getInstance(Key.get(SURROGATES)).size());
    PluginRegistry<SurrogateFactory> registry =
        injector.getInstance(SnnPluginsModule.registryKey(PluginKind.SURROGATE));
    assertEquals(0.125f, registry.get("eighth").create(PluginSpec.parse("eighth")).derivative(5f));
  }

  @Test
  void applicationModuleCannotSilentlyReplaceABuiltIn() {
    SnnPluginsModule module = SnnPluginsModule.builder().install(new AbstractModule() {
      @Override
      protected void configure() {
        SnnPluginsModule.mapBinder(binder(), PluginKind.SURROGATE).addBinding("rectangular")
            .toInstance(new Box("rectangular"));
      }
    }).build();
    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(module));
    assertTrue(e.getMessage().contains("rectangular") && e.getMessage().contains("uplicate"), e.getMessage());
  }

  @Test
  void overrideReplacesABuiltInByNameWhenTheApplicationSaysSo() {
    SnnPluginsModule module = SnnPluginsModule.builder()
        .override(PluginKind.SURROGATE, "rectangular", Wide.class)
        .override(PluginKind.SURROGATE, new Box("sigmoid"))
        .install(new AbstractModule() {
          @Override
          protected void configure() {
            bindConstant().annotatedWith(com.google.inject.name.Names.named("width")).to(4.0);
          }
        })
        .build();
    Injector injector = Guice.createInjector(module);
    Map<String, SurrogateFactory> surrogates = injector.getInstance(Key.get(SURROGATES));
    assertEquals(10, surrogates.size());
    assertInstanceOf(Wide.class, surrogates.get("rectangular"));
    assertEquals(0.25f, surrogates.get("rectangular").create(PluginSpec.parse("rectangular")).derivative(1.9f));
    assertInstanceOf(Box.class, surrogates.get("sigmoid"));
    PluginRegistry<SurrogateFactory> registry =
        injector.getInstance(SnnPluginsModule.registryKey(PluginKind.SURROGATE));
    assertInstanceOf(Wide.class, registry.get("rectangular"));
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void overridingANameThatDoesNotExistIsAnError() {
    PluginException e = assertThrows(PluginException.class,
        () -> SnnPluginsModule.builder().override(PluginKind.SURROGATE, new Box("rectangulr")).build());
    assertTrue(e.getMessage().contains("cannot override surrogate 'rectangulr'"), e.getMessage());
    assertTrue(e.getMessage().contains("rectangular"), "lists the known names: " + e.getMessage());
  }
}
