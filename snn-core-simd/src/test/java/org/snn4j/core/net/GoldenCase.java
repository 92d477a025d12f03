package org.snn4j.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.layer.SpikingLayer;

/** One STBP golden vector file (see src/test/resources/stbp-golden/README.md), parsed. */
final class GoldenCase {
  final String name;
  final int[] sizes;
  final int timesteps;
  final int batch;
  final LifNeuron neuron;
  final PluginSpec surrogate;
  final SpikeTensor input;
  final int[] labels;
  final JsonNode weights;
  final JsonNode expected;

  private GoldenCase(Path file, JsonNode root) {
    name = file.getFileName().toString();
    JsonNode ls = root.get("layer_sizes");
    sizes = new int[ls.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = ls.get(i).asInt();
    }
    timesteps = root.get("timesteps").asInt();
    batch = root.get("batch").asInt();
    neuron =
        new LifNeuron(
            (float) root.get("decay").asDouble(),
            (float) root.get("vth").asDouble(),
            root.get("detach_reset").asBoolean());
    JsonNode s = root.get("surrogate");
    surrogate = PluginSpec.parse(s.get("name").asText() + ":a=" + s.get("a").asDouble());
    input = new SpikeTensor(timesteps, batch, sizes[0]);
    JsonNode x = root.get("input_spikes");
    for (int t = 0; t < timesteps; t++) {
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < sizes[0]; i++) {
          input.set(t, b, i, x.get(t).get(b).get(i).asDouble() != 0);
        }
      }
    }
    labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      labels[b] = root.get("labels").get(b).asInt();
    }
    weights = root.get("weights");
    expected = root.get("expected");
  }

  static GoldenCase read(Path file) throws IOException {
    return new GoldenCase(file, new ObjectMapper().readTree(file.toFile()));
  }

  /** Copies the file's weights ([out][in]) into the network's layers ([in][out]). */
  void loadWeights(SequentialNet net) {
    for (int l = 0; l < net.layers().size(); l++) {
      SpikingLayer layer = net.spikingLayers().get(l);
      JsonNode w = weights.get(l).get("W");
      JsonNode b = weights.get(l).get("b");
      int out = layer.outputSize();
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < layer.inputSize(); i++) {
          layer.weight()[i * out + j] = (float) w.get(j).get(i).asDouble();
        }
        layer.bias()[j] = (float) b.get(j).asDouble();
      }
    }
  }
}
