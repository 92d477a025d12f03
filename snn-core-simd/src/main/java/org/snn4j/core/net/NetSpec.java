package org.snn4j.core.net;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginSpec;
import org.snn4j.core.conv.ConvGeometry;
import org.snn4j.core.conv.ConvSynapse;
import org.snn4j.core.conv.Pool2d;
import org.snn4j.core.conv.PoolGeometry;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.Flatten;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.NeuNorm;
import org.snn4j.core.layer.NeuronDynamics;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.Synapse;
import org.snn4j.core.layer.TdBatchNorm;

/**
 * A network written as text, the {@code --net} of {@code snn train}: comma-separated tokens, input side first, or the
 * name of a preset.
 *
 * <pre>
 *   conv OUT k K [s S] [p P]     a convolution: conv32k3p1, conv64k3s2p1 (stride 1, padding 0 unless given)
 *   dense N                      a fully connected layer: dense128
 *   tdbn[(alpha=A)]              threshold-dependent batch normalization of the currents of the conv or dense
 *                                layer before, ahead of its neurons: conv32k3p1,tdbn,lif; γ starts at A·vth (A = 1
 *                                unless given; vth is the neuron token's, 1 if it gives none)
 *   NEURON[(key=value;...)]      the neurons of the synapse before: lif, if, plif(init_decay=0.5), alif, a plugin's
 *   avgpool K [s S]              average pooling (stride K unless given): avgpool2
 *   maxpool K [s S]              max pooling: maxpool2, maxpool3s2
 *   flatten                      an image as a vector, channel-major, before a dense layer
 *   dropout P                    inverted dropout, P in (0,1), one mask per sample for all steps: dropout0.2
 *   neunorm[(k=K)]               NeuNorm (Wu et al. 2019) right after a conv layer's neurons, decay K in [0,1)
 *                                (0.9): neunorm, neunorm(k=0.8)
 * </pre>
 *
 * Every {@code conv} and {@code dense} is followed by its neuron token, optionally with {@code tdbn} between them:
 * together they are one spiking layer. The
 * input shape comes from the data ({@code [1,28,28]} for IDX images); a network that starts with {@code dense} on an
 * image needs {@code flatten} first. Errors name the token and its position (1-based).
 */
public final class NetSpec {
  /** The named presets: the STBP papers' networks. */
  public static final Map<String, String> PRESETS = presets();

  private static final Pattern CONV = Pattern.compile("conv(\\d+)k(\\d+)(?:s(\\d+))?(?:p(\\d+))?");
  private static final Pattern DENSE = Pattern.compile("dense(\\d+)");
  private static final Pattern POOL = Pattern.compile("(avgpool|maxpool)(\\d+)(?:s(\\d+))?");
  private static final Pattern DROPOUT = Pattern.compile("dropout(\\d*\\.?\\d*)");
  private static final Pattern NEUNORM = Pattern.compile("neunorm(?:\\((.*)\\))?");
  private static final Pattern NEURON = Pattern.compile("([a-z][a-z0-9_.-]*(?:@[^()]+)?)(?:\\((.*)\\))?");

  /** One layer token, parsed. */
  public sealed interface Token {
    /** The token as written, canonical. */
    String text();
  }

  /** {@code convOUTkK[sS][pP]}. */
  public record Conv(int outChannels, int kernel, int stride, int padding) implements Token {
    @Override
    public String text() {
      return "conv" + outChannels + "k" + kernel + (stride == 1 ? "" : "s" + stride) + (padding == 0 ? "" : "p" + padding);
    }
  }

  /** {@code denseN}. */
  public record Dense(int out) implements Token {
    @Override
    public String text() {
      return "dense" + out;
    }
  }

  /** {@code avgpoolK[sS]} or {@code maxpoolK[sS]}. */
  public record Pool(Pool2d.Kind kind, int kernel, int stride) implements Token {
    @Override
    public String text() {
      return kind.token() + kernel + (stride == kernel ? "" : "s" + stride);
    }
  }

  /** {@code flatten}. */
  public record FlattenToken() implements Token {
    @Override
    public String text() {
      return "flatten";
    }
  }

  /** {@code tdbn} or {@code tdbn(alpha=A)}: the spiking layer's currents normalized over the batch ({@link TdBatchNorm}). */
  public record TdBn(double alpha) implements Token {
    @Override
    public String text() {
      return alpha == 1.0 ? "tdbn" : "tdbn(alpha=" + BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString() + ")";
    }
  }

  /** {@code dropoutP}: inverted dropout with probability {@code p} in (0, 1). */
  public record DropoutToken(double p) implements Token {
    @Override
    public String text() {
      return "dropout" + java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }
  }

  /** {@code neunorm(k=K)}: NeuNorm with decay {@code k} in [0, 1), written with its {@code k} always. */
  public record NeuNormToken(float k) implements Token {
    @Override
    public String text() {
      return "neunorm(k=" + k + ")";
    }
  }

  /** A neuron plugin with its parameters. */
  public record Neuron(PluginSpec spec) implements Token {
    @Override
    public String text() {
      String s = spec.toString();
      int colon = s.indexOf(':');
      return colon < 0 ? s : s.substring(0, colon) + "(" + s.substring(colon + 1).replace(',', ';') + ")";
    }
  }

  private final List<Token> tokens;

  private NetSpec(List<Token> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /** The tokens, input side first. */
  public List<Token> tokens() {
    return tokens;
  }

  /**
   * Parses a spec or a preset's name.
   *
   * @throws IllegalArgumentException naming the token and its position
   */
  public static NetSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("--net is empty; give layers (e.g. conv32k3p1,lif,avgpool2,flatten,dense10,lif)"
          + " or a preset (" + String.join(", ", PRESETS.keySet()) + ")");
    }
    String spec = PRESETS.getOrDefault(text.trim().toLowerCase(Locale.ROOT), text);
    List<Token> tokens = new ArrayList<>();
    String[] parts = splitTopLevel(spec);
    for (int i = 0; i < parts.length; i++) {
      tokens.add(token(parts[i].trim(), i + 1));
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean synapse = t instanceof Conv || t instanceof Dense;
      boolean nextIsNeuron = i + 1 < tokens.size() && tokens.get(i + 1) instanceof Neuron;
      boolean nextIsNorm = i + 1 < tokens.size() && tokens.get(i + 1) instanceof TdBn;
      if (synapse && !nextIsNeuron && !nextIsNorm) {
        throw error(t.text(), i + 1, "needs its neurons next, e.g. " + t.text() + ",lif");
      }
      boolean afterSynapse = i > 0 && (tokens.get(i - 1) instanceof Conv || tokens.get(i - 1) instanceof Dense);
      if (t instanceof TdBn && !afterSynapse) {
        throw error(t.text(), i + 1, "normalizes the currents of a conv or dense layer and must follow one, e.g."
            + " conv32k3p1,tdbn,lif");
      }
      if (t instanceof TdBn && !nextIsNeuron) {
        throw error(t.text(), i + 1, "needs the layer's neurons next, e.g. " + t.text() + ",lif");
      }
      boolean afterNorm = i > 0 && tokens.get(i - 1) instanceof TdBn;
      if (t instanceof Neuron && !afterSynapse && !afterNorm) {
        throw error(t.text(), i + 1, "is a neuron but does not follow a conv or dense layer");
      }
      boolean afterConvNeurons = i >= 2 && tokens.get(i - 1) instanceof Neuron && (tokens.get(i - 2) instanceof Conv
          || i >= 3 && tokens.get(i - 2) instanceof TdBn && tokens.get(i - 3) instanceof Conv);
      if (t instanceof NeuNormToken && !afterConvNeurons) {
        throw error(parts[i].trim(), i + 1, "must come right after a conv layer's neurons (e.g. conv32k3p1,lif,neunorm):"
            + " it normalizes the spikes of an image's channels");
      }
    }
    if (!(tokens.get(tokens.size() - 1) instanceof Neuron)) {
      throw error(tokens.get(tokens.size() - 1).text(), tokens.size(),
          "ends the network, which must end with a spiking layer (e.g. dense10,lif): its spikes are the output");
    }
    return new NetSpec(tokens);
  }

  private static String[] splitTopLevel(String spec) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(spec.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(spec.substring(start));
    return parts.toArray(new String[0]);
  }

  private static Token token(String raw, int position) {
    String t = raw.toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      throw error(raw, position, "is empty (two commas in a row?)");
    }
    Matcher m = CONV.matcher(t);
    if (m.matches()) {
      return new Conv(positive(m.group(1), raw, position, "output channels"), positive(m.group(2), raw, position,
          "kernel"), m.group(3) == null ? 1 : positive(m.group(3), raw, position, "stride"),
          m.group(4) == null ? 0 : number(m.group(4), raw, position));
    }
    m = DENSE.matcher(t);
    if (m.matches()) {
      return new Dense(positive(m.group(1), raw, position, "size"));
    }
    m = POOL.matcher(t);
    if (m.matches()) {
      int k = positive(m.group(2), raw, position, "window");
      return new Pool(m.group(1).equals("avgpool") ? Pool2d.Kind.AVERAGE : Pool2d.Kind.MAX, k,
          m.group(3) == null ? k : positive(m.group(3), raw, position, "stride"));
    }
    if (t.equals("flatten")) {
      return new FlattenToken();
    }
    if (t.equals("tdbn") || t.startsWith("tdbn(")) {
      return tdbn(t, raw, position);
    }
    if (t.startsWith("dropout")) {
      return dropout(raw, t, position);
    }
    if (t.startsWith("neunorm")) {
      return neunorm(raw, t, position);
    }
    if (t.startsWith("conv") || t.startsWith("dense") || t.startsWith("avgpool") || t.startsWith("maxpool")) {
      throw error(raw, position, "is not a layer; write convOUTkK[sS][pP] (conv32k3p1), denseN (dense128), avgpoolK or"
          + " maxpoolK[sS] (avgpool2)");
    }
    m = NEURON.matcher(t);
    if (m.matches()) {
      Map<String, String> params = new LinkedHashMap<>();
      if (m.group(2) != null && !m.group(2).isBlank()) {
        for (String kv : m.group(2).split(";")) {
          int eq = kv.indexOf('=');
          if (eq <= 0 || eq == kv.length() - 1) {
            throw error(raw, position, "has parameter '" + kv + "', which is not key=value (separate parameters with ;)");
          }
          params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
      }
      String name = m.group(1);
      int at = name.indexOf('@');
      return new Neuron(new PluginSpec(at < 0 ? name : name.substring(0, at), params, at < 0 ? null : name.substring(at + 1)));
    }
    throw error(raw, position, "is not a layer or a neuron; see 'snn train --help' for the --net grammar");
  }

  private static TdBn tdbn(String t, String raw, int position) {
    if (t.equals("tdbn")) {
      return new TdBn(1.0);
    }
    String inside = t.endsWith(")") ? t.substring(5, t.length() - 1).trim() : null;
    if (inside == null || !inside.startsWith("alpha=")) {
      throw error(raw, position, "takes only alpha, e.g. tdbn(alpha=0.5)");
    }
    double alpha;
    try {
      alpha = Double.parseDouble(inside.substring(6).trim());
    } catch (NumberFormatException e) {
      alpha = Double.NaN;
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw error(raw, position, "has alpha '" + inside.substring(6).trim() + "'; it must be a number above 0");
    }
    return new TdBn(alpha);
  }

  /** The threshold a {@code tdbn} before the neuron {@code spec} starts γ from: its {@code vth}, 1 if it has none. */
  private static double threshold(PluginSpec spec, String token, int position) {
    String v = spec.params().get("vth");
    if (v == null) {
      return 1.0;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw error(token, position, "has vth '" + v + "', which is not a number");
    }
  }

  private static DropoutToken dropout(String raw, String t, int position) {
    Matcher m = DROPOUT.matcher(t);
    double p;
    try {
      p = m.matches() ? Double.parseDouble(m.group(1)) : Double.NaN;
    } catch (NumberFormatException e) {
      p = Double.NaN;
    }
    if (Double.isNaN(p)) {
      throw error(raw, position, "is not a dropout; write dropoutP with P, the probability of dropping an element,"
          + " in (0,1): dropout0.2");
    }
    if (!(p > 0 && p < 1)) {
      throw error(raw, position, "has probability " + m.group(1) + ", which is not in (0,1): write e.g. dropout0.2");
    }
    return new DropoutToken(p);
  }

  private static NeuNormToken neunorm(String raw, String t, int position) {
    Matcher m = NEUNORM.matcher(t);
    if (!m.matches()) {
      throw error(raw, position, "is not a neunorm; write neunorm, or neunorm(k=K) with K, the decay, in [0,1)");
    }
    float k = NeuNorm.DEFAULT_K;
    if (m.group(1) != null && !m.group(1).isBlank()) {
      for (String kv : m.group(1).split(";")) {
        int eq = kv.indexOf('=');
        if (eq <= 0 || !kv.substring(0, eq).trim().equals("k")) {
          throw error(raw, position, "has parameter '" + kv + "'; neunorm takes only k, e.g. neunorm(k=0.9)");
        }
        String v = kv.substring(eq + 1).trim();
        try {
          k = Float.parseFloat(v);
        } catch (NumberFormatException e) {
          k = Float.NaN;
        }
        if (!(k >= 0 && k < 1)) {
          throw error(raw, position, "has k=" + v + ", which is not a number in [0,1): write e.g. neunorm(k=0.9)");
        }
      }
    }
    return new NeuNormToken(k);
  }

  private static int number(String digits, String raw, int position) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw error(raw, position, "has a number too large");
    }
  }

  private static int positive(String digits, String raw, int position, String what) {
    int v = number(digits, raw, position);
    if (v <= 0) {
      throw error(raw, position, "has " + what + " 0; it must be at least 1");
    }
    return v;
  }

  private static IllegalArgumentException error(String token, int position, String what) {
    return new IllegalArgumentException("--net: '" + token + "' (token " + position + ") " + what);
  }

  /**
   * Builds the network for inputs of {@code input} shape, with zero weights.
   *
   * @param neurons makes each neuron token's model (the CLI looks plugins up by name)
   * @throws IllegalArgumentException naming the token whose shape does not fit
   */
  public SequentialNet build(Shape input, Function<PluginSpec, NeuronModel> neurons, Kernels kernels) {
    List<NetworkLayer> layers = new ArrayList<>();
    Shape shape = input;
    int spiking = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int position = i + 1;
      try {
        if (t instanceof Conv c) {
          if (shape.rank() != 3) {
            throw error(t.text(), position, "needs an image input [C,H,W], got " + shape);
          }
          Synapse synapse = new ConvSynapse(new ConvGeometry(shape.dim(0), shape.dim(1), shape.dim(2),
              c.outChannels(), c.kernel(), c.stride(), c.padding()), kernels);
          TdBn tdbn = tokens.get(i + 1) instanceof TdBn b ? b : null;
          i += tdbn == null ? 0 : 1;
          NeuronModel neuron = neurons.apply(((Neuron) tokens.get(++i)).spec());
          TdBatchNorm norm = tdbn == null ? null : new TdBatchNorm(synapse.outputShape().size(), c.outChannels(),
              tdbn.alpha(), threshold(((Neuron) tokens.get(i)).spec(), tokens.get(i).text(), i + 1));
          layers.add(new SpikingLayer(spiking++, synapse, norm, NeuronDynamics.of(neuron, synapse.outputShape().size(),
              kernels), kernels));
        } else if (t instanceof Dense d) {
          if (shape.rank() != 1) {
            throw error(t.text(), position, "needs a vector input, got " + shape + "; put flatten before it");
          }
          Synapse synapse = new DenseSynapse(shape.size(), d.out(), kernels);
          TdBn tdbn = tokens.get(i + 1) instanceof TdBn b ? b : null;
          i += tdbn == null ? 0 : 1;
          NeuronModel neuron = neurons.apply(((Neuron) tokens.get(++i)).spec());
          TdBatchNorm norm = tdbn == null ? null : new TdBatchNorm(d.out(), d.out(), tdbn.alpha(),
              threshold(((Neuron) tokens.get(i)).spec(), tokens.get(i).text(), i + 1));
          layers.add(new SpikingLayer(spiking++, synapse, norm, NeuronDynamics.of(neuron, d.out(), kernels), kernels));
        } else if (t instanceof Pool p) {
          if (shape.rank() != 3) {
            throw error(t.text(), position, "needs an image input [C,H,W], got " + shape);
          }
          layers.add(new Pool2d(p.kind(), new PoolGeometry(shape.dim(0), shape.dim(1), shape.dim(2), p.kernel(),
              p.stride())));
        } else if (t instanceof FlattenToken) {
          layers.add(new Flatten(shape));
        } else if (t instanceof DropoutToken d) {
          layers.add(new Dropout(shape, d.p(), 0, layers.size()));
        } else if (t instanceof NeuNormToken n) {
          if (shape.rank() != 3) {
            throw error(t.text(), position, "needs an image input [C,H,W], got " + shape);
          }
          layers.add(new NeuNorm(spiking - 1, shape, n.k()));
        } else {
          throw new IllegalStateException("a neuron or tdbn token is consumed with its synapse: " + t.text());
        }
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("--net:")) {
          throw e;
        }
        throw error(t.text(), position, "does not fit its input " + shape + ": " + e.getMessage());
      }
      shape = layers.get(layers.size() - 1).outputShape();
    }
    return new SequentialNet(layers);
  }

  /**
   * The number of floats a model file stores for the network (weights, biases, neuron parameters; a tdbn's γ, β and
   * running mean and variance) for inputs of {@code input} shape, computed without allocating it: a reader checks a
   * file's length against it first.
   *
   * @throws IllegalArgumentException naming the token whose shape does not fit
   */
  public long parameterCount(Shape input, Function<PluginSpec, NeuronModel> neurons) {
    long count = 0;
    Shape shape = input;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      try {
        if (t instanceof Conv c) {
          if (shape.rank() != 3) {
            throw error(t.text(), i + 1, "needs an image input [C,H,W], got " + shape);
          }
          ConvGeometry g = new ConvGeometry(shape.dim(0), shape.dim(1), shape.dim(2), c.outChannels(), c.kernel(),
              c.stride(), c.padding());
          if (tokens.get(i + 1) instanceof TdBn) {
            i++;
            count += TdBatchNorm.storedFloats(g.outChannels());
          }
          count += (long) g.weightSize() + g.outChannels() + neurons.apply(((Neuron) tokens.get(++i)).spec())
              .parameterCount();
          shape = Shape.image(g.outChannels(), g.outHeight(), g.outWidth());
        } else if (t instanceof Dense d) {
          if (shape.rank() != 1) {
            throw error(t.text(), i + 1, "needs a vector input, got " + shape + "; put flatten before it");
          }
          if (tokens.get(i + 1) instanceof TdBn) {
            i++;
            count += TdBatchNorm.storedFloats(d.out());
          }
          count += (long) shape.size() * d.out() + d.out()
              + neurons.apply(((Neuron) tokens.get(++i)).spec()).parameterCount();
          shape = Shape.vector(d.out());
        } else if (t instanceof Pool p) {
          if (shape.rank() != 3) {
            throw error(t.text(), i + 1, "needs an image input [C,H,W], got " + shape);
          }
          PoolGeometry g = new PoolGeometry(shape.dim(0), shape.dim(1), shape.dim(2), p.kernel(), p.stride());
          shape = Shape.image(g.channels(), g.outHeight(), g.outWidth());
        } else if (t instanceof FlattenToken) {
          shape = Shape.vector(shape.size());
        } else if (t instanceof NeuNormToken) {
          if (shape.rank() != 3) {
            throw error(t.text(), i + 1, "needs an image input [C,H,W], got " + shape);
          }
          count += shape.size();
        }
        // dropout keeps its input's shape and has no parameters
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("--net:")) {
          throw e;
        }
        throw error(t.text(), i + 1, "does not fit its input " + shape + ": " + e.getMessage());
      }
    }
    return count;
  }

  /**
   * Builds the network and initialises it as PyTorch's {@code nn.Conv2d} and {@code nn.Linear} do by default:
   * weights and biases uniform in {@code ±1/sqrt(fan_in)} ({@code fan_in = C·k·k} for a convolution, the input
   * size for a dense layer), drawn from {@link SplitMix64} seeded with {@code seed}, layer by layer, weights (in
   * snn4j's layout order) then biases. For an MLP this is {@link SequentialNet#mlp(int[], NeuronModel, long,
   * Kernels)}'s initialisation, draw for draw. Dropout layers draw their masks from {@code seed} ({@link Dropout}).
   * After every spiking layer, the same generator draws each NeuNorm's {@code w} in its (pixel-major) order, uniform
   * in {@code ±1/sqrt(H·W)} as SpikingJelly's {@code kaiming_uniform_(a=√5)} does ({@link NeuNorm#initBound}), so
   * adding a neunorm changes no other layer's initial weights.
   */
  public SequentialNet build(Shape input, Function<PluginSpec, NeuronModel> neurons, long seed, Kernels kernels) {
    SequentialNet net = seeded(build(input, neurons, kernels), seed);
    SplitMix64 rng = new SplitMix64(seed);
    for (SpikingLayer layer : net.spikingLayers()) {
      int fanIn = layer.synapse() instanceof ConvSynapse c
          ? c.geometry().kernel() * c.geometry().kernel() * c.geometry().channels()
          : layer.inputSize();
      float bound = (float) (1.0 / Math.sqrt(fanIn));
      for (float[] p : new float[][] {layer.weight(), layer.bias()}) {
        for (int i = 0; i < p.length; i++) {
          p[i] = (2f * rng.nextFloat() - 1f) * bound;
        }
      }
    }
    for (NetworkLayer layer : net.layers()) {
      if (layer instanceof NeuNorm n) {
        float bound = n.initBound();
        float[] w = n.weight();
        for (int i = 0; i < w.length; i++) {
          w[i] = (2f * rng.nextFloat() - 1f) * bound;
        }
      }
    }
    return net;
  }

  /** {@code net} with its layers that draw random numbers in training (dropout) seeded with {@code seed}. */
  private static SequentialNet seeded(SequentialNet net, long seed) {
    List<NetworkLayer> layers = new ArrayList<>();
    for (NetworkLayer layer : net.layers()) {
      layers.add(layer instanceof Dropout d ? d.withSeed(seed) : layer);
    }
    return new SequentialNet(layers);
  }

  /**
   * The spec of a built network, every neuron token with its full spec ({@link NeuronModel#spec()}), so that it
   * builds the same layers again whatever the defaults: what a model file records.
   *
   * @throws IllegalArgumentException for a layer the grammar cannot write
   */
  public static NetSpec of(SequentialNet net) {
    List<Token> tokens = new ArrayList<>();
    for (NetworkLayer layer : net.layers()) {
      if (layer instanceof SpikingLayer s && s.synapse() instanceof ConvSynapse c) {
        ConvGeometry g = c.geometry();
        tokens.add(new Conv(g.outChannels(), g.kernel(), g.stride(), g.padding()));
        if (s.norm() != null) {
          tokens.add(new TdBn(s.norm().alpha()));
        }
        tokens.add(new Neuron(PluginSpec.parse(s.neuron().spec())));
      } else if (layer instanceof SpikingLayer s && s.synapse() instanceof DenseSynapse) {
        tokens.add(new Dense(s.outputSize()));
        if (s.norm() != null) {
          tokens.add(new TdBn(s.norm().alpha()));
        }
        tokens.add(new Neuron(PluginSpec.parse(s.neuron().spec())));
      } else if (layer instanceof Pool2d p) {
        tokens.add(new Pool(p.kind(), p.geometry().kernel(), p.geometry().stride()));
      } else if (layer instanceof Flatten) {
        tokens.add(new FlattenToken());
      } else if (layer instanceof Dropout d) {
        tokens.add(new DropoutToken(d.probability()));
      } else if (layer instanceof NeuNorm n) {
        tokens.add(new NeuNormToken(n.k()));
      } else {
        throw new IllegalArgumentException("--net cannot write layer " + layer);
      }
    }
    return new NetSpec(tokens);
  }

  /** The canonical text: the tokens, comma-separated (a preset's name becomes its layers). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Token t : tokens) {
      sb.append(sb.length() == 0 ? "" : ",").append(t.text());
    }
    return sb.toString();
  }

  private static Map<String, String> presets() {
    Map<String, String> m = new LinkedHashMap<>();
    // the STBP reference code's SCNN: 28×28 → 32C3 → AP2 → 32C3 → AP2 → 128 → 10
    m.put("stbp-scnn", "conv32k3p1,lif,avgpool2,conv32k3p1,lif,avgpool2,flatten,dense128,lif,dense10,lif");
    // the follow-up paper's CIFAR-10 net (Wu et al. 2019, CIFARNet): 128C3(encoding)-256C3-AP2-512C3-AP2-1024C3-512C3-
    // 1024FC-512FC-10 (the paper votes over a population; here one neuron per class)
    m.put("stbp-cifar10", "conv128k3p1,lif,conv256k3p1,lif,avgpool2,conv512k3p1,lif,avgpool2,conv1024k3p1,lif,"
        + "conv512k3p1,lif,flatten,dense1024,lif,dense512,lif,dense10,lif");
    // a member of the same family that trains on 2 cores: a quarter of the channels, one block less
    m.put("stbp-cifar10-small", "conv32k3p1,lif,conv64k3p1,lif,avgpool2,conv128k3p1,lif,avgpool2,conv128k3p1,lif,"
        + "flatten,dense256,lif,dense10,lif");
    return java.util.Collections.unmodifiableMap(m);
  }
}
