package org.snn4j.datasets.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;

/**
 * Makes the {@code delta} encoder ({@link DeltaEncoder}): {@code threshold}, {@code off} (signed output), {@code
 * padding}, {@code input=static|frames}.
 */
public final class DeltaEncoderFactory implements SpikeEncoderFactory {
  /** Called by {@link java.util.ServiceLoader}. */
  public DeltaEncoderFactory() {}

  @Override
  public String name() {
    return DeltaEncoder.NAME;
  }

  @Override
  public String description() {
    return "delta modulation: spike when a feature rises by >= threshold since the last step (off=true: signed)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("threshold", "0.1");
    d.put("off", "false");
    d.put("padding", "false");
    d.put("input", "static");
    return d;
  }

  @Override
  public SpikeEncoder create(PluginParams params) {
    PluginParams p = params;
    return new DeltaEncoder(
        (float) p.getDoubleIn("threshold", Float.MIN_VALUE, Float.MAX_VALUE),
        p.getBoolean("off"),
        p.getBoolean("padding"),
        p.getChoice("input", "static", "frames").equals("frames"));
  }
}
