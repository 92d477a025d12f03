package org.snn4j.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.datasets.encode.RateEncoder;

/** The rate encoder, but its next {@link #failures} calls throw: a task that dies, for the retry test. */
public final class FlakyEncoder implements SpikeEncoder {
  static final String NAME = "flaky-rate";
  static final AtomicInteger failures = new AtomicInteger();
  private final RateEncoder rate = new RateEncoder();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void encode(float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom,
      int outStride) {
    if (failures.getAndUpdate(f -> Math.max(0, f - 1)) > 0) {
      throw new IllegalStateException("a flaky encoder failed on purpose");
    }
    rate.encode(features, from, n, timesteps, key, out, outFrom, outStride);
  }

  /** Its plugin factory. */
  public static final class Factory implements SpikeEncoderFactory {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "the rate encoder, failing on purpose (snn-spark's retry test)";
    }

    @Override
    public SpikeEncoder create(PluginParams params) {
      return new FlakyEncoder();
    }
  }
}
