package org.snn4j.api;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The plugins of one extension point, by name. Built from {@link ServiceLoader} (or from an explicit list in
 * tests and applications).
 *
 * <p>Names are case-insensitive. Asking for a name that does not exist fails with the list of names that do. Two
 * providers of one name are an error naming both origins, never a silent first-wins. A provider that cannot be
 * loaded does not stop the others: its error is kept and reported by {@link #loadErrors()}.
 *
 * @param <P> the extension point
 */
public final class PluginRegistry<P extends Plugin> {
  private final String kind;
  private final Map<String, P> byName;
  private final List<String> loadErrors;

  private PluginRegistry(String kind, Map<String, P> byName, List<String> loadErrors) {
    this.kind = kind;
    this.byName = Collections.unmodifiableMap(byName);
    this.loadErrors = List.copyOf(loadErrors);
  }

  /** Loads every provider of {@code type} visible to the thread's context class loader. */
  public static <P extends Plugin> PluginRegistry<P> load(Class<P> type) {
    return load(type, Thread.currentThread().getContextClassLoader());
  }

  /**
   * Loads every provider of {@code type} visible to {@code loader}.
   *
   * @throws PluginException if two providers share a name
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
        if (validName(p.name())) {
          found.add(p);
        } else {
          errors.add(invalidNameMessage(kindOf(type), p));
        }
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
    return of(kindOf(type), found, errors);
  }

  /**
   * A registry of the given plugins.
   *
   * @throws PluginException if two plugins share a name or a name is not valid
   */
  public static <P extends Plugin> PluginRegistry<P> of(String kind, Collection<? extends P> plugins) {
    return of(kind, plugins, List.of());
  }

  private static <P extends Plugin> PluginRegistry<P> of(
      String kind, Collection<? extends P> plugins, List<String> errors) {
    Map<String, P> byName = new TreeMap<>();
    for (P p : plugins) {
      String name = p.name();
      if (!validName(name)) {
        throw new PluginException(invalidNameMessage(kind, p));
      }
      P previous = byName.put(name, p);
      if (previous != null) {
        throw new PluginException(
            "two " + kind + " plugins are named '" + name + "': " + previous.getClass().getName() + " from "
                + origin(previous) + " and " + p.getClass().getName() + " from " + origin(p)
                + "; remove one of the jars");
      }
    }
    return new PluginRegistry<>(kind, byName, errors);
  }

  private static boolean validName(String name) {
    return name != null && name.matches("[a-z0-9][a-z0-9._-]*");
  }

  private static String invalidNameMessage(String kind, Plugin p) {
    return kind + " plugin " + p.getClass().getName() + " from " + origin(p) + " has an invalid name '" + p.name()
        + "' (use lower-case letters, digits, '.', '_' and '-')";
  }

  private static String kindOf(Class<?> type) {
    return type.getSimpleName();
  }

  /** Where a plugin's class was loaded from: its jar or folder, or "the JDK". */
  public static String origin(Object plugin) {
    CodeSource cs = plugin.getClass().getProtectionDomain().getCodeSource();
    URL url = cs == null ? null : cs.getLocation();
    return url == null ? "the JDK" : url.getPath();
  }

  /**
   * The plugin named {@code name}, ignoring case.
   *
   * @throws PluginException if there is none; the message lists the names that exist
   */
  public P get(String name) {
    P p = byName.get(name.trim().toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new PluginException(
          "unknown " + kind + " '" + name + "'; known: " + (byName.isEmpty() ? "(none)" : String.join(", ", names())));
    }
    return p;
  }

  /** Whether a plugin of that name exists. */
  public boolean contains(String name) {
    return byName.containsKey(name.trim().toLowerCase(Locale.ROOT));
  }

  /** The names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The plugins, sorted by name. */
  public Collection<P> all() {
    return byName.values();
  }

  /** Messages of the providers that were listed but failed to load. */
  public List<String> loadErrors() {
    return loadErrors;
  }

  /** What kind of plugin this registry holds, for messages. */
  public String kind() {
    return kind;
  }
}
