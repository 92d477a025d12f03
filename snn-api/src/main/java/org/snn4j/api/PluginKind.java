package org.snn4j.api;

import java.util.List;
import java.util.Objects;

/**
 * One extension point: the interface its plugins implement and the words used for it in listings and messages
 * ({@code surrogate}, {@code surrogates}). Everything that handles plugins generically ({@code snn-plugins}'
 * {@code PluginCatalog}, the Guice module, {@code snn plugins}) iterates over {@link #builtIn()}, so a new extension
 * point is one more constant here and nothing else.
 *
 * @param <P> the interface plugins of this kind implement, registered in {@code META-INF/services/<its name>}
 */
public final class PluginKind<P extends Plugin> {
  /** Neuron models ({@code lif}, {@code if}, {@code plif}, {@code alif}, ...). */
  public static final PluginKind<NeuronFactory> NEURON =
      new PluginKind<>("neuron", "neurons", NeuronFactory.class);

  /** Surrogate gradients ({@code rectangular}, {@code atan}, ...). */
  public static final PluginKind<SurrogateFactory> SURROGATE =
      new PluginKind<>("surrogate", "surrogates", SurrogateFactory.class);

  /** Spike encoders ({@code rate}, ...). */
  public static final PluginKind<SpikeEncoderFactory> ENCODER =
      new PluginKind<>("encoder", "encoders", SpikeEncoderFactory.class);

  /** Dataset readers ({@code fashion-mnist}, ...). */
  public static final PluginKind<DatasetReader> DATASET =
      new PluginKind<>("dataset", "datasets", DatasetReader.class);

  // the order of listings such as 'snn plugins'
  private static final List<PluginKind<?>> BUILT_IN = List.of(NEURON, SURROGATE, ENCODER, DATASET);

  private final String name;
  private final String plural;
  private final Class<P> type;

  private PluginKind(String name, String plural, Class<P> type) {
    this.name = Objects.requireNonNull(name, "name");
    this.plural = Objects.requireNonNull(plural, "plural");
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * An extension point that is not built in, for applications that define their own plugin interfaces and want
   * them loaded, listed and wired like the built-in ones.
   *
   * @param name the singular word for messages, e.g. {@code surrogate}
   * @param plural the plural word for listings, e.g. {@code surrogates}
   * @param type the interface plugins implement
   */
  public static <P extends Plugin> PluginKind<P> of(String name, String plural, Class<P> type) {
    return new PluginKind<>(name, plural, type);
  }

  /** The extension points snn4j itself defines, in listing order. */
  public static List<PluginKind<?>> builtIn() {
    return BUILT_IN;
  }

  /** The singular word for messages: {@code unknown surrogate 'x'}. */
  public String name() {
    return name;
  }

  /** The plural word for listings. */
  public String plural() {
    return plural;
  }

  /** The interface plugins implement; its binary name is the service file's name. */
  public Class<P> type() {
    return type;
  }

  /** Two kinds are equal when their interfaces are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PluginKind<?> k && k.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
