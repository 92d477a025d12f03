package org.snn4j.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.snn4j.api.Plugin;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginFactory;
import org.snn4j.api.PluginSpec;

/**
 * The plugins of one extension point, by name. Built from {@link ServiceLoader}, from an explicit list, or by a
 * {@link PluginCatalog} (class path plus plugin jars).
 *
 * <p>Names are case-insensitive. Asking for a name that does not exist fails with the list of names that do. Two
 * providers of one name are never resolved silently: {@link #of} refuses them outright, naming both origins; a
 * registry that was {@link #load loaded} or made by a {@link Builder} keeps both and fails only when that name is
 * asked for without saying which one ({@code atan@my-plugins.jar}), so the other plugins keep working. One rule
 * goes first: a built-in name always means the built-in. A plugin that reuses the name of one that is {@link
 * Builder#addBuiltIn built in} (snn4j's own, from the application's class path) is kept, reported by {@link
 * #problems()} and reached only as {@code name@jar}; the plain name still gives the built-in, so adding a jar never
 * breaks what worked. A provider that cannot be loaded does not stop the others: its error is kept and reported by
 * {@link #loadErrors()}.
 *
 * @param <P> the extension point
 */
public final class PluginRegistry<P extends Plugin> {
  private final String kind;
  private final Map<String, List<P>> byName;
  private final Set<Plugin> builtIns;
  private final List<String> loadErrors;
  private final List<String> problems;

  private PluginRegistry(String kind, Map<String, List<P>> byName, Set<Plugin> builtIns, List<String> loadErrors) {
    this.kind = kind;
    this.byName = Collections.unmodifiableMap(byName);
    this.builtIns = builtIns;
    this.loadErrors = List.copyOf(loadErrors);
    List<String> all = new ArrayList<>(loadErrors);
    byName.forEach((name, providers) -> {
      P builtIn = builtInAmong(providers);
      if (builtIn != null) {
        providers.stream().filter(p -> p != builtIn)
            .forEach(p -> all.add(PluginOrigins.reusedBuiltInMessage(kind, name, builtIn, p, providers)));
      } else if (providers.size() > 1) {
        all.add(PluginOrigins.duplicateMessage(kind, name, providers));
      }
    });
    this.problems = List.copyOf(all);
  }

  /** The one built-in among several providers of a name, or null if there is none, or more than one. */
  private P builtInAmong(List<P> providers) {
    if (providers.size() < 2) {
      return null;
    }
    List<P> b = providers.stream().filter(builtIns::contains).toList();
    return b.size() == 1 ? b.get(0) : null;
  }

  /** Loads every provider of {@code type} visible to the thread's context class loader. */
  public static <P extends Plugin> PluginRegistry<P> load(Class<P> type) {
    return load(type, Thread.currentThread().getContextClassLoader());
  }

  /**
   * Loads every provider of {@code type} visible to {@code loader}. Providers that fail to load, or have an invalid
   * name, are left out and reported by {@link #loadErrors()}; two providers of one name stay side by side, as with
   * a {@link Builder}, and only asking for that name without {@code @ORIGIN} fails.
   */
  public static <P extends Plugin> PluginRegistry<P> load(Class<P> type, ClassLoader loader) {
    List<P> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Iterator<P> it = ServiceLoader.load(type, loader).iterator();
    int failuresInARow = 0;
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        P p = it.next();
        failuresInARow = 0;
        found.add(p);
      } catch (ServiceConfigurationError | LinkageError e) {
        // JDK 17 and 25 fail in different shapes; keep going so one bad jar does not hide the others. When the
        // service files cannot even be listed, the iterator repeats the same error forever: stop then.
        String message = kindOf(type) + " plugin failed to load: " + e.getMessage();
        boolean repeated = !errors.isEmpty() && errors.get(errors.size() - 1).equals(message);
        if (!repeated) {
          errors.add(message);
        }
        if (repeated || ++failuresInARow > 1000) {
          break;
        }
      }
    }
    Builder<P> b = builder(kindOf(type));
    errors.forEach(b::loadError);
    return b.addAll(found).build();
  }

  /**
   * A registry of the given plugins.
   *
   * @throws PluginException if two plugins share a name or a name is not valid
   */
  public static <P extends Plugin> PluginRegistry<P> of(String kind, Collection<? extends P> plugins) {
    return strict(kind, plugins, List.of());
  }

  /**
   * A builder for a registry that tolerates bad plugins: invalid names become {@link #loadErrors()}, and two
   * providers of one name stay side by side until the user picks one.
   *
   * @param kind the singular word for messages, e.g. {@code surrogate}
   */
  public static <P extends Plugin> Builder<P> builder(String kind) {
    return new Builder<>(kind);
  }

  private static <P extends Plugin> PluginRegistry<P> strict(
      String kind, Collection<? extends P> plugins, List<String> errors) {
    Map<String, List<P>> byName = new TreeMap<>();
    for (P p : plugins) {
      String name = p.name();
      if (!validName(name)) {
        throw new PluginException(invalidNameMessage(kind, p));
      }
      List<P> previous = byName.put(name, List.of(p));
      if (previous != null) {
        throw new PluginException(PluginOrigins.duplicateMessage(kind, name, List.of(previous.get(0), p)));
      }
    }
    return new PluginRegistry<>(kind, byName, identitySet(), errors);
  }

  private static Set<Plugin> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  static boolean validName(String name) {
    return name != null && name.matches("[a-z0-9][a-z0-9._-]*");
  }

  private static String invalidNameMessage(String kind, Plugin p) {
    return kind + " plugin " + p.getClass().getName() + " from " + origin(p) + " has an invalid name '" + p.name()
        + "' (use lower-case letters, digits, '.', '_' and '-')";
  }

  /** Where a plugin's class was loaded from: its jar or folder, or "the JDK". */
  public static String origin(Object plugin) {
    return PluginOrigins.origin(plugin);
  }

  /**
   * Whether {@code plugin} is the one {@code choice} names: its class's fully qualified name, its jar's file name
   * with or without {@code .jar}, or its jar's full path; case is ignored.
   */
  public static boolean comesFrom(Object plugin, String choice) {
    return PluginOrigins.comesFrom(plugin, choice);
  }

  private static String kindOf(Class<?> type) {
    return type.getSimpleName();
  }

  /**
   * The plugin named {@code name}, ignoring case. {@code name@ORIGIN} picks one of several plugins of that name,
   * as in {@link #get(PluginSpec)}.
   *
   * @throws PluginException if there is none (the message lists the names that exist), or several and {@code
   *     name} does not say which
   */
  public P get(String name) {
    String trimmed = name.trim();
    int at = trimmed.indexOf('@');
    return at < 0 ? get(trimmed, null) : get(trimmed.substring(0, at), trimmed.substring(at + 1));
  }

  /**
   * The plugin {@code spec} names. When {@link PluginSpec#origin()} is set, only a plugin from that jar or of
   * that class is taken, which is how the user picks one of two plugins with the same name.
   *
   * @throws PluginException if there is none, several and the spec does not say which, or none from that origin
   */
  public P get(PluginSpec spec) {
    return get(spec.name(), spec.origin());
  }

  private P get(String name, String origin) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    List<P> providers = byName.get(key);
    if (providers == null) {
      throw new PluginException(
          "unknown " + kind + " '" + name.trim() + "'; known: " + (byName.isEmpty() ? "(none)" : String.join(", ",
              names())) + failedToLoad());
    }
    if (origin != null && !origin.isBlank()) {
      List<P> chosen = providers.stream().filter(p -> PluginOrigins.comesFrom(p, origin)).toList();
      if (chosen.size() == 1) {
        return chosen.get(0);
      }
      StringBuilder from = new StringBuilder();
      for (P p : providers) {
        from.append(from.length() == 0 ? "" : ", ").append(p.getClass().getName()).append(" from ").append(origin(p));
      }
      throw new PluginException(
          (chosen.isEmpty() ? "no " + kind + " '" + key + "' comes from '" + origin.trim() + "'"
              : "'" + origin.trim() + "' matches several " + kind + " plugins named '" + key + "'")
              + "; " + (providers.size() == 1 ? "it is " : "they are ") + from);
    }
    P builtIn = builtInAmong(providers);
    if (builtIn != null) {
      return builtIn;
    }
    if (providers.size() > 1) {
      throw new PluginException(PluginOrigins.duplicateMessage(kind, key, providers));
    }
    return providers.get(0);
  }

  /**
   * The plugin that {@code name} alone (no {@code @ORIGIN}, case ignored) means: the only one of that name, or the
   * built-in when plugin jars reuse its name; empty when there is none, or several and the user must choose.
   */
  public Optional<P> unique(String name) {
    List<P> providers = providers(name);
    P builtIn = builtInAmong(providers);
    return builtIn != null ? Optional.of(builtIn) : providers.size() == 1 ? Optional.of(providers.get(0))
        : Optional.empty();
  }

  /** Whether {@code plugin} was added as a built-in ({@link Builder#addBuiltIn}). */
  public boolean isBuiltIn(Plugin plugin) {
    return builtIns.contains(plugin);
  }

  private String failedToLoad() {
    return loadErrors.isEmpty() ? "" : "; failed to load: " + String.join("; ", loadErrors);
  }

  /**
   * Creates what {@code spec} asks for with the factory of that name. Every failure is a {@link PluginException}
   * that names the plugin's class and jar as well as the parameter: a value out of range, a factory that throws
   * something else, or one that returns null.
   *
   * @throws PluginException if the factory cannot be found or cannot create it
   */
  public static <T> T create(PluginRegistry<? extends PluginFactory<? extends T>> registry, PluginSpec spec) {
    PluginFactory<? extends T> factory = registry.get(spec);
    String provenance = " (" + registry.kind + " plugin " + factory.getClass().getName() + " from "
        + origin(factory) + ")";
    T made;
    try {
      made = factory.create(spec.withoutOrigin());
    } catch (PluginException e) {
      throw new PluginException(e.getMessage() + provenance, e);
    } catch (RuntimeException | LinkageError e) {
      throw new PluginException(
          registry.kind + " '" + spec.name() + "' could not be created from '" + spec + "': " + e + provenance, e);
    }
    if (made == null) {
      throw new PluginException(registry.kind + " '" + spec.name() + "' returned nothing for '" + spec + "'"
          + provenance);
    }
    return made;
  }

  /** Whether a plugin of that name exists ({@code name@ORIGIN}: one from that origin). */
  public boolean contains(String name) {
    String trimmed = name.trim();
    int at = trimmed.indexOf('@');
    List<P> providers = byName.get((at < 0 ? trimmed : trimmed.substring(0, at)).toLowerCase(Locale.ROOT));
    if (providers == null || at < 0) {
      return providers != null;
    }
    String origin = trimmed.substring(at + 1);
    return providers.stream().anyMatch(p -> PluginOrigins.comesFrom(p, origin));
  }

  /** The names, sorted, each once. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The plugins, sorted by name; plugins that share a name are all here, in the order they were added. */
  public Collection<P> all() {
    List<P> all = new ArrayList<>();
    byName.values().forEach(all::addAll);
    return Collections.unmodifiableList(all);
  }

  /** Every plugin named {@code name} (ignoring case): one normally, several when they clash, none if unknown. */
  public List<P> providers(String name) {
    return byName.getOrDefault(name.trim().toLowerCase(Locale.ROOT), List.of());
  }

  /** Messages of the providers that were listed but failed to load, or were rejected (e.g. an invalid name). */
  public List<String> loadErrors() {
    return loadErrors;
  }

  /**
   * Everything wrong with this registry's plugins, one line each: the {@link #loadErrors()}, then every name that
   * two plugins share and how to choose between them.
   */
  public List<String> problems() {
    return problems;
  }

  /** What kind of plugin this registry holds, for messages. */
  public String kind() {
    return kind;
  }

  /**
   * Collects plugins for a tolerant registry. Nothing a plugin does makes {@link #build()} fail: a plugin with an
   * invalid name is left out and reported, and plugins that share a name are kept together. Only a {@link
   * #choose choice} that picks nothing fails, since the application wrote it.
   *
   * @param <P> the extension point
   */
  public static final class Builder<P extends Plugin> {
    private final String kind;
    private final Map<String, List<P>> byName = new TreeMap<>();
    private final Set<Plugin> builtIns = identitySet();
    private final List<String> loadErrors = new ArrayList<>();
    private final Map<String, String> choices = new LinkedHashMap<>();

    private Builder(String kind) {
      this.kind = kind;
    }

    /** Adds a plugin; the same instance, or a second instance of the same class, is added once. */
    public Builder<P> add(P plugin) {
      add(plugin, false);
      return this;
    }

    /**
     * Adds a built-in plugin, one of snn4j's own: its name means it even when plugin jars reuse that name (they are
     * then reached as {@code name@jar}). {@link PluginCatalog} adds the application class path's plugins this way.
     */
    public Builder<P> addBuiltIn(P plugin) {
      add(plugin, true);
      return this;
    }

    private void add(P plugin, boolean builtIn) {
      String name;
      try {
        name = plugin.name();
      } catch (RuntimeException e) {
        loadErrors.add(kind + " plugin " + plugin.getClass().getName() + " from " + origin(plugin)
            + ": name() threw " + e);
        return;
      }
      if (!validName(name)) {
        loadErrors.add(invalidNameMessage(kind, plugin));
        return;
      }
      List<P> providers = byName.computeIfAbsent(name, k -> new ArrayList<>());
      if (providers.stream().noneMatch(p -> p.getClass() == plugin.getClass())) {
        providers.add(plugin);
        if (builtIn) {
          builtIns.add(plugin);
        }
      }
    }

    /** Adds plugins in order. */
    public Builder<P> addAll(Collection<? extends P> plugins) {
      plugins.forEach(this::add);
      return this;
    }

    /** Records a provider that could not be loaded; the message should name its jar and class. */
    public Builder<P> loadError(String message) {
      loadErrors.add(message);
      return this;
    }

    /**
     * Picks, among the plugins named {@code name}, the one from {@code origin} (a jar's file name or a class
     * name, as after {@code @} in a {@link PluginSpec}); the others of that name are dropped.
     */
    public Builder<P> choose(String name, String origin) {
      choices.put(name.trim().toLowerCase(Locale.ROOT), origin);
      return this;
    }

    /**
     * The registry.
     *
     * @throws PluginException if a choice names a plugin that does not exist or picks none or several of them
     */
    public PluginRegistry<P> build() {
      Map<String, List<P>> frozen = new TreeMap<>();
      byName.forEach((name, providers) -> frozen.put(name, List.copyOf(providers)));
      for (Map.Entry<String, String> c : choices.entrySet()) {
        List<P> providers = frozen.get(c.getKey());
        if (providers == null) {
          throw new PluginException("cannot choose " + kind + " '" + c.getKey() + "@" + c.getValue()
              + "': there is no " + kind + " named '" + c.getKey() + "'; known: " + String.join(", ",
                  frozen.keySet()));
        }
        List<P> chosen = providers.stream().filter(p -> PluginOrigins.comesFrom(p, c.getValue())).toList();
        if (chosen.size() != 1) {
          StringBuilder from = new StringBuilder();
          providers.forEach(p -> from.append(from.length() == 0 ? "" : ", ").append(origin(p)));
          throw new PluginException("cannot choose " + kind + " '" + c.getKey() + "@" + c.getValue() + "': "
              + (chosen.isEmpty() ? "none" : "several") + " of its plugins come from '" + c.getValue()
              + "'; they come from " + from);
        }
        frozen.put(c.getKey(), chosen);
      }
      Set<Plugin> kept = identitySet();
      frozen.values().forEach(list -> list.stream().filter(builtIns::contains).forEach(kept::add));
      return new PluginRegistry<>(kind, frozen, kept, loadErrors);
    }
  }
}
