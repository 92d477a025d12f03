package org.snn4j.datasets.encode;

import org.snn4j.api.PluginParams;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;

/** Makes the {@code rate} encoder ({@link RateEncoder}); it takes no parameters. */
public final class RateEncoderFactory implements SpikeEncoderFactory {
  private static final RateEncoder ENCODER = new RateEncoder();

  /** Called by {@link java.util.ServiceLoader}. */
  public RateEncoderFactory() {}

  @Override
  public String name() {
    return RateEncoder.NAME;
  }

  @Override
  public String description() {
    return "Bernoulli rate code (STBP): each step, a feature of intensity p fires with probability p";
  }

  @Override
  public SpikeEncoder create(PluginParams params) {
    return ENCODER;
  }
}
