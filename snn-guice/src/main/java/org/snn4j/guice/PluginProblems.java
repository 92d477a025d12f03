package org.snn4j.guice;

import java.util.List;

/**
 * Everything that went wrong while the plugins were wired, one line each naming the jar and the class: the
 * catalog's problems (jars that could not be read, providers that could not be created, names two plugins share)
 * and the plugin-shipped Guice modules that were left out. Bound by {@link SnnPluginsModule}; an application shows
 * these to its user, as {@code snn plugins} does.
 *
 * @param messages one line per problem, in the order found
 */
public record PluginProblems(List<String> messages) {
  /** Freezes the list. */
  public PluginProblems {
    messages = List.copyOf(messages);
  }
}
