package org.snn4j.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.core.conv.ConvGeometry;
import org.snn4j.core.conv.ConvSynapse;
import org.snn4j.core.conv.Pool2d;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.Flatten;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.neuron.PlifNeuron;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.SequentialNet;

/**
 * A {@link SequentialNet} as a NIR graph, a chain {@code input → ... → output}: a dense layer becomes an {@code
 * Affine} (snn4j's dense layers always have a bias) and its neurons, a conv layer a {@code Conv2d} and its neurons,
 * average pooling an {@code AvgPool2d}, flatten a {@code Flatten}. LIF neurons with decay below 1 become {@code LIF}
 * in snnTorch's convention ({@code tau = dt/(1 - decay)}, {@code r = tau/dt}, {@code v_leak = v_reset = 0}), decay 1
 * (snn4j's {@code if}) becomes {@code IF} with {@code r = 1/dt}. A {@code plif} layer is written as the LIF of the
 * decay it has learned (the report notes that the decay is no longer learnable). Node names are the layer's kind and
 * index: {@code fc2}, {@code lif2}, {@code conv0}, {@code pool1}, {@code flatten4}.
 *
 * <p>A membrane readout ({@link Readout}) becomes an {@code LI} node (a leaky integrator without threshold) in the
 * same convention, {@code tau = dt/(1 - β)}, {@code r = tau/dt}, {@code v_leak = 0}, after its layer's synapse; that
 * layer's neurons, which the readout does not run, are not written. A voting readout has no NIR node and is refused.
 *
 * <p>Layers NIR cannot express fail with a {@link NirExportException} naming the layer: max pooling (NIR has only sum
 * and average pooling), tdbn, NeuNorm, and neurons other than {@code lif}/{@code if}/{@code plif}. Dropout is the
 * identity at inference and is left out (the report says so).
 */
public final class NirExport {
  /** The default time step, snnTorch's and SpikingJelly's (1e-4 s): what their importers assume. */
  public static final double DEFAULT_DT = 1e-4;

  private NirExport() {}

  /** The graph and what did not map exactly. */
  public record Result(NirGraph graph, FidelityReport report) {}

  /**
   * Exports {@code net} with time step {@code dt}.
   *
   * @param net the network
   * @param dt the time step in seconds
   * @return the graph and the fidelity report
   * @param header the model file's header (for the report: its surrogate, encoder, timesteps), or an empty map
   * @throws NirExportException naming the first layer that NIR cannot express
   */
  public static Result export(SequentialNet net, double dt, Map<String, String> header) {
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("--dt must be a number above 0, got " + dt);
    }
    Readout readout = net.readout();
    if (readout.vote()) {
      throw new NirExportException("the network's readout is " + readout + " (" + readout.group() + " voting neurons"
          + " per class, score = the group's mean rate), which NIR has no node for: the graph would end with the"
          + " voters' spikes and a reader would score each voter as a class; export a rate or membrane model");
    }
    FidelityReport report = new FidelityReport();
    Map<String, NirNode> nodes = new LinkedHashMap<>();
    List<String> chain = new ArrayList<>();
    Shape input = net.layers().get(0).inputShape();
    add(nodes, chain, new NirNode("input", "Input", Map.of("shape", NirArray.int64s(dims(input)))));
    List<NetworkLayer> layers = net.layers();
    int last = layers.size() - 1;
    for (int l = 0; l < layers.size(); l++) {
      NetworkLayer layer = layers.get(l);
      String where = "layer " + (l + 1) + " of " + layers.size();
      if (layer instanceof SpikingLayer s) {
        if (s.norm() != null) {
          throw new NirExportException(where + " has tdbn (threshold-dependent batch normalization), which NIR has no"
              + " node for; fold it into the weights before exporting");
        }
        if (s.synapse() instanceof DenseSynapse) {
          add(nodes, chain, affine("fc" + l, s));
          report.add(FidelityReport.Kind.EXACT, "fc" + l + ": dense " + s.inputSize() + " → " + s.outputSize()
              + " as Affine (weight (out, in), bias)");
        } else if (s.synapse() instanceof ConvSynapse c) {
          add(nodes, chain, conv("conv" + l, c));
          report.add(FidelityReport.Kind.EXACT, "conv" + l + ": " + c.geometry().outChannels() + " filters "
              + c.geometry().kernel() + "×" + c.geometry().kernel() + " stride " + c.geometry().stride() + " padding "
              + c.geometry().padding() + " as Conv2d (weight (O, C, k, k) in PyTorch's order)");
        } else {
          throw new NirExportException(where + " has a synapse NIR export does not know: " + s.synapse());
        }
        add(nodes, chain, l == last && readout.membrane() ? leakyIntegrator(l, s, readout, dt, report)
            : neuron(l, s, dt, where, report));
      } else if (layer instanceof Pool2d p) {
        if (p.kind() == Pool2d.Kind.MAX) {
          throw new NirExportException(where + " is max pooling (maxpool" + p.geometry().kernel() + "), which NIR"
              + " has no node for (it has SumPool2d and AvgPool2d); train with avgpool to export");
        }
        int k = p.geometry().kernel();
        int st = p.geometry().stride();
        add(nodes, chain, new NirNode("pool" + l, "AvgPool2d", fields(
            "kernel_size", NirArray.int64s(k, k), "stride", NirArray.int64s(st, st), "padding", NirArray.int64s(0, 0))));
        report.add(FidelityReport.Kind.EXACT, "pool" + l + ": average pooling " + k + "×" + k + " stride " + st
            + " (floor mode, no padding) as AvgPool2d");
      } else if (layer instanceof Flatten f) {
        if (f.inputShape().rank() == 1) {
          continue; // a vector's flatten changes nothing
        }
        add(nodes, chain, new NirNode("flatten" + l, "Flatten", fields("input_type",
            NirArray.int64s(dims(f.inputShape())), "start_dim", NirArray.int64(0), "end_dim", NirArray.int64(-1))));
      } else if (layer instanceof Dropout) {
        report.add(FidelityReport.Kind.NOT_IN_NIR, where + " is dropout, the identity at inference: left out");
      } else {
        throw new NirExportException(where + " (" + layer.getClass().getSimpleName() + ") has no NIR node; snn4j"
            + " exports dense, conv, avgpool, flatten and dropout layers with lif, if or plif neurons");
      }
    }
    Shape output = net.layers().get(net.layers().size() - 1).outputShape();
    add(nodes, chain, new NirNode("output", "Output", Map.of("shape", NirArray.int64s(dims(output)))));
    List<NirGraph.Edge> edges = new ArrayList<>();
    for (int i = 0; i + 1 < chain.size(); i++) {
      edges.add(new NirGraph.Edge(chain.get(i), chain.get(i + 1)));
    }
    commonNotes(report, header);
    return new Result(new NirGraph(NirHdf5.VERSION, nodes, edges), report);
  }

  private static void add(Map<String, NirNode> nodes, List<String> chain, NirNode node) {
    nodes.put(node.name(), node);
    chain.add(node.name());
  }

  private static NirNode affine(String name, SpikingLayer s) {
    int in = s.inputSize();
    int out = s.outputSize();
    float[] w = s.weight();
    float[] t = new float[w.length];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        t[o * in + i] = w[i * out + o]; // snn4j [in][out] → NIR (out, in)
      }
    }
    return new NirNode(name, "Affine", fields("weight", NirArray.float32(new int[] {out, in}, t), "bias",
        NirArray.float32(new int[] {out}, s.bias().clone())));
  }

  private static NirNode conv(String name, ConvSynapse c) {
    ConvGeometry g = c.geometry();
    int k = g.kernel();
    return new NirNode(name, "Conv2d", fields(
        "weight", NirArray.float32(new int[] {g.outChannels(), g.channels(), k, k}, g.toTorchWeights(c.weight())),
        "bias", NirArray.float32(new int[] {g.outChannels()}, c.bias().clone()),
        "stride", NirArray.int64s(g.stride(), g.stride()),
        "padding", NirArray.int64s(g.padding(), g.padding()),
        "dilation", NirArray.int64s(1, 1),
        "groups", NirArray.int64(1),
        "input_shape", NirArray.int64s(g.height(), g.width())));
  }

  private static NirNode neuron(int l, SpikingLayer s, double dt, String where, FidelityReport report) {
    NeuronModel model = s.neuron();
    float decay;
    float vth;
    boolean detachReset;
    String learned = "";
    if (model instanceof LifNeuron lif) {
      decay = lif.decay();
      vth = lif.threshold();
      detachReset = lif.detachReset();
    } else if (model instanceof PlifNeuron plif) {
      // After training a PLIF layer is a LIF with the decay it learned: the same update, u = d·u·(1 - o) + I.
      decay = PlifNeuron.decay(s.neuronParameters());
      vth = plif.threshold();
      detachReset = plif.detachReset();
      learned = " (plif's learned decay sigmoid(w))";
      report.add(FidelityReport.Kind.NOT_IN_NIR, "layer " + (l + 1) + "'s plif decay is a trained parameter; NIR"
          + " holds it as a fixed tau, so an import gives lif(decay=" + decay + "), which does not learn it further");
    } else {
      throw new NirExportException(where + " has '" + model.spec() + "' neurons; NIR export maps lif, if and plif (a"
          + " fixed or learned decay and a threshold, reset to zero); " + model.name() + " has state or parameters"
          + " NIR's LIF and IF do not hold");
    }
    int[] shape = dims(s.outputShape());
    if (detachReset) {
      report.add(FidelityReport.Kind.NOT_IN_NIR, "detach_reset=true (a training setting: the reset's gradient is"
          + " left out) has no place in NIR: an import gets detach_reset=false");
    }
    if (decay == 1f) {
      report.add(FidelityReport.Kind.EXACT, "if" + l + ": decay 1" + (learned.isEmpty() ? " (snn4j's if)" : learned)
          + " as IF with r = 1/dt, v_threshold " + vth + ", v_reset 0");
      return new NirNode("if" + l, "IF", fields("r", NirArray.float64(shape, 1.0 / dt),
          "v_threshold", NirArray.float32(shape, vth), "v_reset", NirArray.float32(shape, 0f)));
    }
    double tau = LifMapping.tau(decay, dt);
    report.add(FidelityReport.Kind.EXACT, "lif" + l + ": decay " + decay + learned + " as LIF tau = dt/(1-decay) = "
        + tau + ", r = tau/dt, v_leak 0, v_threshold " + vth + ", v_reset 0 (tau and r stored as float64)");
    return new NirNode("lif" + l, "LIF", fields("tau", NirArray.float64(shape, tau),
        "r", NirArray.float64(shape, tau / dt), "v_leak", NirArray.float32(shape, 0f),
        "v_threshold", NirArray.float32(shape, vth), "v_reset", NirArray.float32(shape, 0f)));
  }

  /**
   * The membrane readout, {@code U[t] = β·U[t-1] + I[t]} from {@code U = 0}, as NIR's {@code LI}, {@code tau·dv/dt =
   * (v_leak - v) + r·I}: its forward-Euler step is {@code v[t] = (1 - dt/tau)·v[t-1] + (dt/tau)·v_leak + (dt·r/tau)·I},
   * the same recurrence with {@code tau = dt/(1 - β)} ({@link LifMapping#tau}: exact in float), {@code r = tau/dt}
   * and {@code v_leak = 0}.
   */
  private static NirNode leakyIntegrator(int l, SpikingLayer s, Readout readout, double dt, FidelityReport report) {
    int[] shape = dims(s.outputShape());
    double tau = LifMapping.tau(readout.decay(), dt);
    report.add(FidelityReport.Kind.EXACT, "li" + l + ": the membrane readout U[t] = " + readout.decay() + "·U[t-1] +"
        + " I[t] as LI tau = dt/(1-decay) = " + tau + ", r = tau/dt, v_leak 0 (tau and r stored as float64): the same"
        + " forward-Euler recurrence; the class score is the mean of its output over the steps");
    report.add(FidelityReport.Kind.NOT_IN_NIR, "layer " + (l + 1) + "'s neurons (" + s.neuron().spec() + "): the"
        + " membrane readout does not run them, so they are not written; an import gives that layer the neurons of the"
        + " spiking layer below it");
    report.add(FidelityReport.Kind.NOT_IN_NIR, "the readout's score, the mean over the T steps of the LI node's"
        + " output: NIR graphs give each step's output; take its mean (its highest is the predicted class)");
    return new NirNode("li" + l, "LI", fields("tau", NirArray.float64(shape, tau),
        "r", NirArray.float64(shape, tau / dt), "v_leak", NirArray.float32(shape, 0f)));
  }

  private static void commonNotes(FidelityReport report, Map<String, String> header) {
    report.add(FidelityReport.Kind.EXACT, "reset: snn4j keeps u[t] at the value that crossed vth and zeroes it one"
        + " step late (u[t+1] = decay·u[t]·(1-o[t]) + I[t+1]); NIR's LIF and IF set v = v_reset = 0 when they fire:"
        + " the same spikes; only a membrane recorded at a spiking step differs (u there, 0 in NIR)");
    report.add(FidelityReport.Kind.EXACT, "threshold: snn4j fires when u - vth > 0, NIR when v > v_threshold");
    report.add(FidelityReport.Kind.DIFFERS, "time step: decay = 1 - dt/tau is the forward-Euler step of NIR's LIF"
        + " with the dt of this export (what snnTorch, SpikingJelly and Norse run); a reader that integrates exactly"
        + " (decay = exp(-dt/tau)) gets a different leak: give it the same dt and Euler stepping");
    String surrogate = header.get("surrogate");
    report.add(FidelityReport.Kind.NOT_IN_NIR, "surrogate gradient" + (surrogate == null ? "" : " (" + surrogate + ")")
        + ": training only; NIR holds the forward model");
    String encoder = header.get("encoder");
    report.add(FidelityReport.Kind.NOT_IN_NIR, "input encoding" + (encoder == null ? "" : " (" + encoder + ")")
        + " and the number of time steps" + (header.containsKey("timesteps") ? " (" + header.get("timesteps") + ")"
        : "") + ": NIR graphs take spikes per step; feed them what the encoder makes");
  }

  /** A shape's dimensions. */
  static int[] dims(Shape s) {
    int[] d = new int[s.rank()];
    for (int i = 0; i < d.length; i++) {
      d[i] = s.dim(i);
    }
    return d;
  }

  private static Map<String, NirArray> fields(Object... kv) {
    Map<String, NirArray> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (NirArray) kv[i + 1]);
    }
    return m;
  }
}
