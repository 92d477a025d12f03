package org.snn4j.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.core.io.ModelTarget;

/**
 * Reads and writes NIR graphs as HDF5 files through jHDF, a pure-Java HDF5 library, in the layout of NIR's reference
 * implementation ({@code nir.write}/{@code nir.read}):
 *
 * <pre>
 *   /version                  string, e.g. "1.0.7"
 *   /node/type                string "NIRGraph"
 *   /node/edges               string [n][2], from and to
 *   /node/nodes/NAME/type     string, e.g. "LIF"
 *   /node/nodes/NAME/FIELD    the node's arrays (float32/float64 parameters, int64 shapes, strides, dims)
 * </pre>
 *
 * The reference writer stores strings variable-length; jHDF writes them fixed-length UTF-8, which h5py reads as bytes
 * and the reference reader decodes the same way. Writes go to a temporary file beside the target that is then moved
 * into place, so a crash never leaves a half-written file under the name.
 */
public final class NirHdf5 {
  /** The NIR version whose layout snn4j writes (the reference implementation's release it was checked against). */
  public static final String VERSION = "1.0.7";

  private NirHdf5() {}

  /**
   * Reads the graph of a NIR file.
   *
   * @throws NoSuchFileException if there is no such file
   * @throws NirFormatException naming the file and the group or dataset that is missing or malformed
   */
  public static NirGraph read(Path file) throws IOException {
    String name = file.toString();
    if (!Files.exists(file)) {
      throw new NoSuchFileException(name);
    }
    if (!Files.isRegularFile(file)) {
      throw new NirFormatException(name, "is not a regular file, so it cannot be a NIR file");
    }
    try (HdfFile hdf = new HdfFile(file)) {
      String version = "";
      Node v = hdf.getChildren().get("version");
      if (v instanceof Dataset d) {
        NirArray a = array(d);
        if (a.isString() && a.isScalar()) {
          version = a.strings()[0];
        }
      }
      Node root = hdf.getChildren().get("node");
      if (!(root instanceof Group graph)) {
        throw new NirFormatException(name, "has no group 'node' (a NIR file holds its graph there)");
      }
      String type = stringField(name, graph, "type", "node");
      if (!type.equals("NIRGraph")) {
        throw new NirFormatException(name, "/node has type '" + type + "'; a NIR file's top node is a NIRGraph");
      }
      Node nodesNode = graph.getChildren().get("nodes");
      if (!(nodesNode instanceof Group nodesGroup)) {
        throw new NirFormatException(name, "/node has no group 'nodes'");
      }
      Map<String, NirNode> nodes = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : nodesGroup.getChildren().entrySet()) {
        if (!(e.getValue() instanceof Group g)) {
          throw new NirFormatException(name, "/node/nodes/" + e.getKey() + " is a dataset; each node is a group");
        }
        String path = "/node/nodes/" + e.getKey();
        String nodeType = stringField(name, g, "type", path);
        Map<String, NirArray> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Node> f : g.getChildren().entrySet()) {
          if (f.getValue() instanceof Dataset d && !f.getKey().equals("type")) {
            fields.put(f.getKey(), array(name, path + "/" + f.getKey(), d));
          }
        }
        nodes.put(e.getKey(), new NirNode(e.getKey(), nodeType, fields));
      }
      List<NirGraph.Edge> edges = new ArrayList<>();
      Node edgesNode = graph.getChildren().get("edges");
      if (!(edgesNode instanceof Dataset ed)) {
        throw new NirFormatException(name, "/node has no dataset 'edges'");
      }
      NirArray e = array(name, "/node/edges", ed);
      if (!e.isString() || (e.size() > 0 && (e.shape().length != 2 || e.shape()[1] != 2))) {
        throw new NirFormatException(name, "/node/edges is " + e.dtype() + java.util.Arrays.toString(e.shape())
            + "; NIR's edges are strings [n][2]");
      }
      for (int i = 0; i + 1 < e.size(); i += 2) {
        edges.add(new NirGraph.Edge(e.strings()[i], e.strings()[i + 1]));
      }
      return new NirGraph(version, nodes, edges);
    } catch (HdfException | UncheckedIOException ex) {
      throw new NirFormatException(name, "is not a readable HDF5 file (" + ex.getMessage() + ")", ex);
    }
  }

  /**
   * Writes {@code graph} to {@code file} (replacing it), through a temporary file in the same folder.
   *
   * @throws FileSystemException naming {@code file} if it cannot be written
   */
  public static void write(Path file, NirGraph graph) throws IOException {
    ModelTarget.createFolder(file);
    ModelTarget.removeStale(file);
    Path tmp = ModelTarget.temporary(file, ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        hdf.putDataset("version", graph.version());
        WritableGroup node = hdf.putGroup("node");
        node.putDataset("type", "NIRGraph");
        String[][] edges = new String[graph.edges().size()][];
        for (int i = 0; i < edges.length; i++) {
          edges[i] = new String[] {graph.edges().get(i).from(), graph.edges().get(i).to()};
        }
        node.putDataset("edges", edges);
        WritableGroup nodes = node.putGroup("nodes");
        for (NirNode n : graph.nodes().values()) {
          WritableGroup g = nodes.putGroup(n.name());
          g.putDataset("type", n.type());
          for (Map.Entry<String, NirArray> f : n.fields().entrySet()) {
            g.putDataset(f.getKey(), javaValue(f.getValue()));
          }
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (HdfException e) {
      Files.deleteIfExists(tmp);
      throw new FileSystemException(file.toString(), null, "cannot be written (" + e.getMessage() + ")");
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new FileSystemException(file.toString(), null, "cannot be written (" + e.getMessage() + ")");
    }
  }

  private static String stringField(String file, Group g, String key, String path) throws NirFormatException {
    Node n = g.getChildren().get(key);
    if (!(n instanceof Dataset d)) {
      throw new NirFormatException(file, path + " has no dataset '" + key + "'");
    }
    NirArray a = array(file, path + "/" + key, d);
    if (!a.isString() || a.size() != 1) {
      throw new NirFormatException(file, path + "/" + key + " is " + a.dtype() + java.util.Arrays.toString(a.shape())
          + ", not a string");
    }
    return a.strings()[0];
  }

  private static NirArray array(String file, String path, Dataset d) throws NirFormatException {
    try {
      return array(d);
    } catch (HdfException | IllegalArgumentException e) {
      throw new NirFormatException(file, path + " cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** A dataset's values, flat, with its dtype and shape. */
  private static NirArray array(Dataset d) {
    int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
    Class<?> type = d.getJavaType();
    Object data = d.getData();
    String dtype = dtype(type, d.getDataType().getSize());
    if (type == String.class) {
      List<String> out = new ArrayList<>();
      flatten(data, out);
      return new NirArray(NirArray.STRING, shape, null, out.toArray(new String[0]));
    }
    List<Object> out = new ArrayList<>();
    flatten(data, out);
    double[] v = new double[out.size()];
    for (int i = 0; i < v.length; i++) {
      Object o = out.get(i);
      v[i] = o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
    }
    return new NirArray(dtype, shape, v, null);
  }

  private static String dtype(Class<?> type, int bytes) {
    if (type == float.class || type == Float.class) {
      return NirArray.FLOAT32;
    }
    if (type == double.class || type == Double.class) {
      return NirArray.FLOAT64;
    }
    if (type == String.class) {
      return NirArray.STRING;
    }
    if (type == boolean.class || type == Boolean.class) {
      return "bool";
    }
    return "int" + 8 * bytes;
  }

  @SuppressWarnings("unchecked")
  private static <T> void flatten(Object data, List<T> out) {
    if (data != null && data.getClass().isArray()) {
      int n = Array.getLength(data);
      for (int i = 0; i < n; i++) {
        flatten(Array.get(data, i), out);
      }
    } else {
      out.add((T) data);
    }
  }

  /** The Java object jHDF writes for {@code a}: a boxed scalar, a String, or a nested primitive or String array. */
  static Object javaValue(NirArray a) {
    Class<?> component = switch (a.dtype()) {
      case NirArray.STRING -> String.class;
      case NirArray.FLOAT32 -> float.class;
      case NirArray.FLOAT64 -> double.class;
      case NirArray.INT64 -> long.class;
      default -> throw new IllegalArgumentException("snn4j does not write " + a.dtype() + " datasets");
    };
    if (a.isScalar()) {
      return switch (a.dtype()) {
        case NirArray.STRING -> a.strings()[0];
        case NirArray.FLOAT32 -> (float) a.numbers()[0];
        case NirArray.FLOAT64 -> a.numbers()[0];
        default -> (long) a.numbers()[0];
      };
    }
    Object nested = Array.newInstance(component, a.shape());
    fill(nested, a, 0, new int[] {0});
    return nested;
  }

  private static void fill(Object array, NirArray a, int depth, int[] next) {
    int n = Array.getLength(array);
    if (depth == a.shape().length - 1) {
      for (int i = 0; i < n; i++) {
        int k = next[0]++;
        switch (a.dtype()) {
          case NirArray.STRING -> Array.set(array, i, a.strings()[k]);
          case NirArray.FLOAT32 -> Array.setFloat(array, i, (float) a.numbers()[k]);
          case NirArray.FLOAT64 -> Array.setDouble(array, i, a.numbers()[k]);
          default -> Array.setLong(array, i, (long) a.numbers()[k]);
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      fill(Array.get(array, i), a, depth + 1, next);
    }
  }
}
