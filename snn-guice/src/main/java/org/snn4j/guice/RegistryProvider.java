package org.snn4j.guice;

import com.google.inject.Injector;
import com.google.inject.Provider;
import jakarta.inject.Inject;
import java.util.Map;
import org.snn4j.api.Plugin;
import org.snn4j.api.PluginKind;
import org.snn4j.plugins.PluginRegistry;

/**
 * Makes the {@link PluginRegistry} of one kind from what the injector finally holds: the MapBinder's entries (the
 * discovered plugins, overrides, and those of application and plugin modules), plus the discovered plugins that
 * share a name and so were left out of the map, or reuse a built-in's name, kept so that the registry can say which
 * ones clash and let the user pick one with {@code name@jar}.
 */
final class RegistryProvider<P extends Plugin> implements Provider<PluginRegistry<P>> {
  private final PluginKind<P> kind;
  private final PluginRegistry<P> discovered;
  private Injector injector;

  RegistryProvider(PluginKind<P> kind, PluginRegistry<P> discovered) {
    this.kind = kind;
    this.discovered = discovered;
  }

  @Inject
  void setInjector(Injector injector) {
    this.injector = injector;
  }

  @Override
  public PluginRegistry<P> get() {
    Map<String, P> bound = injector.getInstance(SnnPluginsModule.mapKey(kind));
    PluginRegistry.Builder<P> b = PluginRegistry.builder(kind.name());
    bound.forEach((name, plugin) -> {
      if (name.equals(plugin.name()) && discovered.isBuiltIn(plugin)) {
        b.addBuiltIn(plugin);
        // the jars' plugins that reuse a built-in name stay reachable as name@jar
        discovered.providers(name).stream().filter(p -> p != plugin).forEach(b::add);
      } else if (name.equals(plugin.name())) {
        b.add(plugin);
      } else {
        b.loadError(kind.name() + " plugin " + plugin.getClass().getName() + " from " + PluginRegistry.origin(plugin)
            + " is bound under '" + name + "' but is named '" + plugin.name() + "'; bind it under its name");
      }
    });
    for (String name : discovered.names()) {
      if (!bound.containsKey(name)) {
        discovered.providers(name).forEach(p -> {
          if (discovered.isBuiltIn(p)) {
            b.addBuiltIn(p);
          } else {
            b.add(p);
          }
        });
      }
    }
    discovered.loadErrors().forEach(b::loadError);
    return b.build();
  }
}
