package org.snn4j.nir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.core.conv.ConvGeometry;
import org.snn4j.core.conv.ConvSynapse;
import org.snn4j.core.conv.Pool2d;
import org.snn4j.core.conv.PoolGeometry;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Flatten;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.NeuronDynamics;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.Synapse;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.SequentialNet;

/**
 * A NIR graph as a {@link SequentialNet}. The graph must be a chain from one {@code Input} to one {@code Output};
 * every synapse ({@code Affine}, {@code Linear}, {@code Conv2d}) must be followed by its neurons ({@code LIF}, {@code
 * IF}, or a {@code CubaLIF} whose synaptic current has no memory), which together become one spiking layer; {@code
 * AvgPool2d}, {@code SumPool2d} and {@code Flatten} sit between them; the chain ends with neurons. Anything else fails
 * with a {@link NirFormatException} naming the node.
 *
 * <p>Neuron parameters map by {@link LifMapping} at the time step {@code dt}: {@code decay = 1 - dt/tau}, {@code vth =
 * v_threshold - v_reset}; an input scale {@code dt·r/tau} other than 1 multiplies the synapse's weights and bias, and
 * a leak {@code v_leak ≠ v_reset} adds {@code (dt/tau)·(v_leak - v_reset)} to the bias; each of those is a {@code
 * differs} entry of the report, since the products are rounded where the source scales the current. A {@code
 * SumPool2d} of {@code k×k} is average pooling with the next synapse's weights times {@code k²}.
 *
 * <p>An {@code LI} node (a leaky integrator without threshold) as the last node before the {@code Output} becomes the
 * membrane readout ({@link Readout#membrane}) with {@code β = 1 - dt/tau}, its input scale and leak folded into the
 * synapse as a LIF's; the readout layer's neurons are not run, and it is given the neurons of the spiking layer below
 * it (lif's defaults when there is none).
 */
public final class NirImport {
  private static final String SUPPORTED =
      "Input, Output, Affine, Linear, Conv2d, AvgPool2d, SumPool2d, Flatten, LIF, IF, CubaLIF, LI (last)";

  private final String file;
  private final double dt;
  private final Kernels kernels;
  private final FidelityReport report = new FidelityReport();
  private final NodeFields fields;
  private final NeuronImport neurons;

  private NirImport(String file, double dt, Kernels kernels) {
    this.file = file;
    this.dt = dt;
    this.kernels = kernels;
    this.fields = new NodeFields(file, report);
    this.neurons = new NeuronImport(dt, report, fields);
  }

  /** The network and what did not map exactly. */
  public record Result(SequentialNet network, FidelityReport report) {}

  /**
   * Imports {@code graph} read from {@code file} (named in errors) with time step {@code dt}.
   *
   * @param graph the graph, e.g. from {@link NirHdf5#read}
   * @param file the file's name, for errors
   * @param dt the time step in seconds
   * @param kernels the kernels the network runs on
   * @return the network and the fidelity report
   * @throws NirFormatException naming the node (and field) that snn4j cannot import, and why
   */
  public static Result of(NirGraph graph, String file, double dt, Kernels kernels) throws NirFormatException {
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("--dt must be a number above 0, got " + dt);
    }
    NirImport im = new NirImport(file, dt, kernels);
    SequentialNet net = im.build(im.chain(graph));
    return new Result(net, im.report);
  }

  /** The nodes from Input to Output, checked to be a simple chain. */
  private List<NirNode> chain(NirGraph graph) throws NirFormatException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Map<String, List<String>> in = new LinkedHashMap<>();
    for (NirGraph.Edge e : graph.edges()) {
      for (String end : new String[] {e.from(), e.to()}) {
        if (!graph.nodes().containsKey(end)) {
          throw error("edge " + e.from() + " → " + e.to() + " names node '" + end + "', which the graph does not have");
        }
      }
      out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
      in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
    }
    NirNode start = null;
    for (NirNode n : graph.nodes().values()) {
      if (n.type().equals("NIRGraph")) {
        throw error("node " + n.describe() + " is a nested graph (a subgraph, e.g. a recurrent layer); snn4j imports"
            + " flat sequential chains");
      }
      List<String> ins = in.getOrDefault(n.name(), List.of());
      List<String> outs = out.getOrDefault(n.name(), List.of());
      if (outs.size() > 1) {
        throw error("node " + n.describe() + " has " + outs.size() + " outgoing edges (to " + String.join(", ", outs)
            + "); snn4j imports sequential chains only");
      }
      if (ins.size() > 1) {
        throw error("node " + n.describe() + " has " + ins.size() + " incoming edges (from " + String.join(", ", ins)
            + "); snn4j imports sequential chains only");
      }
      if (n.type().equals("Input")) {
        if (start != null) {
          throw error("has two Input nodes, '" + start.name() + "' and '" + n.name() + "'; snn4j imports one chain");
        }
        start = n;
      }
    }
    if (start == null) {
      throw error("has no Input node");
    }
    List<NirNode> chain = new ArrayList<>();
    NirNode n = start;
    while (true) {
      if (chain.contains(n)) {
        throw error("node " + n.describe() + " is on a cycle; snn4j imports feed-forward chains only");
      }
      chain.add(n);
      List<String> outs = out.getOrDefault(n.name(), List.of());
      if (outs.isEmpty()) {
        break;
      }
      n = graph.nodes().get(outs.get(0));
    }
    if (!chain.get(chain.size() - 1).type().equals("Output")) {
      throw error("the chain from '" + start.name() + "' ends at node " + chain.get(chain.size() - 1).describe()
          + ", not at an Output node");
    }
    for (NirNode node : graph.nodes().values()) {
      if (!chain.contains(node)) {
        throw error("node " + node.describe() + " is not on the chain from '" + start.name() + "' to '"
            + chain.get(chain.size() - 1).name() + "'; snn4j imports one sequential chain");
      }
    }
    return chain;
  }

  private SequentialNet build(List<NirNode> chain) throws NirFormatException {
    NirNode input = chain.get(0);
    Shape shape = fields.shapeOf(input, fields.int64s(input, "shape"));
    List<NetworkLayer> layers = new ArrayList<>();
    float pendingScale = 1f; // a SumPool2d's k², owed to the next synapse's weights
    String pendingFrom = null;
    int spiking = 0;
    Readout readout = Readout.RATE;
    for (int i = 1; i < chain.size() - 1; i++) {
      NirNode node = chain.get(i);
      switch (node.type()) {
        case "Affine", "Linear", "Conv2d" -> {
          Synapse synapse = node.type().equals("Conv2d") ? conv(node, shape) : dense(node, shape);
          if (pendingFrom != null) {
            NeuronImport.scaleWeights(synapse, pendingScale, false);
            report.add(isPowerOfTwo(pendingScale) ? FidelityReport.Kind.EXACT : FidelityReport.Kind.DIFFERS,
                "SumPool2d node '" + pendingFrom + "' is average pooling with " + node.describe() + "'s weights × "
                    + pendingScale + (isPowerOfTwo(pendingScale) ? " (a power of two: exact)"
                    : ": the products are rounded, so a sum can differ in its last bit"));
            pendingFrom = null;
            pendingScale = 1f;
          }
          if (i + 1 >= chain.size() - 1) {
            throw error("node " + node.describe() + " ends the chain without neurons; snn4j's network ends with a"
                + " spiking layer (its spikes are the output)");
          }
          NirNode neuronNode = chain.get(++i);
          NeuronModel neuron;
          if (neuronNode.type().equals("LI")) {
            if (i != chain.size() - 2) {
              throw error("node " + neuronNode.describe() + " is a non-spiking leaky integrator inside the chain;"
                  + " snn4j reads LI only as the last node before the Output, as its membrane readout");
            }
            readout = Readout.membrane(neurons.readoutDecay(neuronNode, node, synapse));
            // the readout layer's neurons do not run: it takes the neurons of the spiking layer below it
            neuron = LifNeuron.PAPER;
            for (NetworkLayer below : layers) {
              neuron = below instanceof SpikingLayer s ? s.neuron() : neuron;
            }
          } else {
            neuron = neurons.neuron(neuronNode, node, synapse);
          }
          layers.add(new SpikingLayer(spiking++, synapse, NeuronDynamics.of(neuron, synapse.outputShape().size(),
              kernels), kernels));
        }
        case "AvgPool2d", "SumPool2d" -> {
          Pool2d pool = pool(node, shape);
          layers.add(pool);
          if (node.type().equals("SumPool2d")) {
            int k = pool.geometry().kernel();
            pendingScale *= k * k;
            pendingFrom = node.name();
          } else {
            report.add(FidelityReport.Kind.EXACT, "node " + node.describe() + ": average pooling "
                + pool.geometry().kernel() + "×" + pool.geometry().kernel() + " stride " + pool.geometry().stride());
          }
        }
        case "Flatten" -> {
          flattenCheck(node, shape);
          if (shape.rank() == 3) {
            layers.add(new Flatten(shape));
          }
        }
        case "LIF", "IF", "CubaLIF", "LI" -> throw error("node " + node.describe() + " follows " + chain.get(i - 1)
            .describe() + "; snn4j's neurons sit right after a synapse (Affine, Linear or Conv2d)");
        case "Input" -> throw error("node " + node.describe() + " is a second Input inside the chain");
        case "Output" -> throw error("node " + node.describe() + " is an Output inside the chain");
        default -> throw error("node " + node.describe() + " is a NIR primitive snn4j does not import (it imports "
            + SUPPORTED + ")");
      }
      shape = layers.isEmpty() ? shape : layers.get(layers.size() - 1).outputShape();
    }
    if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof SpikingLayer)) {
      throw error("the chain does not end with neurons before its Output; snn4j's network ends with a spiking layer");
    }
    NirNode output = chain.get(chain.size() - 1);
    NirArray outShape = output.get("shape");
    if (outShape != null && !outShape.isString() && outShape.size() > 0) {
      Shape declared = fields.shapeOf(output, fields.int64s(output, "shape"));
      if (declared.size() != shape.size()) {
        throw error("node " + output.describe() + " has shape " + declared + " but the chain gives " + shape);
      }
    }
    commonNotes();
    SequentialNet net = new SequentialNet(layers);
    net.setReadout(readout);
    return net;
  }

  private Synapse dense(NirNode node, Shape shape) throws NirFormatException {
    if (shape.rank() != 1) {
      throw error("node " + node.describe() + " takes " + shape + "; snn4j's dense layer takes a vector: put a"
          + " Flatten before it");
    }
    NirArray w = fields.require(node, "weight");
    if (w.shape().length != 2 || w.shape()[1] != shape.size()) {
      throw error("node " + node.describe() + " has weight " + Arrays.toString(w.shape()) + "; it takes "
          + shape.size() + " inputs, so it needs (out, " + shape.size() + ")");
    }
    int out = w.shape()[0];
    int in = w.shape()[1];
    DenseSynapse d = new DenseSynapse(in, out, kernels);
    float[] t = fields.floats(node, "weight", w);
    float[] dw = d.weight();
    for (int o = 0; o < out; o++) {
      for (int x = 0; x < in; x++) {
        dw[x * out + o] = t[o * in + x]; // NIR (out, in) → snn4j [in][out]
      }
    }
    if (node.type().equals("Affine")) {
      NirArray b = fields.require(node, "bias");
      if (b.size() != out) {
        throw error("node " + node.describe() + " has " + b.size() + " biases for " + out + " outputs");
      }
      System.arraycopy(fields.floats(node, "bias", b), 0, d.bias(), 0, out);
    }
    report.add(FidelityReport.Kind.EXACT, "node " + node.describe() + ": " + in + " → " + out + (node.type().equals(
        "Linear") ? " (no bias: zero)" : ""));
    return d;
  }

  private Synapse conv(NirNode node, Shape shape) throws NirFormatException {
    if (shape.rank() != 3) {
      throw error("node " + node.describe() + " takes " + shape + "; Conv2d takes an image [C,H,W]");
    }
    NirArray w = fields.require(node, "weight");
    int[] ws = w.shape();
    if (ws.length != 4 || ws[1] != shape.dim(0)) {
      throw error("node " + node.describe() + " has weight " + Arrays.toString(ws) + "; on " + shape + " it needs ("
          + "C_out, " + shape.dim(0) + ", k, k)");
    }
    if (ws[2] != ws[3]) {
      throw error("node " + node.describe() + " has a " + ws[2] + "×" + ws[3] + " kernel; snn4j's conv is square");
    }
    int k = ws[2];
    int stride = fields.pair(node, "stride", 1);
    int padding = padding(node, k, stride);
    if (fields.pair(node, "dilation", 1) != 1) {
      throw error("node " + node.describe() + " has dilation " + fields.require(node, "dilation") + "; snn4j's conv has"
          + " dilation 1");
    }
    NirArray groups = node.get("groups");
    if (groups != null && groups.numbers() != null && groups.numbers()[0] != 1) {
      throw error("node " + node.describe() + " has groups " + (long) groups.numbers()[0] + "; snn4j's conv has 1");
    }
    NirArray inShape = node.get("input_shape");
    if (inShape != null && inShape.numbers() != null && inShape.size() == 2
        && (inShape.numbers()[0] != shape.dim(1) || inShape.numbers()[1] != shape.dim(2))) {
      throw error("node " + node.describe() + " has input_shape " + inShape + " but takes " + shape);
    }
    ConvGeometry g;
    try {
      g = new ConvGeometry(shape.dim(0), shape.dim(1), shape.dim(2), ws[0], k, stride, padding);
    } catch (IllegalArgumentException e) {
      throw error("node " + node.describe() + ": " + e.getMessage());
    }
    ConvSynapse c = new ConvSynapse(g, kernels);
    float[] pixelMajor = g.toPixelMajorWeights(fields.floats(node, "weight", w));
    System.arraycopy(pixelMajor, 0, c.weight(), 0, pixelMajor.length);
    NirArray b = node.get("bias");
    if (b != null) {
      if (b.size() != ws[0]) {
        throw error("node " + node.describe() + " has " + b.size() + " biases for " + ws[0] + " channels");
      }
      System.arraycopy(fields.floats(node, "bias", b), 0, c.bias(), 0, ws[0]);
    }
    report.add(FidelityReport.Kind.EXACT, "node " + node.describe() + ": " + ws[0] + " channels, kernel " + k
        + ", stride " + stride + ", padding " + padding);
    return c;
  }

  private Pool2d pool(NirNode node, Shape shape) throws NirFormatException {
    if (shape.rank() != 3) {
      throw error("node " + node.describe() + " takes " + shape + "; pooling takes an image [C,H,W]");
    }
    int k = fields.pair(node, "kernel_size", -1);
    NirArray st = node.get("stride");
    int stride = st == null || st.size() == 0 ? k : fields.pair(node, "stride", k);
    if (node.get("padding") != null && fields.pair(node, "padding", 0) != 0) {
      throw error("node " + node.describe() + " has padding " + node.get("padding") + "; snn4j's pooling has none");
    }
    try {
      return new Pool2d(Pool2d.Kind.AVERAGE, new PoolGeometry(shape.dim(0), shape.dim(1), shape.dim(2), k, stride));
    } catch (IllegalArgumentException e) {
      throw error("node " + node.describe() + ": " + e.getMessage());
    }
  }

  private void flattenCheck(NirNode node, Shape shape) throws NirFormatException {
    int rank = shape.rank();
    long start = fields.scalar(node, "start_dim", 0);
    long end = fields.scalar(node, "end_dim", -1);
    long endDim = end < 0 ? rank + end : end;
    long startDim = start < 0 ? rank + start : start;
    if (startDim != 0 || endDim != rank - 1) {
      throw error("node " + node.describe() + " flattens dims " + start + ".." + end + " of " + shape + ", which"
          + " leaves more than one dimension; snn4j flattens a whole image (start_dim=0, end_dim=-1, the batch"
          + " dimension not counted)");
    }
    NirArray declared = node.get("input_type");
    if (declared != null && declared.numbers() != null && declared.size() > 0) {
      Shape d = fields.shapeOf(node, fields.int64s(node, "input_type"));
      if (!d.equals(shape)) {
        throw error("node " + node.describe() + " has input_type " + d + " but takes " + shape);
      }
    }
  }

  private int padding(NirNode node, int k, int stride) throws NirFormatException {
    NirArray p = node.get("padding");
    if (p == null) {
      return 0;
    }
    if (p.isString()) {
      String s = p.strings()[0];
      if (s.equals("valid")) {
        return 0;
      }
      if (s.equals("same") && stride == 1 && k % 2 == 1) {
        return (k - 1) / 2;
      }
      throw error("node " + node.describe() + " has padding '" + s + "'; snn4j takes a number, 'valid', or 'same'"
          + " with stride 1 and an odd kernel");
    }
    return fields.pair(node, "padding", 0);
  }

  private void commonNotes() {
    report.add(FidelityReport.Kind.DIFFERS, "reset mechanism: NIR's LIF and IF reset to v_reset; a source with a"
        + " subtractive reset (snnTorch's default reset_mechanism='subtract', SpikingJelly's v_reset=None) is"
        + " written with v_reset = 0 and the file cannot say so: snn4j resets to zero, so such a model's spikes differ");
    report.add(FidelityReport.Kind.EXACT, "reset timing: snn4j zeroes u one step late (u[t+1] = decay·u[t]·(1-o[t]) +"
        + " I); the spikes equal an immediate reset to zero (snnTorch reset_delay=False, SpikingJelly hard reset);"
        + " only a membrane recorded at a spiking step differs");
    report.add(FidelityReport.Kind.DIFFERS, "threshold: NIR and snn4j fire when v > v_threshold; SpikingJelly fires"
        + " when v >= v_threshold, so a membrane exactly at threshold fires there and not here");
    report.add(FidelityReport.Kind.EXACT, "time step: decay = 1 - dt/tau with --dt " + dt + ", the forward-Euler"
        + " step snnTorch and SpikingJelly run (both export with dt = 1e-4); a file written for another dt needs that"
        + " --dt");
    report.add(FidelityReport.Kind.NOT_IN_NIR, "surrogate gradient and detach_reset are training settings NIR does"
        + " not hold: the model gets lif's detach_reset=false; choose the surrogate when training further");
  }

  private static boolean isPowerOfTwo(float f) {
    int bits = Float.floatToIntBits(f);
    return f > 0 && (bits & 0x7fffff) == 0;
  }

  private NirFormatException error(String problem) {
    return new NirFormatException(file, problem);
  }
}
