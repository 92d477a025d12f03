package org.snn4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginFactory;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.io.ModelFormatException;
import org.snn4j.guice.SnnPluginsModule;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.plugins.PluginRegistry;

/**
 * The plugins of one {@code snn} run: the class path's, plus every jar in the folders of {@code --plugins} (or else
 * {@code $SNN_PLUGINS}), each jar in its own class loader, wired through {@link SnnPluginsModule} so that plugins
 * shipping a Guice module work too. Commands create configured plugins here from the user's specs, with the flag
 * named in every error.
 *
 * <p>With plugin folders, the run's context class loader is the catalog's, so code that looks plugins up by
 * itself ({@code DataLocator.forThisMachine()}, {@code PluginRegistry.load}) sees the jars too. Problems with the
 * jars never stop a run: {@code snn plugins} lists them, and other commands print each once on stderr when they
 * first use a plugin.
 */
final class Plugins implements AutoCloseable {
  /** The environment variable naming plugin folders, separated like a class path. */
  static final String ENV = "SNN_PLUGINS";

  private static final ThreadLocal<Plugins> CURRENT = new ThreadLocal<>();

  private final List<Path> folders;
  private final PluginCatalog catalog;
  private final Injector injector;
  private final List<String> problems;
  private final ClassLoader savedContext;
  private boolean warned;

  private Plugins(List<Path> folders, String source) {
    PluginCatalog.Builder b = PluginCatalog.builder().classLoader(Plugins.class.getClassLoader());
    folders.forEach(b::pluginDirectory);
    try {
      this.catalog = b.build();
    } catch (PluginException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
    this.folders = List.copyOf(folders);
    SnnPluginsModule module = SnnPluginsModule.builder().catalog(catalog).build();
    this.injector = Guice.createInjector(module);
    this.problems = module.problems();
    Thread thread = Thread.currentThread();
    this.savedContext = thread.getContextClassLoader();
    if (!folders.isEmpty()) {
      thread.setContextClassLoader(catalog.classLoader());
    }
  }

  /**
   * Starts a run's plugins: loaded now when there are plugin folders (commands that look plugins up by themselves
   * must see them), else on first use.
   *
   * @param flag the folders given with {@code --plugins}, or empty
   * @param env the value of {@code $SNN_PLUGINS}, or null
   * @throws UsageException if a folder does not exist
   */
  static void open(List<Path> flag, String env) {
    close(CURRENT.get());
    CURRENT.remove();
    List<Path> folders = new ArrayList<>(flag);
    String source = "--plugins";
    if (folders.isEmpty() && env != null && !env.isBlank()) {
      source = "$" + ENV;
      for (String part : env.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          folders.add(Path.of(part.strip()));
        }
      }
    }
    if (!folders.isEmpty()) {
      CURRENT.set(new Plugins(folders, source));
    }
  }

  /** Ends the run's plugins: restores the context class loader and closes the jars. */
  static void closeCurrent() {
    close(CURRENT.get());
    CURRENT.remove();
  }

  private static void close(Plugins p) {
    if (p != null) {
      p.close();
    }
  }

  /** This run's plugins; the class path's alone if {@link #open} was given no folders. */
  static Plugins current() {
    Plugins p = CURRENT.get();
    if (p == null) {
      p = new Plugins(List.of(), "plugins");
      CURRENT.set(p);
    }
    return p;
  }

  /** The surrogate {@code spec} names, for {@code --surrogate}. */
  static SurrogateGradient surrogate(String spec) {
    return current().create(PluginKind.SURROGATE, spec, "--surrogate");
  }

  /**
   * The factory of the neuron {@code spec} names, whose declared parameters {@code --decay} and the like fill.
   *
   * @throws UsageException naming {@code --neuron} if there is no such neuron (the message lists the known ones)
   */
  static NeuronFactory neuronFactory(PluginSpec spec) {
    return neuronFactory(spec, "--neuron");
  }

  /** {@link #neuronFactory(PluginSpec)}, errors naming {@code flag}. */
  static NeuronFactory neuronFactory(PluginSpec spec, String flag) {
    Plugins p = current();
    p.warnOnce(System.err);
    try {
      return p.registry(PluginKind.NEURON).get(spec);
    } catch (PluginException e) {
      throw p.usage(flag, e);
    }
  }

  /**
   * The neuron {@code spec} describes, for {@code --neuron}.
   *
   * @throws PluginException if it cannot be made; the message names the neuron, the parameter, the class and the
   *     jar, and the caller names the flag
   */
  static NeuronModel neuron(PluginSpec spec) {
    Plugins p = current();
    p.warnOnce(System.err);
    return PluginRegistry.create(p.registry(PluginKind.NEURON), spec);
  }

  /** A plugin error as the user sees it: after {@code flag}, with a hint if a name is unknown without plugins. */
  static UsageException usageError(String flag, PluginException e) {
    return current().usage(flag, e);
  }

  /** The encoder {@code spec} names, for {@code --encoder}. */
  static SpikeEncoder encoder(String spec) {
    return current().create(PluginKind.ENCODER, spec, "--encoder");
  }

  /**
   * The encoder a model's header names ({@code rate} if none), for {@code snn eval}: errors name the model file and
   * its header, never a flag the user did not give.
   */
  static SpikeEncoder encoder(ModelFile.Loaded model) throws ModelFormatException {
    String text = model.get("encoder", "rate");
    Plugins p = current();
    p.warnOnce(System.err);
    try {
      PluginSpec spec = PluginSpec.parse(text);
      PluginRegistry<SpikeEncoderFactory> registry = p.registry(PluginKind.ENCODER);
      if (!registry.contains(spec.name())) {
        throw model.unknown("encoder", spec.name(), "which no loaded plugin provides (known: "
            + String.join(", ", registry.names()) + "; add --plugins DIR)");
      }
      return PluginRegistry.create(registry, spec);
    } catch (PluginException e) {
      throw model.badValue("encoder", e.getMessage());
    }
  }

  /** The registry of {@code kind}: what the Guice module bound, overrides and plugin modules included. */
  <P extends org.snn4j.api.Plugin> PluginRegistry<P> registry(PluginKind<P> kind) {
    return injector.getInstance(SnnPluginsModule.registryKey(kind));
  }

  List<PluginKind<?>> kinds() {
    return catalog.kinds();
  }

  List<Path> folders() {
    return folders;
  }

  List<String> sources() {
    return catalog.sources();
  }

  /** Every problem found while loading, one line each naming the jar and the class. */
  List<String> problems() {
    return problems;
  }

  private <T, P extends PluginFactory<T>> T create(PluginKind<P> kind, String text, String flag) {
    warnOnce(System.err);
    try {
      return PluginRegistry.create(registry(kind), PluginSpec.parse(text));
    } catch (PluginException e) {
      throw usage(flag, e);
    }
  }

  private UsageException usage(String flag, PluginException e) {
    String hint = folders.isEmpty() && e.getMessage().startsWith("unknown ")
        ? "; a plugin from a jar needs --plugins DIR or $" + ENV : "";
    return new UsageException(flag + ": " + e.getMessage() + hint);
  }

  private void warnOnce(PrintStream err) {
    if (!warned) {
      warned = true;
      problems.forEach(p -> err.println("snn: warning: " + p));
    }
  }

  @Override
  public void close() {
    Thread.currentThread().setContextClassLoader(savedContext);
    catalog.close();
  }
}
