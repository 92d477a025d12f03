package org.snn4j.surrogates;

import org.snn4j.api.PluginException;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.plugins.PluginRegistry;

/**
 * Finds surrogate gradients by spec, such as {@code rectangular:a=1} or {@code Sigmoid}: the built-in ones and any
 * other {@link SurrogateFactory} on the class path that loaded this class.
 *
 * <p>The providers are looked up again on every call, which costs a class-path scan: surrogates are made once per
 * network, not per step, and a fresh lookup never hides a jar added to a new class loader.
 */
public final class SurrogateRegistry {
  private SurrogateRegistry() {}

  /**
   * All surrogate factories visible to this module's class loader.
   *
   * @throws PluginException if two of them share a name
   */
  public static PluginRegistry<SurrogateFactory> load() {
    return PluginRegistry.load(SurrogateFactory.class, SurrogateRegistry.class.getClassLoader());
  }

  /**
   * Parses {@code spec} ({@code NAME[:key=value,...]}, name case-insensitive) and creates that surrogate.
   *
   * @throws PluginException if the spec does not parse, no surrogate has that name (the message lists the names
   *     that exist and the providers that failed to load), or a parameter is unknown or out of range
   */
  public static SurrogateGradient create(String spec) {
    return PluginRegistry.create(load(), PluginSpec.parse(spec));
  }
}
