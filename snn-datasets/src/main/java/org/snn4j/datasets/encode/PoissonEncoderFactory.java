package org.snn4j.datasets.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;

/** Makes the {@code poisson} encoder ({@link PoissonEncoder}): {@code max-rate} in Hz, {@code dt} in ms. */
public final class PoissonEncoderFactory implements SpikeEncoderFactory {
  /** Called by {@link java.util.ServiceLoader}. */
  public PoissonEncoderFactory() {}

  @Override
  public String name() {
    return PoissonEncoder.NAME;
  }

  @Override
  public String description() {
    return "Poisson spike trains: intensity p fires each step with probability 1-exp(-p*max-rate*dt)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("max-rate", "1000");
    d.put("dt", "1");
    return d;
  }

  @Override
  public SpikeEncoder create(PluginParams params) {
    PluginParams p = params;
    return new PoissonEncoder(p.getDoubleIn("max-rate", 1e-9, 1e9), p.getDoubleIn("dt", 1e-9, 1e9));
  }
}
