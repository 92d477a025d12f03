package org.snn4j.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.spi.Elements;
import com.google.inject.util.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snn4j.api.Plugin;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginKind;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.plugins.PluginRegistry;

/**
 * Wires snn4j's plugins into Guice, the way Apache Druid wires its extensions. For every extension point of the
 * {@link PluginCatalog} (neurons, surrogates, encoders, dataset readers, and any kind added later) it binds:
 *
 * <ul>
 *   <li>a {@code MapBinder<String, P>}: every plugin the catalog found, under its name; get the map with {@link
 *       #mapKey} or inject {@code Map<String, SurrogateFactory>}, and add to it from any module with {@link
 *       #mapBinder};
 *   <li>a {@code PluginRegistry<P>} ({@link #registryKey}) over that map, with the lookup rules of the command line:
 *       names ignore case, unknown names list the known ones, a name two jars share must be picked with {@code
 *       name@jar}, and a built-in's name means the built-in (a jar that reuses it is reached as {@code name@jar});
 *   <li>the {@link PluginCatalog} and the {@link PluginProblems}.
 * </ul>
 *
 * <p>Plugins that want injection ship a Guice {@link Module} in {@code META-INF/services/com.google.inject.Module}
 * of their jar; those modules are installed too, after a check that leaves out (and reports in {@link
 * PluginProblems}) any module that fails, binds an invalid or taken name, or cannot be satisfied. The application
 * adds its own modules with {@link Builder#install}. A name may be bound once: an application module that binds a
 * name a plugin already has fails injector creation with Guice's duplicate-key error, unless the application says
 * it replaces that plugin with {@link Builder#override}.
 */
public final class SnnPluginsModule extends AbstractModule {
  private final PluginCatalog catalog;
  private final List<Module> applicationModules;
  private final List<Replacement<?>> replacements;
  private final List<Module> pluginModules;
  private final List<String> problems;

  private SnnPluginsModule(PluginCatalog catalog, List<Module> applicationModules, List<Replacement<?>> replacements,
      List<Module> pluginModules, List<String> problems) {
    this.catalog = catalog;
    this.applicationModules = List.copyOf(applicationModules);
    this.replacements = List.copyOf(replacements);
    this.pluginModules = List.copyOf(pluginModules);
    this.problems = List.copyOf(problems);
  }

  /** A builder with no catalog yet: {@link Builder#build()} loads the class path's plugins if none is given. */
  public static Builder builder() {
    return new Builder();
  }

  /** The key of {@code Map<String, P>}, the MapBinder of {@code kind}'s plugins by name. */
  @SuppressWarnings("unchecked") // Types.mapOf builds exactly Map<String, P>
  public static <P extends Plugin> Key<Map<String, P>> mapKey(PluginKind<P> kind) {
    return (Key<Map<String, P>>) Key.get(Types.mapOf(String.class, kind.type()));
  }

  /** The key of {@code PluginRegistry<P>}, the registry over {@code kind}'s bound plugins. */
  @SuppressWarnings("unchecked") // the parameterized type is exactly PluginRegistry<P>
  public static <P extends Plugin> Key<PluginRegistry<P>> registryKey(PluginKind<P> kind) {
    return (Key<PluginRegistry<P>>) Key.get(Types.newParameterizedType(PluginRegistry.class, kind.type()));
  }

  /**
   * The MapBinder of {@code kind}, for a module that contributes a plugin: {@code
   * SnnPluginsModule.mapBinder(binder(), PluginKind.SURROGATE).addBinding("my-curve").to(MyCurve.class)}. Bind
   * each plugin under its {@link Plugin#name()}.
   */
  public static <P extends Plugin> MapBinder<String, P> mapBinder(Binder binder, PluginKind<P> kind) {
    return MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), TypeLiteral.get(kind.type()));
  }

  /** The catalog the plugins came from. */
  public PluginCatalog catalog() {
    return catalog;
  }

  /** What went wrong while loading and wiring; also bound as {@link PluginProblems}. */
  public List<String> problems() {
    return problems;
  }

  @Override
  protected void configure() {
    bind(PluginCatalog.class).toInstance(catalog);
    bind(PluginProblems.class).toInstance(new PluginProblems(problems));
    for (PluginKind<?> kind : catalog.kinds()) {
      bindKind(kind);
    }
    pluginModules.forEach(this::install);
    applicationModules.forEach(this::install);
  }

  private <P extends Plugin> void bindKind(PluginKind<P> kind) {
    MapBinder<String, P> map = mapBinder(binder(), kind);
    PluginRegistry<P> registry = catalog.registry(kind);
    Map<String, Replacement<P>> replaced = new LinkedHashMap<>();
    for (Replacement<?> r : replacements) {
      if (r.kind.equals(kind)) {
        replaced.put(r.name, r.as(kind));
      }
    }
    for (String name : registry.names()) {
      // a name two jars share is left out until the user picks one, and a built-in's name means the built-in even
      // when a jar reuses it; the registry explains both
      if (!replaced.containsKey(name)) {
        registry.unique(name).ifPresent(p -> map.addBinding(name).toInstance(p));
      }
    }
    replaced.values().forEach(r -> r.bind(map));
    bind(registryKey(kind)).toProvider(new RegistryProvider<>(kind, registry)).in(Singleton.class);
  }

  /** An application's replacement for the plugin of one name. */
  private static final class Replacement<P extends Plugin> {
    final PluginKind<P> kind;
    final String name;
    final P instance;
    final Class<? extends P> type;

    Replacement(PluginKind<P> kind, String name, P instance, Class<? extends P> type) {
      this.kind = kind;
      this.name = name;
      this.instance = instance;
      this.type = type;
    }

    @SuppressWarnings("unchecked") // checked: kinds are equal exactly when their interfaces are
    <Q extends Plugin> Replacement<Q> as(PluginKind<Q> other) {
      return (Replacement<Q>) this;
    }

    void bind(MapBinder<String, P> map) {
      if (instance != null) {
        map.addBinding(name).toInstance(instance);
      } else {
        map.addBinding(name).to(type);
      }
    }
  }

  /** Configures a {@link SnnPluginsModule}. */
  public static final class Builder {
    private PluginCatalog catalog;
    private final List<Module> applicationModules = new ArrayList<>();
    private final List<Replacement<?>> replacements = new ArrayList<>();
    private boolean pluginModules = true;

    private Builder() {}

    /** The plugins to wire; by default the class path's, from the thread's context class loader. */
    public Builder catalog(PluginCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** Installs application modules, which may contribute plugins through {@link #mapBinder}. */
    public Builder install(Module... modules) {
      applicationModules.addAll(List.of(modules));
      return this;
    }

    /** Replaces the plugin named {@code plugin.name()} with {@code plugin}. */
    public <P extends Plugin> Builder override(PluginKind<P> kind, P plugin) {
      replacements.add(new Replacement<>(kind, plugin.name(), plugin, null));
      return this;
    }

    /** Replaces the plugin named {@code name} with {@code type}, created and injected by Guice. */
    public <P extends Plugin> Builder override(PluginKind<P> kind, String name, Class<? extends P> type) {
      replacements.add(new Replacement<>(kind, name, null, type));
      return this;
    }

    /** Whether to install the Guice modules plugin jars ship (default true). */
    public Builder pluginModules(boolean install) {
      this.pluginModules = install;
      return this;
    }

    /**
     * The module. Loads the catalog if none was given, and checks the plugin-shipped modules.
     *
     * @throws PluginException if an override names a plugin that does not exist
     */
    public SnnPluginsModule build() {
      PluginCatalog c = catalog != null ? catalog : PluginCatalog.builder().build();
      Map<PluginKind<?>, Map<String, String>> taken = new LinkedHashMap<>();
      for (PluginKind<?> kind : c.kinds()) {
        Map<String, String> names = new LinkedHashMap<>();
        PluginRegistry<?> registry = c.registry(kind);
        for (String name : registry.names()) {
          Plugin p = registry.unique(name).map(Plugin.class::cast).orElse(registry.providers(name).get(0));
          names.put(name, p.getClass().getName() + " from " + PluginRegistry.origin(p));
        }
        taken.put(kind, names);
      }
      for (Replacement<?> r : replacements) {
        Map<String, String> names = taken.get(r.kind);
        if (names == null || !names.containsKey(r.name)) {
          throw new PluginException("cannot override " + r.kind.name() + " '" + r.name + "': there is no "
              + r.kind.name() + " of that name" + (names == null ? "" : "; known: " + String.join(", ",
                  names.keySet())));
        }
        names.put(r.name, "the application's override");
      }
      for (Module m : applicationModules) {
        ShippedModules.contributions(Elements.getElements(m), c.kinds()).forEach((kind, list) ->
            list.forEach(n -> taken.get(kind).putIfAbsent(n, "application module " + m.getClass().getName())));
      }
      List<String> problems = new ArrayList<>(c.problems());
      List<Module> vetted = List.of();
      if (pluginModules) {
        PluginCatalog.Discovered<Module> found = c.discover(Module.class, "Guice module");
        problems.addAll(found.problems());
        vetted = ShippedModules.vet(found.providers(), c.kinds(), taken,
            modules -> new SnnPluginsModule(c, applicationModules, replacements, modules, List.of()), problems);
      }
      return new SnnPluginsModule(c, applicationModules, replacements, vetted, problems);
    }
  }
}
