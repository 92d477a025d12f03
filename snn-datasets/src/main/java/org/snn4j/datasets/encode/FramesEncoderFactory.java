package org.snn4j.datasets.encode;

import java.util.Map;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;

/** Makes the {@code frames} encoder ({@link FramesEncoder}) for sequence datasets: {@code threshold}. */
public final class FramesEncoderFactory implements SpikeEncoderFactory {
  /** Called by {@link java.util.ServiceLoader}. */
  public FramesEncoderFactory() {}

  @Override
  public String name() {
    return FramesEncoder.NAME;
  }

  @Override
  public String description() {
    return "sequence data (event frames): frame t becomes step t, a value above threshold fires";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    return Map.of("threshold", "0");
  }

  @Override
  public SpikeEncoder create(PluginParams params) {
    double threshold = params.getDoubleIn("threshold", 0, 0.999999);
    return new FramesEncoder((float) threshold);
  }
}
