package org.snn4j.core.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginSpec;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.StoredArray;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.plugins.PluginRegistry;

/**
 * Reads and writes snn4j model files (specified in {@code docs/MODEL-FORMAT.md}): version 1 for an MLP, version 2
 * for any other network, whose header records its layers ({@code net}, a {@link NetSpec}) and input shape:
 *
 * <pre>
 *   "SNN4JMDL"                       8 bytes, magic
 *   version                          int32 big-endian, 1 or 2
 *   header length H                  int32 big-endian
 *   header                           H bytes UTF-8, "key=value\n" lines
 *   per spiking layer: W, b [out], then the neuron's learnable parameters (often none), float32 big-endian
 *   CRC-32 of all bytes above        int32 big-endian
 * </pre>
 *
 * <p>The file holds no timestamp, so the same model always gives the same bytes. Writes go to a temporary file in
 * the target folder that is then moved into place ({@link ModelTarget}), so a crash never leaves a half-written model
 * under the name.
 */
public final class ModelFile {
  /** The format version of an MLP's file, which a network of dense spiking layers on vector input gets. */
  public static final int VERSION = 1;
  /** The format version of any other network's file. */
  public static final int VERSION_NET = 2;

  private static final byte[] MAGIC = "SNN4JMDL".getBytes(StandardCharsets.US_ASCII);
  /** A reader's limit on the header, so that a damaged length never allocates much; no writer comes near it. */
  static final int MAX_HEADER_BYTES = 1 << 20;
  private static final int MAX_LAYER_SIZE = 1 << 24;
  /** Version 2's layout: conv weights {@code [ky][kx][c][o]}, dense weights {@code [in][out]}, images pixel-major. */
  private static final String PIXEL_MAJOR = "pixel-major";

  private ModelFile() {}

  /** A loaded model: the file it came from, the network and the header's metadata. */
  public record Loaded(Path file, SequentialNet network, Map<String, String> header) {
    /** A header value, or {@code fallback} when absent. */
    public String get(String key, String fallback) {
      return header.getOrDefault(key, fallback);
    }

    /**
     * A header value that must be a whole number above zero, or {@code fallback} when absent.
     *
     * @throws ModelFormatException naming the file, the key and the value if it is something else
     */
    public int positiveInt(String key, int fallback) throws ModelFormatException {
      String v = header.get(key);
      if (v == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(v.strip());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw badValue(key, "which is not a whole number above 0");
    }

    /** An error about the header's value of {@code key}: "the model FILE has KEY=VALUE in its header, PROBLEM". */
    public ModelFormatException badValue(String key, String problem) {
      return ModelFile.badValue(file.toString(), key, header.get(key), problem);
    }

    /**
     * An error for a header that names something this run cannot provide: "the model FILE names KEY 'NAME', WHY".
     */
    public ModelFormatException unknown(String key, String name, String why) {
      return ModelFile.unknown(file.toString(), key, name, why);
    }
  }

  /**
   * Writes {@code network} with extra header entries (e.g. {@code timesteps}, {@code surrogate}, {@code encoder}),
   * creating missing folders. The bytes go to {@link ModelTarget#temporary} first and are then moved into place.
   *
   * @param overwrite whether an existing file may be replaced
   * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
   * @throws FileSystemException naming {@code file} if it cannot be written
   */
  public static void write(Path file, SequentialNet network, Map<String, String> extra, boolean overwrite)
      throws IOException {
    if (!overwrite && Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "exists; pass --force to overwrite it");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new FileSystemException(file.toString(), null, Files.isDirectory(file)
          ? "is a folder, not a model file" : "is not a regular file; name a model file");
    }
    byte[] bytes = encode(network, extra);
    ModelTarget.createFolder(file);
    ModelTarget.write(file, bytes);
  }

  /** The file's bytes for {@code network}. */
  public static byte[] encode(SequentialNet network, Map<String, String> extra) throws IOException {
    // version 1 records one neuron for every layer: an MLP whose layers have different neurons takes version 2
    boolean mlp = network.isMlp() && network.layers().get(0).inputShape().rank() == 1 && oneNeuron(network);
    Map<String, String> header = new LinkedHashMap<>();
    header.put("format", "snn4j-model");
    if (mlp) {
      header.put("layers", join(network.sizes()));
      header.put("neuron", network.neuron().spec());
      header.put("weight_layout", "in-major");
    } else {
      header.put("net", NetSpec.of(network).toString());
      header.put("input_shape", network.layers().get(0).inputShape().toString().replaceAll("[\\[\\]]", ""));
      header.put("weight_layout", PIXEL_MAJOR);
    }
    if (!network.readout().equals(Readout.RATE)) {
      header.put("readout", network.readout().toString()); // absent for the rate readout: older files read alike
    }
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (header.containsKey(e.getKey()) || e.getKey().equals("readout")) {
        throw new IllegalArgumentException("header key '" + e.getKey() + "' is reserved");
      }
      checkHeaderText(e.getKey(), e.getValue());
      header.put(e.getKey(), e.getValue());
    }
    StringBuilder text = new StringBuilder();
    header.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    byte[] headerBytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (headerBytes.length > MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("the header's " + headerBytes.length + " bytes exceed " + MAX_HEADER_BYTES);
    }

    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buf);
    out.write(MAGIC);
    out.writeInt(mlp ? VERSION : VERSION_NET);
    out.writeInt(headerBytes.length);
    out.write(headerBytes);
    for (NetworkLayer layer : network.layers()) {
      for (StoredArray a : layer.storedArrays()) {
        writeFloats(out, a.values());
      }
    }
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(buf.toByteArray());
    out.writeInt((int) crc.getValue());
    out.flush();
    return buf.toByteArray();
  }

  private static boolean oneNeuron(SequentialNet network) {
    for (SpikingLayer layer : network.spikingLayers()) {
      if (!layer.neuron().spec().equals(network.neuron().spec())) {
        return false;
      }
    }
    return true;
  }

  private static void checkHeaderText(String key, String value) {
    if (key.isEmpty() || key.contains("=") || key.contains("\n") || value.contains("\n")) {
      throw new IllegalArgumentException("header entries must be single-line key=value, got '" + key + "'");
    }
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.BIG_ENDIAN);
    bb.asFloatBuffer().put(values);
    out.write(bb.array());
  }

  /**
   * Reads a model file. Sizes are checked before anything is allocated: the file against the heap, the header
   * against the file, the layers' declared parameters against the bytes that follow; then the CRC, and every weight
   * must be finite.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws ModelFormatException if {@code file} is not a regular file or not a valid version-1 model; the message
   *     names the file and, for the layout, the byte offset; for the header, the key and its value
   */
  public static Loaded read(Path file, Kernels kernels) throws IOException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new ModelFormatException(name + " is a folder, not a model file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new ModelFormatException(name + " is not a regular file, so it cannot be a model file");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(file, name, ch, ch.size(), kernels);
    }
  }

  private static Loaded read(Path file, String name, FileChannel ch, long size, Kernels kernels) throws IOException {
    if (size < MAGIC.length + 12) {
      throw new ModelFormatException(name, 0, "too short (" + size + " bytes) to be an snn4j model");
    }
    ByteBuffer prefix = readFully(ch, 0, MAGIC.length + 8);
    for (int i = 0; i < MAGIC.length; i++) {
      if (prefix.get(i) != MAGIC[i]) {
        throw new ModelFormatException(name, 0, "not an snn4j model (expected magic SNN4JMDL)");
      }
    }
    int version = prefix.getInt(MAGIC.length);
    if (version != VERSION && version != VERSION_NET) {
      throw new ModelFormatException(name, MAGIC.length, "format version " + version + " is not supported (this snn4j"
          + " reads " + VERSION + " and " + VERSION_NET + ")");
    }
    checkHeap(name, size);
    checkCrc(name, ch, size);
    int headerLength = prefix.getInt(MAGIC.length + 4);
    int headerStart = MAGIC.length + 8;
    if (headerLength < 0 || headerLength > size - headerStart - 4) {
      throw new ModelFormatException(name, MAGIC.length + 4, "header length " + headerLength + " exceeds the file");
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw new ModelFormatException(name, MAGIC.length + 4, "header length " + headerLength + " exceeds the "
          + MAX_HEADER_BYTES + " bytes a header may have");
    }
    ByteBuffer headerBytes = readFully(ch, headerStart, headerLength);
    String text = new String(headerBytes.array(), 0, headerLength, StandardCharsets.UTF_8);
    Map<String, String> header = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ModelFormatException(name, headerStart, "header line '" + line + "' is not key=value");
      }
      header.put(line.substring(0, eq), line.substring(eq + 1));
    }
    String layout = header.getOrDefault("weight_layout", "");
    if (!layout.equals(version == VERSION ? "in-major" : PIXEL_MAJOR)) {
      throw new ModelFormatException(name, headerStart, "weight_layout '" + layout + "' is not supported");
    }
    long parametersStart = headerStart + (long) headerLength;
    long remaining = size - 4L - parametersStart;
    SequentialNet net = version == VERSION
        ? mlp(name, header, headerStart, parametersStart, remaining, kernels)
        : anyNet(name, header, headerStart, parametersStart, remaining, kernels);
    String readout = header.get("readout");
    if (readout != null) {
      try {
        net.setReadout(Readout.parse(readout));
      } catch (IllegalArgumentException e) {
        throw badValue(name, "readout", readout, e.getMessage());
      }
    }
    ch.position(parametersStart);
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN).limit(0);
    long offset = parametersStart;
    int number = 0;
    for (NetworkLayer layer : net.layers()) {
      number++;
      int in = layer.inputShape().size();
      int out = layer.outputShape().size();
      List<StoredArray> arrays = layer.storedArrays();
      for (int a = 0; a < arrays.size(); a++) {
        float[] values = arrays.get(a).values();
        buf = readFloats(name, ch, buf, values);
        boolean weight = a == 0 && layer instanceof SpikingLayer;
        for (int i = 0; i < values.length; i++) {
          if (!Float.isFinite(values[i])) {
            throw new ModelFormatException(name, offset + 4L * i, "layer " + number + " ("
                + in + " -> " + out + ") has a non-finite " + part(arrays.get(a).name()) + " ("
                + values[i] + (weight ? " at W[" + i / out + "][" + i % out + "]" : "")
                + "); the model diverged in training and cannot be used");
          }
        }
        offset += 4L * values.length;
      }
    }
    return new Loaded(file, net, header);
  }

  /** What a stored array is called in an error: {@code layer0.weight} is a weight, {@code layer0.neuron} a neuron parameter. */
  private static String part(String arrayName) {
    String last = arrayName.substring(arrayName.lastIndexOf('.') + 1);
    return last.equals("neuron") ? "neuron parameter" : last.replace('_', ' ');
  }

  /** Version 1: an MLP, from {@code layers} and {@code neuron}, its parameters' length checked before allocating. */
  private static SequentialNet mlp(String name, Map<String, String> header, int headerStart, long parametersStart,
      long remaining, Kernels kernels) throws ModelFormatException {
    String neuronSpec = require(header, "neuron", name, headerStart);
    int[] sizes = parseSizes(name, require(header, "layers", name, headerStart));
    NeuronModel neuron = neuron(name, neuronSpec);
    long floats = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      long weights = (long) sizes[l] * sizes[l + 1];
      if (weights > Footprint.MAX_ARRAY) {
        throw badValue(name, "layers", header.get("layers"), "layer " + (l + 1) + " has " + weights
            + " weights, more than a Java array holds (" + Footprint.MAX_ARRAY + ")");
      }
      floats += weights + sizes[l + 1] + neuron.parameterCount();
    }
    if (remaining != floats * 4) {
      throw new ModelFormatException(
          name, parametersStart, "expected " + floats * 4 + " bytes of parameters for layers " + join(sizes)
              + ", found " + remaining);
    }
    return SequentialNet.mlp(sizes, neuron, kernels);
  }

  /**
   * Version 2: any network, from {@code net} and {@code input_shape}, its parameters' length checked against the
   * spec before anything is allocated.
   */
  private static SequentialNet anyNet(String name, Map<String, String> header, int headerStart, long parametersStart,
      long remaining, Kernels kernels) throws ModelFormatException {
    String text = require(header, "net", name, headerStart);
    Shape input = parseShape(name, require(header, "input_shape", name, headerStart));
    NetSpec spec;
    try {
      spec = NetSpec.parse(text);
    } catch (IllegalArgumentException e) {
      throw badValue(name, "net", text, "which does not parse: " + e.getMessage());
    }
    Map<String, NeuronModel> neurons = new LinkedHashMap<>();
    for (NetSpec.Token t : spec.tokens()) {
      if (t instanceof NetSpec.Neuron n && !neurons.containsKey(n.spec().toString())) {
        neurons.put(n.spec().toString(), neuron(name, n.spec().toString()));
      }
    }
    long floats;
    try {
      floats = spec.parameterCount(input, s -> neurons.get(s.toString()));
    } catch (IllegalArgumentException e) {
      throw badValue(name, "net", text, "which does not fit input_shape " + input + ": " + e.getMessage());
    }
    if (remaining != floats * 4) {
      throw new ModelFormatException(name, parametersStart, "expected " + floats * 4 + " bytes of parameters for net "
          + text + ", found " + remaining);
    }
    return spec.build(input, s -> neurons.get(s.toString()), kernels);
  }

  private static Shape parseShape(String file, String text) throws ModelFormatException {
    String[] parts = text.split(",", -1);
    if (parts.length != 1 && parts.length != 3) {
      throw badValue(file, "input_shape", text, "which is neither N nor C,H,W");
    }
    int[] dims = new int[parts.length];
    for (int i = 0; i < dims.length; i++) {
      try {
        dims[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        dims[i] = -1;
      }
      if (dims[i] <= 0 || dims[i] > MAX_LAYER_SIZE) {
        throw badValue(file, "input_shape", text, "where '" + parts[i] + "' is not a size (1 to " + MAX_LAYER_SIZE
            + ")");
      }
    }
    try {
      return Shape.of(dims);
    } catch (IllegalArgumentException e) {
      throw badValue(file, "input_shape", text, e.getMessage());
    }
  }

  /** Loading allocates each weight twice (the weights and their gradients): refuse what the heap cannot hold. */
  private static void checkHeap(String name, long size) throws ModelFormatException {
    Runtime rt = Runtime.getRuntime();
    long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long needed = 2 * (size - MAGIC.length - 12);
    if (needed > available) {
      long suggest = (long) Math.ceil((needed + (rt.maxMemory() - available) + (1L << 30)) / (double) (1L << 30));
      throw new ModelFormatException(String.format(Locale.ROOT, "%s is %s: loading it needs about %s of heap and"
          + " this JVM has %s free; set SNN_JAVA_OPTS=-Xmx%dg if it is a real model", name, gib(size), gib(needed),
          gib(available), suggest));
    }
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }

  private static void checkCrc(String name, FileChannel ch, long size) throws IOException {
    CRC32 crc = new CRC32();
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    ch.position(0);
    for (long left = size - 4; left > 0; ) {
      buf.clear().limit((int) Math.min(buf.capacity(), left));
      int n = ch.read(buf);
      if (n < 0) {
        throw new ModelFormatException(name, size - left, "the file ended early: it changed while being read");
      }
      buf.flip();
      crc.update(buf);
      left -= n;
    }
    int stored = readFully(ch, size - 4, 4).getInt(0);
    if (stored != (int) crc.getValue()) {
      throw new ModelFormatException(name, size - 4, "checksum mismatch: the file is damaged or truncated");
    }
  }

  private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        throw new java.io.EOFException();
      }
    }
    return buf.flip();
  }

  /** Fills {@code values} from the channel's position through {@code buf}, which keeps what is left over. */
  private static ByteBuffer readFloats(String name, FileChannel ch, ByteBuffer buf, float[] values)
      throws IOException {
    int done = 0;
    while (done < values.length) {
      if (buf.remaining() < 4) {
        buf.compact();
        while (buf.position() < 4) {
          if (ch.read(buf) < 0) {
            throw new ModelFormatException(name, ch.position(), "the file ended early: it changed while being read");
          }
        }
        buf.flip();
      }
      int n = Math.min(values.length - done, buf.remaining() / 4);
      buf.asFloatBuffer().get(values, done, n);
      buf.position(buf.position() + 4 * n);
      done += n;
    }
    return buf;
  }

  /** The neuron the header's spec names, from the installed neuron plugins. */
  private static NeuronModel neuron(String name, String neuronSpec) throws ModelFormatException {
    PluginSpec spec;
    try {
      spec = PluginSpec.parse(neuronSpec);
    } catch (PluginException | IllegalArgumentException e) {
      throw badValue(name, "neuron", neuronSpec, e.getMessage());
    }
    PluginRegistry<NeuronFactory> registry = neurons();
    if (!registry.contains(spec.name())) {
      throw unknown(name, "neuron", spec.name(), "which no loaded plugin provides (known: "
          + String.join(", ", registry.names()) + "; add --plugins DIR)");
    }
    try {
      return registry.get(spec.name()).create(spec);
    } catch (PluginException | IllegalArgumentException e) {
      throw badValue(name, "neuron", neuronSpec, e.getMessage());
    }
  }

  static ModelFormatException badValue(String file, String key, String value, String problem) {
    return new ModelFormatException("the model " + file + " has " + key + "=" + value + " in its header, " + problem);
  }

  static ModelFormatException unknown(String file, String key, String name, String why) {
    return new ModelFormatException("the model " + file + " names " + key + " '" + name + "', " + why);
  }

  private static PluginRegistry<NeuronFactory> neurons() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    PluginRegistry<NeuronFactory> r = PluginRegistry.load(NeuronFactory.class, context);
    return r.names().isEmpty() ? PluginRegistry.load(NeuronFactory.class, ModelFile.class.getClassLoader()) : r;
  }

  private static String require(Map<String, String> header, String key, String file, long offset)
      throws ModelFormatException {
    String v = header.get(key);
    if (v == null) {
      throw new ModelFormatException(file, offset, "header has no '" + key + "'");
    }
    return v;
  }

  private static int[] parseSizes(String file, String text) throws ModelFormatException {
    String[] parts = text.split(",", -1);
    if (parts.length < 2) {
      throw badValue(file, "layers", text, "which needs at least two layer sizes, input first");
    }
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        sizes[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        sizes[i] = -1;
      }
      if (sizes[i] <= 0 || sizes[i] > MAX_LAYER_SIZE) {
        throw badValue(file, "layers", text, "where '" + parts[i] + "' is not a layer size (1 to " + MAX_LAYER_SIZE
            + ")");
      }
    }
    return sizes;
  }

  private static String join(int[] sizes) {
    StringBuilder sb = new StringBuilder();
    for (int s : sizes) {
      sb.append(sb.length() == 0 ? "" : ",").append(s);
    }
    return sb.toString();
  }
}
