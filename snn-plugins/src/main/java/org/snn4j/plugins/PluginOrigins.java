package org.snn4j.plugins;

import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import org.snn4j.api.Plugin;

/**
 * Where plugins come from, and how a user picks one of several plugins that share a name: by the file name of its
 * jar ({@code tri@their-plugins.jar}, with or without {@code .jar}) or by its class name when one jar holds both.
 */
final class PluginOrigins {
  private PluginOrigins() {}

  /** Two or more plugins share {@code name}: who they are, where each came from, and how to pick one. */
  static String duplicateMessage(String kind, String name, List<? extends Plugin> providers) {
    StringBuilder sb = new StringBuilder(providers.size() == 2 ? "two " : providers.size() + " ")
        .append(kind).append(" plugins are named '").append(name).append("': ");
    StringBuilder choices = new StringBuilder();
    for (int i = 0; i < providers.size(); i++) {
      Plugin p = providers.get(i);
      String sep = i == 0 ? "" : i == providers.size() - 1 ? " and " : ", ";
      sb.append(sep).append(p.getClass().getName()).append(" from ").append(origin(p));
      choices.append(i == 0 ? "" : i == providers.size() - 1 ? " or " : ", ")
          .append('\'').append(name).append('@').append(choiceToken(p, providers)).append('\'');
    }
    return sb.append("; choose one with ").append(choices).append(", or remove one of the jars").toString();
  }

  /** {@code plugin} reuses the name of {@code builtIn}, which the plain name keeps meaning. */
  static String reusedBuiltInMessage(String kind, String name, Plugin builtIn, Plugin plugin,
      List<? extends Plugin> providers) {
    return kind + " plugin " + plugin.getClass().getName() + " from " + origin(plugin) + " reuses the built-in name '"
        + name + "', which still means the built-in " + builtIn.getClass().getName() + "; use this one as '" + name
        + "@" + choiceToken(plugin, providers) + "', or rename it";
  }

  /** The shortest {@code @ORIGIN} that picks {@code p} among {@code providers}: its jar's name, else its class. */
  private static String choiceToken(Plugin p, List<? extends Plugin> providers) {
    String jar = originFileName(p);
    long sameJar = providers.stream().filter(q -> originFileName(q).equalsIgnoreCase(jar)).count();
    return sameJar == 1 && !jar.isEmpty() ? jar : p.getClass().getName();
  }

  /** Where a plugin's class was loaded from: its jar or folder, or "the JDK". */
  static String origin(Object plugin) {
    CodeSource cs = plugin.getClass().getProtectionDomain().getCodeSource();
    URL url = cs == null ? null : cs.getLocation();
    return url == null ? "the JDK" : url.getPath();
  }

  /** The file name of {@link #origin}: {@code my-plugins.jar}, or {@code classes} for a class folder. */
  static String originFileName(Object plugin) {
    String origin = origin(plugin);
    while (origin.endsWith("/")) {
      origin = origin.substring(0, origin.length() - 1);
    }
    return origin.substring(origin.lastIndexOf('/') + 1);
  }

  /**
   * Whether {@code plugin} is the one {@code choice} names: its class's fully qualified name, its jar's file name
   * with or without {@code .jar}, or its jar's full path; case is ignored.
   */
  static boolean comesFrom(Object plugin, String choice) {
    String c = choice.trim();
    String file = originFileName(plugin);
    return c.equalsIgnoreCase(plugin.getClass().getName())
        || c.equalsIgnoreCase(file)
        || (file.toLowerCase(Locale.ROOT).endsWith(".jar") && c.equalsIgnoreCase(file.substring(0, file.length() - 4)))
        || c.equals(origin(plugin))
        || sameFile(c, origin(plugin));
  }

  private static boolean sameFile(String a, String b) {
    try {
      return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
