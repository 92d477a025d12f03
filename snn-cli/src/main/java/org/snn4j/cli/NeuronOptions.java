package org.snn4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginSpec;
import picocli.CommandLine.Option;

/**
 * The neuron of {@code snn train}: {@code --neuron NAME[:param=value,...]}, plus STBP's {@code --decay}, {@code
 * --vth} and {@code --detach-reset}, which fill the neuron's {@code decay}, {@code vth} and {@code detach_reset}
 * when it declares them and the spec leaves them out. Those flags have no default of their own, so without them
 * every neuron keeps its defaults (for {@code lif}, the paper's).
 */
final class NeuronOptions {
  @Option(names = "--neuron",
      description = "Neuron model NAME[:param=value,...] of --layers (default: lif): lif, if, plif (learned decay),"
          + " alif (adaptive threshold) or a plugin's; see 'snn plugins'. With --net, each layer names its neuron.")
  String spec;

  /** Whether {@code --neuron} was given. */
  boolean given() {
    return spec != null;
  }

  @Option(names = "--decay", paramLabel = "X",
      description = "The neuron's leak 'decay', in [0,1] (default: the neuron's; 0.2 for lif).")
  Float decay;

  @Option(names = "--vth", paramLabel = "X",
      description = "The neuron's firing threshold 'vth' (default: the neuron's; 0.5 for lif).")
  Float vth;

  @Option(names = "--detach-reset",
      description = "Do not backpropagate through the reset (the neuron's 'detach_reset').")
  boolean detachReset;

  /** A flag the user gave that sets one neuron parameter. */
  private record Filler(String flag, String parameter, String value) {}

  /**
   * The neuron, checked before any data is read.
   *
   * @throws UsageException naming {@code --neuron} or the flag at fault
   */
  NeuronModel create() {
    PluginSpec given;
    try {
      given = PluginSpec.parse(spec == null ? "lif" : spec);
    } catch (PluginException e) {
      throw new UsageException("--neuron: " + e.getMessage());
    }
    NeuronFactory factory = Plugins.neuronFactory(given);
    Map<String, String> declared = factory.parameterDefaults();
    Map<String, String> params = new LinkedHashMap<>(given.params());
    List<Filler> fillers = fillers();
    for (Filler f : fillers) {
      if (!declared.containsKey(f.parameter())) {
        throw new UsageException(notDeclared(f, given.name(), declared));
      }
      if (params.containsKey(f.parameter())) {
        throw new UsageException(f.flag() + " and --neuron " + spec + " both set '" + f.parameter()
            + "'; give it once");
      }
      params.put(f.parameter(), f.value());
    }
    try {
      return Plugins.neuron(new PluginSpec(given.name(), params, given.origin()));
    } catch (PluginException e) {
      String flag = fillers.stream().filter(f -> e.getMessage().contains("'" + f.parameter() + "'"))
          .map(Filler::flag).findFirst().orElse("--neuron");
      throw Plugins.usageError(flag, e);
    }
  }

  /**
   * The neuron of a {@code --net} token: {@code --decay}, {@code --vth} and {@code --detach-reset} fill the parameters
   * it declares and the token leaves out; a flag that no token of the net can take is an error ({@link
   * #checkUsed}).
   *
   * @throws UsageException naming {@code --net} and the token, or the flag at fault
   */
  NeuronModel create(PluginSpec token) {
    NeuronFactory factory = Plugins.neuronFactory(token, "--net");
    Map<String, String> declared = factory.parameterDefaults();
    Map<String, String> params = new LinkedHashMap<>(token.params());
    for (Filler f : fillers()) {
      if (declared.containsKey(f.parameter()) && !params.containsKey(f.parameter())) {
        params.put(f.parameter(), f.value());
      }
    }
    try {
      return Plugins.neuron(new PluginSpec(token.name(), params, token.origin()));
    } catch (PluginException e) {
      throw Plugins.usageError("--net", e);
    }
  }

  /** Fails for a {@code --decay}, {@code --vth} or {@code --detach-reset} that none of the net's neurons declares. */
  void checkUsed(List<PluginSpec> tokens) {
    for (Filler f : fillers()) {
      boolean used = false;
      for (PluginSpec t : tokens) {
        used |= Plugins.neuronFactory(t, "--net").parameterDefaults().containsKey(f.parameter());
      }
      if (!used && !tokens.isEmpty()) {
        PluginSpec first = tokens.get(0);
        throw new UsageException(notDeclared(f, first.name(), Plugins.neuronFactory(first, "--net").parameterDefaults()));
      }
    }
  }

  private List<Filler> fillers() {
    List<Filler> list = new ArrayList<>();
    if (decay != null) {
      list.add(new Filler("--decay", "decay", decay.toString()));
    }
    if (vth != null) {
      list.add(new Filler("--vth", "vth", vth.toString()));
    }
    if (detachReset) {
      list.add(new Filler("--detach-reset", "detach_reset", "true"));
    }
    return list;
  }

  /** E.g. {@code --decay: neuron 'plif' has no parameter 'decay' (it takes ...); use --neuron plif:init_decay=0.3}. */
  private static String notDeclared(Filler f, String neuron, Map<String, String> declared) {
    String message = f.flag() + ": neuron '" + neuron + "' has no parameter '" + f.parameter() + "' ("
        + (declared.isEmpty() ? "it takes no parameters" : "it takes " + String.join(", ", declared.keySet())) + ")";
    String similar = declared.keySet().stream().filter(k -> k.contains(f.parameter())).findFirst().orElse(null);
    return message + (similar == null ? "; drop " + f.flag()
        : "; use --neuron " + neuron + ":" + similar + "=" + f.value() + " instead");
  }
}
