package org.snn4j.cli;

import org.snn4j.api.PluginRegistry;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

/** Creates configured plugins from the user's specs, with the flag named in every error. */
final class Plugins {
  private Plugins() {}

  static SurrogateGradient surrogate(String spec) {
    return create(PluginRegistry.load(SurrogateFactory.class), spec, "--surrogate");
  }

  static SpikeEncoder encoder(String spec) {
    return create(PluginRegistry.load(SpikeEncoderFactory.class), spec, "--encoder");
  }

  private static <T> T create(
      PluginRegistry<? extends org.snn4j.api.PluginFactory<T>> registry, String text, String flag) {
    try {
      PluginSpec spec = PluginSpec.parse(text);
      return registry.get(spec.name()).create(spec);
    } catch (org.snn4j.api.PluginException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }
}
