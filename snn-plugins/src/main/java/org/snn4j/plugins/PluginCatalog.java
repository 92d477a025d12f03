package org.snn4j.plugins;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import org.snn4j.api.Plugin;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginKind;

/**
 * Every plugin of every extension point, from the application's class path and from plugin jars. This is what
 * {@code snn --plugins DIR} and the Guice module load.
 *
 * <p>A plugin folder holds jars and folders: each {@code *.jar} gets its own class loader, and each sub-folder's
 * jars share one (a plugin with libraries of its own). The loaders ask the application's loader first, so every
 * plugin sees the same snn-api. The class path's plugins are the built-ins: a jar's plugin that reuses one of their
 * names is reached only as {@code name@jar}, and the plain name keeps meaning the built-in. Nothing a plugin does stops the others from loading: a jar that cannot be read, a
 * service file that names a missing class, a constructor that throws, an invalid name or two plugins with one
 * name each become one line of {@link #problems()}, naming the jar and the class, and the plugins that did load
 * work as usual. Only what the user wrote can fail {@link Builder#build()}: a plugin folder that does not exist,
 * or a {@link Builder#choose choice} that picks nothing.
 *
 * <p>Plugin classes load lazily from their jars, so {@link #close()} the catalog only when its plugins are no
 * longer used.
 */
public final class PluginCatalog implements AutoCloseable {
  private final List<PluginKind<?>> kinds;
  private final List<PluginSource> sources;
  private final Map<PluginKind<?>, PluginRegistry<?>> registries;
  private final List<String> sourceProblems;
  private final ClassLoader lookup;

  private PluginCatalog(
      List<PluginKind<?>> kinds, List<PluginSource> sources, Map<PluginKind<?>, PluginRegistry<?>> registries,
      List<String> sourceProblems) {
    this.kinds = List.copyOf(kinds);
    this.sources = List.copyOf(sources);
    this.registries = registries;
    this.sourceProblems = List.copyOf(sourceProblems);
    ClassLoader classPath = sources.get(0).loader();
    this.lookup =
        sources.size() == 1 ? classPath : new CatalogClassLoader(classPath, sources.subList(1, sources.size()));
  }

  /** A builder: the built-in kinds from the thread's context class loader, no plugin jars yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** The built-in kinds' plugins visible to {@code classPath}, with no plugin jars. */
  public static PluginCatalog load(ClassLoader classPath) {
    return builder().classLoader(classPath).build();
  }

  /** The extension points this catalog loaded, in listing order. */
  public List<PluginKind<?>> kinds() {
    return kinds;
  }

  /**
   * The plugins of {@code kind}.
   *
   * @throws PluginException if this catalog was not built to load that kind
   */
  @SuppressWarnings("unchecked") // registries maps each kind to a registry of that kind's type
  public <P extends Plugin> PluginRegistry<P> registry(PluginKind<P> kind) {
    PluginRegistry<?> r = registries.get(kind);
    if (r == null) {
      throw new PluginException("this plugin catalog does not load " + kind.plural() + "; it loads " + kinds);
    }
    return (PluginRegistry<P>) r;
  }

  /**
   * Creates the providers of any other service type listed in the same class path and plugin jars, such as Guice
   * modules that plugins ship. Each call creates new instances.
   *
   * @param type the service interface, whose binary name is the service file's name
   * @param what how to call these providers in messages, e.g. {@code Guice module}
   */
  public <S> Discovered<S> discover(Class<S> type, String what) {
    List<S> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    for (PluginSource source : sources) {
      found.addAll(ServiceFiles.load(type, what, source, seen, problems));
    }
    return new Discovered<>(List.copyOf(found), List.copyOf(problems));
  }

  /**
   * Everything that went wrong, one line each naming the jar and the class: jars that could not be opened, then
   * each kind's {@link PluginRegistry#problems()}.
   */
  public List<String> problems() {
    List<String> all = new ArrayList<>(sourceProblems);
    for (PluginKind<?> kind : kinds) {
      all.addAll(registries.get(kind).problems());
    }
    return all;
  }

  /** Where plugins were looked for: "the class path", then each plugin jar or folder of jars. */
  public List<String> sources() {
    return sources.stream().map(PluginSource::label).toList();
  }

  /**
   * A class loader that sees the application's class path and then every plugin jar, for code that looks plugins
   * up through {@link java.util.ServiceLoader} or {@link PluginRegistry#load(Class)} itself: make it the thread's
   * context class loader while such code runs. Classes still load from their own jar's loader. Without plugin jars
   * this is the application's class loader.
   */
  public ClassLoader classLoader() {
    return lookup;
  }

  /** Closes the plugin jars. Plugins already created keep working only as far as their classes are loaded. */
  @Override
  public void close() {
    for (PluginSource s : sources) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing useful to do: the process keeps the file handle until it exits
      }
    }
  }

  /**
   * The providers found for a service type, and a line for each that could not be created.
   *
   * @param <S> the service type
   * @param providers the instances, class path first, then the plugin jars in name order
   * @param problems one line per failure, naming the jar and the class
   */
  public record Discovered<S>(List<S> providers, List<String> problems) {}

  /** Configures a {@link PluginCatalog}. */
  public static final class Builder {
    private final List<PluginKind<?>> kinds = new ArrayList<>(PluginKind.builtIn());
    private final List<Path> pluginPaths = new ArrayList<>();
    private final Map<PluginKind<?>, Map<String, String>> choices = new LinkedHashMap<>();
    private ClassLoader classLoader;

    private Builder() {}

    /** The extension points to load, replacing the built-in list. */
    public Builder kinds(Collection<? extends PluginKind<?>> kinds) {
      this.kinds.clear();
      this.kinds.addAll(kinds);
      return this;
    }

    /** The application's class loader: its class path's plugins are loaded, and it is every plugin jar's parent. */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
      return this;
    }

    /**
     * Adds a plugin folder: each {@code *.jar} in it is loaded in a class loader of its own, and the jars of each
     * sub-folder in one class loader per sub-folder. Other files are ignored.
     */
    public Builder pluginDirectory(Path folder) {
      pluginPaths.add(folder);
      return this;
    }

    /** Adds one plugin jar, loaded in a class loader of its own. */
    public Builder pluginJar(Path jar) {
      pluginPaths.add(jar);
      return this;
    }

    /**
     * Picks the {@code kind} plugin named {@code name} that comes from {@code origin} (a jar's file name or a
     * class name) when several have that name, for applications that configure rather than type {@code
     * name@origin}.
     */
    public Builder choose(PluginKind<?> kind, String name, String origin) {
      choices.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(name, origin);
      return this;
    }

    /**
     * Loads the plugins.
     *
     * @throws PluginException if a plugin folder or jar does not exist, or a choice picks nothing
     */
    public PluginCatalog build() {
      ClassLoader parent = classLoader;
      if (parent == null) {
        parent = Thread.currentThread().getContextClassLoader();
      }
      if (parent == null) {
        parent = PluginCatalog.class.getClassLoader();
      }
      List<String> problems = new ArrayList<>();
      List<PluginSource> sources = new ArrayList<>();
      sources.add(PluginSource.classPath(parent));
      try {
        for (Path p : pluginPaths) {
          addSources(p, parent, sources, problems);
        }
        Map<PluginKind<?>, PluginRegistry<?>> registries = new LinkedHashMap<>();
        for (PluginKind<?> kind : kinds) {
          registries.put(kind, registry(kind, sources, choices.getOrDefault(kind, Map.of())));
        }
        return new PluginCatalog(kinds, sources, registries, problems);
      } catch (RuntimeException e) {
        sources.forEach(s -> {
          try {
            s.close();
          } catch (IOException ignored) {
            // the failure being reported matters more
          }
        });
        throw e;
      }
    }

    private static <P extends Plugin> PluginRegistry<P> registry(
        PluginKind<P> kind, List<PluginSource> sources, Map<String, String> choices) {
      PluginRegistry.Builder<P> b = PluginRegistry.builder(kind.name());
      Set<Class<?>> seen = new HashSet<>();
      List<String> problems = new ArrayList<>();
      for (PluginSource source : sources) {
        for (P p : ServiceFiles.load(kind.type(), kind.name(), source, seen, problems)) {
          String wrong = checkDeclarations(p);
          if (wrong == null && source.isClassPath()) {
            b.addBuiltIn(p);
          } else if (wrong == null) {
            b.add(p);
          } else {
            problems.add(kind.name() + " plugin " + p.getClass().getName() + " from " + PluginRegistry.origin(p)
                + ": " + wrong);
          }
        }
      }
      problems.forEach(b::loadError);
      choices.forEach(b::choose);
      return b.build();
    }

    /** What is wrong with what a plugin declares about itself, or null; listings call these methods later. */
    private static String checkDeclarations(Plugin p) {
      try {
        Map<String, String> defaults = p.parameterDefaults();
        if (defaults == null) {
          return "parameterDefaults() returned null; return Map.of() when there are no parameters";
        }
        for (Map.Entry<String, String> e : defaults.entrySet()) {
          if (!PluginRegistry.validName(e.getKey())) {
            return "parameter name '" + e.getKey() + "' is invalid (use lower-case letters, digits, '.', '_' and"
                + " '-')";
          }
          if (e.getValue() == null || e.getValue().isBlank()) {
            return "parameter '" + e.getKey() + "' has no default value";
          }
        }
        if (p.description() == null) {
          return "description() returned null";
        }
        return null;
      } catch (RuntimeException e) {
        return "describing itself threw " + ServiceFiles.describe(e);
      }
    }

    private static void addSources(Path path, ClassLoader parent, List<PluginSource> sources, List<String> problems) {
      if (Files.isRegularFile(path)) {
        addJars(path, List.of(path), parent, sources, problems);
        return;
      }
      if (!Files.isDirectory(path)) {
        throw new PluginException("plugin folder " + path + " does not exist");
      }
      for (Path entry : sorted(path)) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        if (Files.isDirectory(entry)) {
          List<Path> jars = sorted(entry).stream().filter(PluginCatalog::isJar).toList();
          if (jars.isEmpty()) {
            problems.add("plugin folder " + entry + " holds no .jar files; it was ignored");
          } else {
            addJars(entry, jars, parent, sources, problems);
          }
        } else if (isJar(entry)) {
          addJars(entry, List.of(entry), parent, sources, problems);
        }
      }
    }

    private static void addJars(
        Path location, List<Path> jars, ClassLoader parent, List<PluginSource> sources, List<String> problems) {
      List<Path> readable = new ArrayList<>();
      for (Path jar : jars) {
        try (JarFile file = new JarFile(jar.toFile())) {
          file.size(); // opening reads the central directory: a damaged jar fails here, not while training
          readable.add(jar);
        } catch (IOException | RuntimeException e) {
          problems.add("plugin jar " + jar + " cannot be read (" + ServiceFiles.describe(e)
              + "); replace or remove it");
        }
      }
      if (readable.isEmpty()) {
        return;
      }
      try {
        sources.add(PluginSource.jars(location, readable, parent));
      } catch (IOException e) {
        problems.add("plugin jar " + location + " cannot be opened (" + ServiceFiles.describe(e) + ")");
      }
    }

    private static List<Path> sorted(Path folder) {
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
        ds.forEach(entries::add);
      } catch (IOException e) {
        throw new PluginException("plugin folder " + folder + " cannot be listed: " + ServiceFiles.describe(e), e);
      }
      entries.sort(null);
      return entries;
    }
  }

  private static boolean isJar(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar");
  }
}
