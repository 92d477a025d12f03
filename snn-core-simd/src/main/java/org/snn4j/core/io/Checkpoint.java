package org.snn4j.core.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.snn4j.api.Parameter;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.StoredArray;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.optim.CheckpointableOptimizer;
import org.snn4j.core.train.EpochProgress;

/**
 * A training checkpoint (specified in {@code docs/MODEL-FORMAT.md}, "Training checkpoints"): everything a run needs
 * to go on as if it had not stopped. The network (a complete model file, {@link ModelFile#encode}), the optimizer's
 * step count, learning rate and per-parameter state, every dropout layer's batch counter, and the position in the
 * data: the epoch and the {@link EpochProgress} within it (the epoch's shuffle and every sample's spikes follow
 * from the seed, the epoch and the sample, so the position is all the data order and the encoder need). The caller
 * adds its own header entries: the settings a resumed run must repeat, and totals of the run so far.
 *
 * <pre>
 *   "SNN4JCKP"                       8 bytes, magic
 *   version                          int32 big-endian, 1
 *   header length H                  int32, then H bytes UTF-8, "key=value\n" lines
 *   model length M                   int32, then M bytes: a model file (format version 1 or 2) of the network
 *   parameter count P                int32, then per parameter of the network, in order:
 *     state arrays A, length N       int32, int32 (A = 0 before the parameter's first step)
 *     A × N float32 big-endian       the optimizer's arrays (Adam: m, then v; SGD: the momentum buffer)
 *   CRC-32 of all bytes above        int32 big-endian
 * </pre>
 *
 * <p>Reading checks the magic, the version and then the CRC before anything else, so a damaged or truncated file
 * is reported as such. Written to a temporary file that is then moved into place ({@link ModelTarget}): a run killed
 * while writing leaves the previous checkpoint intact.
 */
public final class Checkpoint {
  /** The format version this class writes and reads. */
  public static final int VERSION = 1;
  /** The file's header value of {@code format}. */
  public static final String FORMAT = "snn4j-checkpoint";

  static final byte[] MAGIC = "SNN4JCKP".getBytes(StandardCharsets.US_ASCII);
  private static final String DROPOUT = ".dropout_batches";
  private static final List<String> OWN_KEYS = List.of("format", "epoch", "batches", "samples", "loss_sum", "seconds",
      "spikes", "train_correct", "optimizer", "optimizer_steps", "learning_rate");

  private final String file;
  private final Map<String, String> header;
  private final byte[] model;
  /** Per parameter of the network, its length and the optimizer's arrays (empty before its first step). */
  private final int[] parameterLengths;
  private final List<float[][]> states;
  private final int epoch;
  private final EpochProgress progress;
  private final long optimizerSteps;
  private final float learningRate;

  Checkpoint(String file, Map<String, String> header, byte[] model, int[] parameterLengths,
      List<float[][]> states) throws ModelFormatException {
    this.file = file;
    this.header = header;
    this.model = model;
    this.parameterLengths = parameterLengths;
    this.states = states;
    if (!FORMAT.equals(header.get("format"))) {
      throw bad("format", "which is not " + FORMAT);
    }
    this.epoch = (int) number("epoch", 1, Integer.MAX_VALUE);
    int batches = (int) number("batches", 0, Integer.MAX_VALUE);
    int samples = (int) number("samples", 0, Integer.MAX_VALUE);
    double lossSum = decimal("loss_sum");
    double seconds = decimal("seconds");
    String[] counts = require("spikes").isEmpty() ? new String[0] : require("spikes").split(",", -1);
    long[] spikes = new long[counts.length];
    for (int l = 0; l < spikes.length; l++) {
      try {
        spikes[l] = Long.parseLong(counts[l]);
      } catch (NumberFormatException e) {
        throw bad("spikes", "where '" + counts[l] + "' is not a spike count");
      }
    }
    try {
      // train_correct came later: a checkpoint without it resumes with the epoch's training accuracy unknown
      int correct = header.containsKey("train_correct") ? (int) number("train_correct", 0, samples) : -1;
      this.progress = new EpochProgress(batches, samples, lossSum, spikes, seconds, correct);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("the checkpoint " + file + " holds " + e.getMessage());
    }
    require("optimizer");
    this.optimizerSteps = number("optimizer_steps", 0, Long.MAX_VALUE);
    double lr = decimal("learning_rate");
    if (!(lr > 0)) {
      throw bad("learning_rate", "which is not above 0");
    }
    this.learningRate = (float) lr;
  }

  /**
   * Writes a checkpoint of a run in epoch {@code epoch} at {@code progress}, creating missing folders, through a
   * temporary file moved into place (replacing an older checkpoint).
   *
   * @param extra the caller's header entries (e.g. its settings and totals); single-line, none of the checkpoint's
   *     own keys
   * @throws java.nio.file.FileSystemException naming {@code file} if it cannot be written
   */
  public static void write(Path file, SequentialNet network, CheckpointableOptimizer optimizer, int epoch,
      EpochProgress progress, Map<String, String> extra) throws IOException {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs count from 1, got " + epoch);
    }
    Map<String, String> header = new LinkedHashMap<>();
    header.put("format", FORMAT);
    header.put("epoch", Integer.toString(epoch));
    header.put("batches", Integer.toString(progress.batches()));
    header.put("samples", Integer.toString(progress.samples()));
    header.put("loss_sum", Double.toString(progress.lossSum())); // Double.toString reads back to the same bits
    header.put("seconds", Double.toString(progress.seconds()));
    StringBuilder spikes = new StringBuilder();
    for (long s : progress.spikeCounts()) {
      spikes.append(spikes.length() == 0 ? "" : ",").append(s);
    }
    header.put("spikes", spikes.toString());
    if (progress.correct() >= 0) {
      header.put("train_correct", Integer.toString(progress.correct()));
    }
    header.put("optimizer", optimizer.name());
    header.put("optimizer_steps", Long.toString(optimizer.steps()));
    header.put("learning_rate", Float.toString(optimizer.learningRate()));
    List<NetworkLayer> layers = network.layers();
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l) instanceof Dropout d) {
        header.put("layer" + l + DROPOUT, Long.toString(d.batches()));
      }
    }
    for (Map.Entry<String, String> e : extra.entrySet()) {
      String key = e.getKey();
      if (header.containsKey(key) || OWN_KEYS.contains(key) || key.endsWith(DROPOUT)) {
        throw new IllegalArgumentException("header key '" + key + "' is reserved");
      }
      if (key.isEmpty() || key.contains("=") || key.contains("\n") || e.getValue().contains("\n")) {
        throw new IllegalArgumentException("header entries must be single-line key=value, got '" + key + "'");
      }
      header.put(key, e.getValue());
    }
    StringBuilder text = new StringBuilder();
    header.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    byte[] headerBytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (headerBytes.length > ModelFile.MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("the header's " + headerBytes.length + " bytes exceed "
          + ModelFile.MAX_HEADER_BYTES);
    }
    byte[] model = ModelFile.encode(network, Map.of());
    List<Parameter> parameters = network.parameters();
    ModelTarget.createFolder(file);
    ModelTarget.write(file, out -> {
      CRC32 crc = new CRC32();
      DataOutputStream d = new DataOutputStream(new CheckedOutputStream(out, crc));
      d.write(MAGIC);
      d.writeInt(VERSION);
      d.writeInt(headerBytes.length);
      d.write(headerBytes);
      d.writeInt(model.length);
      d.write(model);
      d.writeInt(parameters.size());
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
      for (Parameter p : parameters) {
        float[][] state = optimizer.state(p);
        d.writeInt(state == null ? 0 : state.length);
        d.writeInt(p.value().length);
        for (float[] a : state == null ? new float[0][] : state) {
          for (int i = 0; i < a.length; ) {
            buf.clear();
            while (i < a.length && buf.remaining() >= 4) {
              buf.putFloat(a[i++]);
            }
            d.write(buf.array(), 0, buf.position());
          }
        }
      }
      d.flush();
      new DataOutputStream(out).writeInt((int) crc.getValue());
    });
  }

  /**
   * Reads and checks a checkpoint: magic, version, every length against the bytes that follow (before anything is
   * allocated), the CRC, and the header's own entries. Whether it fits a network is checked by {@link #restore}.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws ModelFormatException naming the file and the byte offset or the header key at fault
   */
  public static Checkpoint read(Path file) throws IOException {
    return CheckpointReader.read(file);
  }

  /** The file this checkpoint was read from. */
  public String file() {
    return file;
  }

  /** The header: the checkpoint's own entries and the writer's extra ones, in file order (unmodifiable). */
  public Map<String, String> header() {
    return header;
  }

  /** The epoch the run was in, from 1. */
  public int epoch() {
    return epoch;
  }

  /** Where the epoch stood: a new object each call, for a resumed run to advance. */
  public EpochProgress progress() {
    return new EpochProgress(progress.batches(), progress.samples(), progress.lossSum(), progress.spikeCounts(),
        progress.seconds(), progress.correct());
  }

  /** The optimizer's name ({@code adam}, {@code sgd}). */
  public String optimizer() {
    return header.get("optimizer");
  }

  /**
   * Puts the saved state into a run built from the same settings: the network's parameters and stored arrays, its
   * dropout layers' batch counters, the optimizer's step count, learning rate and arrays.
   *
   * @param network a network of the same layers as the saved one (its values are replaced)
   * @throws ModelFormatException naming the file and what does not fit: the network's description, a layer, the
   *     optimizer, a parameter
   */
  public void restore(SequentialNet network, CheckpointableOptimizer optimizer) throws IOException {
    if (!optimizer.name().equals(optimizer())) {
      throw bad("optimizer", "but this run's optimizer is " + optimizer.name());
    }
    checkNetwork(network);
    List<Parameter> parameters = network.parameters();
    if (parameters.size() != parameterLengths.length) {
      throw new ModelFormatException("the checkpoint " + file + " holds optimizer state for "
          + parameterLengths.length + " parameters, this run's network has " + parameters.size());
    }
    for (int q = 0; q < parameters.size(); q++) {
      Parameter p = parameters.get(q);
      if (p.value().length != parameterLengths[q]) {
        throw new ModelFormatException("the checkpoint " + file + " holds optimizer state of " + parameterLengths[q]
            + " values for parameter " + p.name() + ", which has " + p.value().length);
      }
      float[][] s = states.get(q);
      if (s != null && s.length != optimizer.stateArrays()) {
        throw new ModelFormatException("the checkpoint " + file + " holds " + s.length + " optimizer arrays for "
            + p.name() + ", " + optimizer.name() + " keeps " + optimizer.stateArrays());
      }
    }
    List<NetworkLayer> layers = network.layers();
    for (int l = 0; l < layers.size(); l++) {
      String key = "layer" + l + DROPOUT;
      if (layers.get(l) instanceof Dropout && !header.containsKey(key)) {
        throw new ModelFormatException("the checkpoint " + file + " has no " + key + " for this run's layer " + l
            + " (" + layers.get(l) + ")");
      }
    }
    for (String key : header.keySet()) {
      if (key.endsWith(DROPOUT)) {
        int l = layerIndex(key);
        if (l < 0 || l >= layers.size() || !(layers.get(l) instanceof Dropout)) {
          throw bad(key, "but this run's layer " + key.substring(0, key.indexOf('.')) + " is not a dropout layer");
        }
      }
    }
    if (progress.spikeCounts().length != layers.size()) {
      throw bad("spikes", "which counts " + progress.spikeCounts().length + " layers, this run's network has "
          + layers.size());
    }
    fillNetwork(network);
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l) instanceof Dropout d) {
        d.setBatches(number("layer" + l + DROPOUT, 0, Long.MAX_VALUE));
      }
    }
    optimizer.restore(optimizerSteps, parameters, states);
    optimizer.setLearningRate(learningRate);
  }

  /**
   * Checks that the saved model file's header (the layers, the neurons, the input shape) and length are exactly
   * those this network's file has.
   */
  private void checkNetwork(SequentialNet network) throws IOException {
    byte[] fresh = ModelFile.encode(network, Map.of());
    int start = parametersStart(fresh);
    if (model.length < 16 || parametersStart(model) != start || model.length != fresh.length
        || !Arrays.equals(model, 0, start, fresh, 0, start)) {
      throw new ModelFormatException("the checkpoint " + file + " holds the network " + describe(model)
          + ", this run builds " + describe(fresh) + "; resume with the flags the checkpoint was made with");
    }
  }

  /** Fills the network's stored arrays from the saved model file ({@link #checkNetwork} passed). */
  private void fillNetwork(SequentialNet network) throws IOException {
    int start = parametersStart(model);
    ByteBuffer values = ByteBuffer.wrap(model, start, model.length - start - 4).order(ByteOrder.BIG_ENDIAN);
    for (NetworkLayer layer : network.layers()) {
      for (StoredArray a : layer.storedArrays()) {
        float[] v = a.values();
        values.asFloatBuffer().get(v);
        values.position(values.position() + 4 * v.length);
        for (float x : v) {
          if (!Float.isFinite(x)) {
            throw new ModelFormatException("the checkpoint " + file + " holds a non-finite " + a.name() + " (" + x
                + "): the run had diverged when it was saved");
          }
        }
      }
    }
  }

  /** Where a model file's parameters start: after the magic, the version, the header length and the header. */
  private static int parametersStart(byte[] modelFile) {
    if (modelFile.length < 16) {
      return -1;
    }
    int headerLength = ByteBuffer.wrap(modelFile).order(ByteOrder.BIG_ENDIAN).getInt(12);
    return headerLength < 0 || headerLength > modelFile.length - 16 ? -1 : 16 + headerLength;
  }

  /** A model file's {@code net=} or {@code layers=} line with its neuron, for an error. */
  private static String describe(byte[] modelFile) {
    int start = parametersStart(modelFile);
    if (start < 0) {
      return "(unreadable)";
    }
    String text = new String(modelFile, 16, start - 16, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("net=") || line.startsWith("layers=") || line.startsWith("neuron=")
          || line.startsWith("input_shape=")) {
        sb.append(sb.length() == 0 ? "" : " ").append(line);
      }
    }
    return sb.toString();
  }

  private static int layerIndex(String key) {
    try {
      return key.startsWith("layer") ? Integer.parseInt(key.substring(5, key.indexOf('.'))) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private String require(String key) throws ModelFormatException {
    String v = header.get(key);
    if (v == null) {
      throw new ModelFormatException("the checkpoint " + file + " has no '" + key + "' in its header");
    }
    return v;
  }

  private long number(String key, long min, long max) throws ModelFormatException {
    String v = require(key);
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, "which is not a whole number from " + min + " to " + max);
  }

  private double decimal(String key) throws ModelFormatException {
    String v = require(key);
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, "which is not a finite number");
  }

  private ModelFormatException bad(String key, String problem) {
    return new ModelFormatException("the checkpoint " + file + " has " + key + "=" + header.get(key)
        + " in its header, " + problem);
  }
}
