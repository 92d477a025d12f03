package org.snn4j.datasets.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;

/** Makes the {@code latency} encoder ({@link LatencyEncoder}): {@code kind=linear|log}, {@code threshold}. */
public final class LatencyEncoderFactory implements SpikeEncoderFactory {
  /** Called by {@link java.util.ServiceLoader}. */
  public LatencyEncoderFactory() {}

  @Override
  public String name() {
    return LatencyEncoder.NAME;
  }

  @Override
  public String description() {
    return "time-to-first-spike: one spike per feature, brighter earlier (kind=linear|log)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("kind", "linear");
    d.put("threshold", "0.01");
    return d;
  }

  @Override
  public SpikeEncoder create(PluginParams params) {
    PluginParams p = params;
    LatencyEncoder.Kind kind =
        p.getChoice("kind", "linear", "log").equals("log") ? LatencyEncoder.Kind.LOG : LatencyEncoder.Kind.LINEAR;
    double threshold = p.getDoubleIn("threshold", 0, 1);
    try {
      return new LatencyEncoder(kind, threshold);
    } catch (IllegalArgumentException e) {
      throw new PluginException(name() + ": parameter 'threshold' " + e.getMessage());
    }
  }
}
