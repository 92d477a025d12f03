package org.snn4j.api;

/**
 * A plugin that creates configured instances of {@code T}, such as a surrogate gradient with its width.
 *
 * @param <T> what the factory makes
 */
public interface PluginFactory<T> extends Plugin {
  /**
   * Creates an instance from parameters already checked against {@link #parameterDefaults()}.
   *
   * @throws PluginException if a value is out of range; the message names the parameter
   */
  T create(PluginParams params);

  /**
   * Creates an instance from a spec such as {@code rectangular:a=1}; the spec's name is not checked here.
   *
   * @throws PluginException if a parameter is unknown, does not parse or is out of range
   */
  default T create(PluginSpec spec) {
    return create(PluginParams.of(name(), parameterDefaults(), spec.params()));
  }
}
