package org.snn4j.core.train;

import org.snn4j.api.SpikeEncoder;
import org.snn4j.core.net.SplitMix64;

/** A rate encoder for core tests (the real one lives in snn-datasets). */
final class BernoulliTestEncoder implements SpikeEncoder {
  @Override
  public String name() {
    return "test-rate";
  }

  @Override
  public void encode(float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom,
      int outStride) {
    SplitMix64 rng = new SplitMix64(key);
    for (int t = 0; t < timesteps; t++) {
      for (int i = 0; i < n; i++) {
        out[outFrom + t * outStride + i] = (byte) (features[from + i] > rng.nextFloat() ? 1 : 0);
      }
    }
  }
}
