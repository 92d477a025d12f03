package org.snn4j.nir;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.StoredArray;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.plugins.PluginRegistry;

/** Networks and inputs the NIR tests share. */
final class NirNets {
  static final Function<PluginSpec, NeuronModel> NEURONS = spec ->
      PluginRegistry.create(PluginRegistry.load(NeuronFactory.class), spec);

  private NirNets() {}

  /** {@code spec} on {@code input}, initialised from {@code seed}. */
  static SequentialNet build(String spec, Shape input, long seed) {
    return NetSpec.parse(spec).build(input, NEURONS, seed, Kernels.get());
  }

  /** Random input spikes {@code [T][B][n]} with probability {@code p}. */
  static SpikeTensor spikes(int timesteps, int batch, int n, double p, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[timesteps * batch * n];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (r.nextDouble() < p ? 1 : 0);
    }
    return new SpikeTensor(timesteps, batch, n, b);
  }

  /** Every stored array of every layer, by name, flattened for comparison. */
  static void assertSameParameters(SequentialNet expected, SequentialNet actual) {
    List<NetworkLayer> e = expected.layers();
    List<NetworkLayer> a = actual.layers();
    if (e.size() != a.size()) {
      throw new AssertionError("layers: expected " + e.size() + ", got " + a.size());
    }
    for (int l = 0; l < e.size(); l++) {
      List<StoredArray> ea = e.get(l).storedArrays();
      List<StoredArray> aa = a.get(l).storedArrays();
      if (ea.size() != aa.size()) {
        throw new AssertionError("layer " + l + ": " + ea.size() + " arrays, got " + aa.size());
      }
      for (int i = 0; i < ea.size(); i++) {
        if (!Arrays.equals(ea.get(i).values(), aa.get(i).values())) {
          throw new AssertionError("layer " + l + " array " + ea.get(i).name() + " differs");
        }
      }
    }
  }
}
