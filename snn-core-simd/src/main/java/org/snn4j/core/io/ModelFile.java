package org.snn4j.core.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginSpec;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.net.DenseSpikingLayer;
import org.snn4j.core.net.SpikingMlp;
import org.snn4j.plugins.PluginRegistry;

/**
 * Reads and writes snn4j model files (format version 1, specified in {@code docs/MODEL-FORMAT.md}):
 *
 * <pre>
 *   "SNN4JMDL"                       8 bytes, magic
 *   version                          int32 big-endian, 1
 *   header length H                  int32 big-endian
 *   header                           H bytes UTF-8, "key=value\n" lines
 *   per layer: W [in][out], b [out], then the neuron's learnable parameters (often none), float32 big-endian
 *   CRC-32 of all bytes above        int32 big-endian
 * </pre>
 *
 * <p>The file holds no timestamp, so the same model always gives the same bytes. Writes go to a temporary file in
 * the target folder that is then moved into place, so a crash never leaves a half-written model under the name.
 */
public final class ModelFile {
  /** The format version this class writes. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = "SNN4JMDL".getBytes(StandardCharsets.US_ASCII);

  private ModelFile() {}

  /** A loaded model: the network and the header's metadata. */
  public record Loaded(SpikingMlp network, Map<String, String> header) {
    /** A header value, or {@code fallback} when absent. */
    public String get(String key, String fallback) {
      return header.getOrDefault(key, fallback);
    }
  }

  /**
   * Writes {@code network} with extra header entries (e.g. {@code timesteps}, {@code surrogate}, {@code encoder}).
   *
   * @param overwrite whether an existing file may be replaced
   * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
   */
  public static void write(Path file, SpikingMlp network, Map<String, String> extra, boolean overwrite)
      throws IOException {
    if (!overwrite && Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "exists; pass --force to overwrite it");
    }
    byte[] bytes = encode(network, extra);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The file's bytes for {@code network}. */
  public static byte[] encode(SpikingMlp network, Map<String, String> extra) throws IOException {
    Map<String, String> header = new LinkedHashMap<>();
    header.put("format", "snn4j-model");
    header.put("layers", join(network.sizes()));
    header.put("neuron", network.neuron().spec());
    header.put("weight_layout", "in-major");
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (header.containsKey(e.getKey())) {
        throw new IllegalArgumentException("header key '" + e.getKey() + "' is reserved");
      }
      checkHeaderText(e.getKey(), e.getValue());
      header.put(e.getKey(), e.getValue());
    }
    StringBuilder text = new StringBuilder();
    header.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    byte[] headerBytes = text.toString().getBytes(StandardCharsets.UTF_8);

    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buf);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(headerBytes.length);
    out.write(headerBytes);
    for (DenseSpikingLayer layer : network.layers()) {
      writeFloats(out, layer.weight());
      writeFloats(out, layer.bias());
      writeFloats(out, layer.neuronParameters());
    }
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(buf.toByteArray());
    out.writeInt((int) crc.getValue());
    out.flush();
    return buf.toByteArray();
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
   * Reads a model file.
   *
   * @throws ModelFormatException if the file is not a valid version-1 model; the message names file and offset
   */
  public static Loaded read(Path file, Kernels kernels) throws IOException {
    checkSize(file);
    byte[] bytes = Files.readAllBytes(file);
    String name = file.toString();
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    if (bytes.length < MAGIC.length + 12) {
      throw new ModelFormatException(name, 0, "too short (" + bytes.length + " bytes) to be an snn4j model");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new ModelFormatException(name, 0, "not an snn4j model (expected magic SNN4JMDL)");
      }
    }
    in.position(MAGIC.length);
    int version = in.getInt();
    if (version != VERSION) {
      throw new ModelFormatException(
          name, MAGIC.length, "format version " + version + " is not supported (this snn4j reads " + VERSION + ")");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
    if (stored != (int) crc.getValue()) {
      throw new ModelFormatException(name, bytes.length - 4, "checksum mismatch: the file is damaged or truncated");
    }
    int headerLength = in.getInt();
    if (headerLength < 0 || headerLength > bytes.length - in.position() - 4) {
      throw new ModelFormatException(name, MAGIC.length + 4, "header length " + headerLength + " exceeds the file");
    }
    String text = new String(bytes, in.position(), headerLength, StandardCharsets.UTF_8);
    int headerStart = in.position();
    in.position(headerStart + headerLength);
    Map<String, String> header = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ModelFormatException(name, headerStart, "header line '" + line + "' is not key=value");
      }
      header.put(line.substring(0, eq), line.substring(eq + 1));
    }
    int[] sizes;
    NeuronModel neuron;
    String layout = header.getOrDefault("weight_layout", "");
    if (!layout.equals("in-major")) {
      throw new ModelFormatException(name, headerStart, "weight_layout '" + layout + "' is not supported");
    }
    String neuronSpec = require(header, "neuron", name, headerStart);
    try {
      sizes = parseSizes(require(header, "layers", name, headerStart));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(name, headerStart, "bad header: " + e.getMessage());
    }
    try {
      PluginSpec spec = PluginSpec.parse(neuronSpec);
      PluginRegistry<NeuronFactory> registry = neurons();
      if (!registry.contains(spec.name())) {
        throw new ModelFormatException(name, headerStart, "the model's neuron '" + spec.name()
            + "' is not installed (known: " + String.join(", ", registry.names())
            + "); if a plugin provides it, load it with --plugins DIR");
      }
      neuron = registry.get(spec.name()).create(spec);
    } catch (PluginException | IllegalArgumentException e) {
      throw new ModelFormatException(name, headerStart, "neuron '" + neuronSpec + "': " + e.getMessage());
    }
    long floats = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      floats += (long) sizes[l] * sizes[l + 1] + sizes[l + 1] + neuron.parameterCount();
    }
    long remaining = bytes.length - 4L - in.position();
    if (remaining != floats * 4) {
      throw new ModelFormatException(
          name, in.position(), "expected " + floats * 4 + " bytes of parameters for layers " + join(sizes) + ", found "
              + remaining);
    }
    SpikingMlp net = new SpikingMlp(sizes, neuron, kernels);
    for (DenseSpikingLayer layer : net.layers()) {
      for (float[] values : new float[][] {layer.weight(), layer.bias(), layer.neuronParameters()}) {
        in.asFloatBuffer().get(values);
        in.position(in.position() + values.length * 4);
      }
    }
    return new Loaded(net, header);
  }

  /**
   * Refuses, before reading it, a file no byte array can hold or the heap cannot take: reading keeps its bytes while
   * the network is built from them, weights and their gradients, about three times its size in all.
   */
  private static void checkSize(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return; // reading it reports what it is
    }
    long size = Files.size(file);
    if (size > Footprint.MAX_ARRAY) {
      throw new ModelFormatException(file.toString(), -1, "the file has " + Footprint.describe(size)
          + ", more than any snn4j model can (2 GiB): is it a model file?");
    }
    Runtime rt = Runtime.getRuntime();
    long need = 3 * size;
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (need > free) {
      throw new ModelFormatException(file.toString(), -1, "loading its " + Footprint.describe(size) + " needs about "
          + Footprint.describe(need) + ", the JVM has " + Footprint.describe(free) + " free: set SNN_JAVA_OPTS=-Xmx"
          + (long) Math.ceil(1.25 * (need + rt.maxMemory() - free) / (1L << 30)) + "g");
    }
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

  private static int[] parseSizes(String text) {
    String[] parts = text.split(",");
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      sizes[i] = Integer.parseInt(parts[i].trim());
      if (sizes[i] <= 0 || sizes[i] > 1 << 24) {
        throw new IllegalArgumentException("layer size " + sizes[i] + " out of range");
      }
    }
    if (sizes.length < 2) {
      throw new IllegalArgumentException("need at least two layer sizes, got '" + text + "'");
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
