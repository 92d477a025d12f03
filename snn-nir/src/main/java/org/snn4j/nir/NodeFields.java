package org.snn4j.nir;

import java.util.Arrays;
import java.util.Locale;
import org.snn4j.core.layer.Shape;

/**
 * Typed reads of a NIR node's fields for {@link NirImport}: each fails with a {@link NirFormatException} that names
 * the file, the node and the field, and {@link #floats} counts float64 values rounded to float32 in the report.
 */
final class NodeFields {
  private final String file;
  private final FidelityReport report;

  NodeFields(String file, FidelityReport report) {
    this.file = file;
    this.report = report;
  }

  /** The one value of a per-neuron parameter, which must be the same for all {@code n} neurons. */
  double uniform(NirNode node, String key, int n, Double fallback) throws NirFormatException {
    NirArray a = node.get(key);
    if (a == null) {
      if (fallback != null) {
        return fallback;
      }
      throw error("node " + node.describe() + " has no '" + key + "'");
    }
    if (a.isString()) {
      throw error("node " + node.describe() + " has a string '" + key + "'");
    }
    if (a.size() != 1 && a.size() != n) {
      throw error("node " + node.describe() + " has " + a.size() + " values of '" + key + "' for " + n + " neurons");
    }
    double v = a.numbers()[0];
    for (double x : a.numbers()) {
      if (x != v) {
        throw error("node " + node.describe() + " has different '" + key + "' values (" + v + ", " + x + ", ...);"
            + " snn4j's lif has one per layer");
      }
      if (!Double.isFinite(x)) {
        throw error("node " + node.describe() + " has a non-finite '" + key + "' (" + x + ")");
      }
    }
    return v;
  }

  /** A field that is one number or two equal numbers (snn4j's square windows). */
  int pair(NirNode node, String key, int fallback) throws NirFormatException {
    NirArray a = node.get(key);
    if (a == null) {
      if (fallback >= 0) {
        return fallback;
      }
      throw error("node " + node.describe() + " has no '" + key + "'");
    }
    if (a.isString() || a.size() < 1 || a.size() > 2 || (a.size() == 2 && a.numbers()[0] != a.numbers()[1])) {
      throw error("node " + node.describe() + " has " + key + " " + a + "; snn4j needs one value for both"
          + " dimensions");
    }
    double v = a.numbers()[0];
    if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
      throw error("node " + node.describe() + " has " + key + " " + v + ", not a whole number");
    }
    return (int) v;
  }

  long scalar(NirNode node, String key, long fallback) throws NirFormatException {
    NirArray a = node.get(key);
    if (a == null) {
      return fallback;
    }
    if (a.isString() || a.size() != 1) {
      throw error("node " + node.describe() + " has " + key + " " + a + ", not one number");
    }
    return (long) a.numbers()[0];
  }

  int[] int64s(NirNode node, String key) throws NirFormatException {
    NirArray a = require(node, key);
    if (a.isString()) {
      throw error("node " + node.describe() + " has a string '" + key + "'");
    }
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) {
      double x = a.numbers()[i];
      if (x != Math.rint(x) || x < 1 || x > Integer.MAX_VALUE) {
        throw error("node " + node.describe() + " has " + key + " " + a + "; dimensions are whole numbers above 0");
      }
      v[i] = (int) x;
    }
    return v;
  }

  Shape shapeOf(NirNode node, int[] dims) throws NirFormatException {
    if (dims.length == 1) {
      return Shape.vector(dims[0]);
    }
    if (dims.length == 3) {
      return Shape.image(dims[0], dims[1], dims[2]);
    }
    throw error("node " + node.describe() + " has shape " + Arrays.toString(dims) + "; snn4j takes a vector [n] or"
        + " an image [C,H,W]");
  }

  NirArray require(NirNode node, String key) throws NirFormatException {
    NirArray a = node.get(key);
    if (a == null) {
      throw error("node " + node.describe() + " has no '" + key + "'");
    }
    return a;
  }

  /** A float32 copy of a parameter; float64 values are rounded, and the report counts those that changed. */
  float[] floats(NirNode node, String key, NirArray a) throws NirFormatException {
    if (a.isString()) {
      throw error("node " + node.describe() + " has a string '" + key + "'");
    }
    float[] f = new float[a.size()];
    int changed = 0;
    for (int i = 0; i < f.length; i++) {
      double v = a.numbers()[i];
      if (!Double.isFinite(v)) {
        throw error("node " + node.describe() + " has a non-finite " + key + " (" + v + " at flat index " + i + ")");
      }
      f[i] = (float) v;
      changed += (double) f[i] != v ? 1 : 0;
    }
    if (changed > 0) {
      report.add(FidelityReport.Kind.DIFFERS, String.format(Locale.ROOT, "node %s stores %s as %s: %d of %d values"
          + " rounded to float32", node.describe(), key, a.dtype(), changed, f.length));
    }
    return f;
  }

  NirFormatException error(String problem) {
    return new NirFormatException(file, problem);
  }
}
