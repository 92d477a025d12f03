package org.snn4j.datasets.encode;

import java.util.Map;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;

/** Makes the {@code direct} encoder ({@link DirectEncoder}): {@code gain}. */
public final class DirectEncoderFactory implements SpikeEncoderFactory {
  /** Called by {@link java.util.ServiceLoader}. */
  public DirectEncoderFactory() {}

  @Override
  public String name() {
    return DirectEncoder.NAME;
  }

  @Override
  public String description() {
    return "direct input: the analog value as input current every step (needs a float-input first layer)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    return Map.of("gain", "1");
  }

  @Override
  public SpikeEncoder create(PluginParams params) {
    return new DirectEncoder((float) params.getDoubleIn("gain", -1e30, 1e30));
  }
}
