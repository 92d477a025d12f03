package org.snn4j.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.io.ModelFormatException;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.StreamSession;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.plugins.PluginRegistry;

/**
 * A trained model loaded from an snn4j model file (format version 1 or 2, {@code docs/MODEL-FORMAT.md}) for an
 * application to run: its frozen network, the encoder and the time steps its header names.
 *
 * <pre>{@code
 * SnnModel model = SnnModel.load(Path.of("fashion-mnist.snn"));
 * try (Predictor p = model.newPredictor()) {
 *   Prediction r = p.predict(pixels, SpikeEncoder.streamKey(0, 0, 42));   // class, scores, spike counts
 * }
 * try (StreamSession s = model.newStream(1)) {
 *   s.step(spikesOfThisStep);                                                // one time step at a time
 *   int leader = s.leader(0);
 * }
 * }</pre>
 *
 * <p><b>Readouts.</b> A model scores its classes as it was trained ({@link #readout()}, the header's {@code
 * readout}), and a {@link Prediction} holds exactly what {@code snn eval} computes for the sample: its {@link
 * Prediction#rates()} are the class scores and its label their argmax, the lowest class on a tie.
 *
 * <ul>
 *   <li>{@code rate} (the default): the output layer's firing rates, its spike counts divided by T; the spike counts
 *       are the output layer's, one per class;
 *   <li>{@code vote:N}: each class's mean rate over its N voting neurons; the spike counts are the voters', {@code
 *       classes() × N} of them;
 *   <li>{@code membrane[:decay=β]}: the mean over T of a non-spiking leaky integrator of the output layer's currents
 *       (any real number); that layer does not spike, so the spike counts are the last spiking layer's below it (a
 *       conv layer's in its pixel-major order), and empty for a net of one layer.
 * </ul>
 *
 * <p><b>Threads.</b> A model is immutable and may be shared by any number of threads; each thread runs it through
 * its own {@link Predictor} or {@link StreamSession}, which are confined to one thread at a time.
 *
 * <p><b>Plugins.</b> A model trained with a plugin's neuron or encoder loads through {@link #load(Path,
 * PluginCatalog)} with a catalog that holds the plugin's jar ({@link PluginCatalog#builder()}); {@link #load(Path)}
 * sees the class path's plugins only.
 */
public final class SnnModel {
  /** The steps a model runs for when its header records none (the CLI's default). */
  public static final int DEFAULT_TIMESTEPS = 10;

  private final Path file;
  private final FrozenNet net;
  private final Map<String, String> header;
  private final SpikeEncoder encoder;
  private final int timesteps;

  private SnnModel(Path file, FrozenNet net, Map<String, String> header, SpikeEncoder encoder, int timesteps) {
    this.file = file;
    this.net = net;
    this.header = header;
    this.encoder = encoder;
    this.timesteps = timesteps;
  }

  /**
   * Loads a model file with the class path's plugins.
   *
   * @param file the model file
   * @return the model
   * @throws ModelException if the file is missing, damaged, or names a neuron or encoder the class path lacks; the
   *     message names the file and the field
   */
  public static SnnModel load(Path file) throws ModelException {
    try (PluginCatalog catalog = PluginCatalog.load(SnnModel.class.getClassLoader())) {
      return load(file, catalog);
    }
  }

  /**
   * Loads a model file with the plugins of {@code catalog} (the class path's and its jars'); the catalog stays
   * open, its owner closes it after the model's last use.
   *
   * @param file the model file
   * @param catalog the plugins that may provide the model's neuron and encoder
   * @return the model
   * @throws ModelException if the file is missing, damaged, or names a neuron or encoder no plugin of {@code
   *     catalog} provides; the message names the file and the field
   */
  public static SnnModel load(Path file, PluginCatalog catalog) throws ModelException {
    ModelFile.Loaded loaded;
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    // the model file looks its neuron up in the context class loader's plugins
    thread.setContextClassLoader(catalog.classLoader());
    try {
      loaded = ModelFile.read(file, Kernels.get());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ModelException(file, null, "model file " + file + " does not exist", e);
    } catch (ModelFormatException e) {
      throw new ModelException(file, fieldOf(e.getMessage()), e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelException(file, null, "cannot read the model " + file + ": " + e.getMessage(), e);
    } finally {
      thread.setContextClassLoader(saved);
    }
    int timesteps;
    try {
      timesteps = loaded.positiveInt("timesteps", DEFAULT_TIMESTEPS);
    } catch (ModelFormatException e) {
      throw new ModelException(file, "timesteps", e.getMessage(), e);
    }
    SpikeEncoder encoder = encoder(loaded, catalog.registry(PluginKind.ENCODER));
    return new SnnModel(file, FrozenNet.of(loaded.network()), Map.copyOf(loaded.header()), encoder, timesteps);
  }

  /** The header key a core error message names ("... has KEY=VALUE in its header" or "... names KEY '...'"). */
  private static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" (?:has ([a-z_]+)=|names ([a-z_]+) ')")
        .matcher(message);
    return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
  }

  private static SpikeEncoder encoder(ModelFile.Loaded loaded, PluginRegistry<SpikeEncoderFactory> registry)
      throws ModelException {
    String text = loaded.get("encoder", "rate");
    try {
      PluginSpec spec = PluginSpec.parse(text);
      if (!registry.contains(spec.name())) {
        throw new ModelException(loaded.file(), "encoder", loaded.unknown("encoder", spec.name(),
            "which no loaded plugin provides (known: " + String.join(", ", registry.names())
                + "; load the model with a PluginCatalog that holds its plugin)").getMessage(), null);
      }
      return PluginRegistry.create(registry, spec);
    } catch (PluginException | IllegalArgumentException e) {
      throw new ModelException(loaded.file(), "encoder", loaded.badValue("encoder", e.getMessage()).getMessage(), e);
    }
  }

  /**
   * The file the model was loaded from.
   *
   * @return the path given to {@link #load}
   */
  public Path file() {
    return file;
  }

  /**
   * The frozen network, for the core API ({@link FrozenNet#newSession}).
   *
   * @return the immutable network, shared by every predictor and stream of this model
   */
  public FrozenNet network() {
    return net;
  }

  /**
   * The header's entries, e.g. {@code encoder}, {@code timesteps}, {@code neuron}, {@code net}.
   *
   * @return an unmodifiable map of the header
   */
  public Map<String, String> header() {
    return header;
  }

  /**
   * The encoder that turns a sample's features into input spikes ({@code rate} when the header names none).
   *
   * @return the encoder, immutable and thread-safe
   */
  public SpikeEncoder encoder() {
    return encoder;
  }

  /**
   * The time steps a sample runs for: the header's {@code timesteps}, else {@value #DEFAULT_TIMESTEPS}.
   *
   * @return the steps, at least 1
   */
  public int timesteps() {
    return timesteps;
  }

  /**
   * Input values per time step: spikes (or currents) of the first layer.
   *
   * @return the first layer's input size
   */
  public int inputSize() {
    return net.sizes()[0];
  }

  /**
   * The classes the model scores: the last layer's neurons, or a {@code vote:N} readout's groups of N of them.
   *
   * @return the length of {@link Prediction#rates()}
   */
  public int classes() {
    return net.classCount();
  }

  /**
   * How the class scores come from the last layer (the header's {@code readout}; {@code rate} when it has none).
   *
   * @return the readout
   */
  public Readout readout() {
    return net.readout();
  }

  /**
   * A predictor for whole samples, confined to one thread at a time; close it when done.
   *
   * @return a new predictor with its own workspaces
   */
  public Predictor newPredictor() {
    return new Predictor(this);
  }

  /**
   * A streaming session of {@code lanes} samples advanced together, one time step per call, confined to one thread
   * at a time ({@link StreamSession}).
   *
   * @param lanes samples stepped together, at least 1
   * @return a new session, its neurons at rest; its {@link StreamSession#scores} and {@link StreamSession#leader}
   *     follow the model's readout
   * @throws UnsupportedOperationException if the network has a layer that keeps state across steps besides its
   *     neurons (NeuNorm), naming the layer
   */
  public StreamSession newStream(int lanes) {
    return net.newStream(lanes);
  }

  /**
   * Encodes a sample's features into {@code [timesteps][inputSize]} spikes with the model's encoder, for feeding a
   * {@link StreamSession} one step at a time ({@code out[t * inputSize ..]} is step {@code t}).
   *
   * @param features the sample's features (for an encoder that reads frames, {@code timesteps} frames of them)
   * @param key the encoder's random stream, e.g. {@link SpikeEncoder#streamKey}{@code (seed, 0, index)}, what {@code
   *     snn eval --seed} uses for the test sample {@code index}
   * @return the spikes as 0/1 bytes
   * @throws IllegalArgumentException if the features do not fit the network's input, or the encoder produces
   *     currents rather than spikes
   */
  public byte[] encode(float[] features, long key) {
    int n = featureCount(features);
    if (encoder.producesCurrents()) {
      throw new IllegalArgumentException("the model's encoder " + encoder.name() + " produces currents, not spikes:"
          + " use encodeCurrents");
    }
    byte[] out = new byte[timesteps * inputSize()];
    encoder.encode(features, 0, n, timesteps, key, out, 0, inputSize());
    return out;
  }

  /**
   * Encodes a sample's features into {@code [timesteps][inputSize]} analog currents, for an encoder that produces
   * currents ({@code direct}).
   *
   * @param features the sample's features
   * @param key the encoder's random stream (see {@link #encode})
   * @return the currents
   * @throws IllegalArgumentException if the features do not fit the network's input, or the encoder produces spikes
   */
  public float[] encodeCurrents(float[] features, long key) {
    int n = featureCount(features);
    if (!encoder.producesCurrents()) {
      throw new IllegalArgumentException("the model's encoder " + encoder.name() + " produces spikes: use encode");
    }
    float[] out = new float[timesteps * inputSize()];
    encoder.encodeCurrents(features, 0, n, timesteps, key, out, 0, inputSize());
    return out;
  }

  /** Features per frame, checked against the network's input. */
  int featureCount(float[] features) {
    int frames = encoder.readsFrames() ? timesteps : 1;
    if (features.length % frames != 0) {
      throw new IllegalArgumentException("the encoder " + encoder.name() + " reads " + timesteps + " frames, got "
          + features.length + " features");
    }
    int n = features.length / frames;
    if (encoder.outputWidth(n) != inputSize()) {
      throw new IllegalArgumentException("the model " + file + " takes " + inputSize() + " inputs per step; "
          + n + " features through the encoder " + encoder.name() + " give " + encoder.outputWidth(n));
    }
    return n;
  }
}
