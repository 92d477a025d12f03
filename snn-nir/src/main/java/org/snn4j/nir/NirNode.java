package org.snn4j.nir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph: its name (the HDF5 group's), its {@code type} ({@code Affine}, {@code LIF}, ...) and its
 * other datasets by name ({@code weight}, {@code tau}, ...). Subgroups a node may have (its {@code metadata}, or the
 * {@code nodes} of a nested {@code NIRGraph}) are not kept.
 *
 * @param name the node's name in the graph
 * @param type the NIR primitive, e.g. {@code LIF}
 * @param fields the node's datasets other than {@code type}, in file order
 */
public record NirNode(String name, String type, Map<String, NirArray> fields) {
  /** Keeps an unmodifiable copy of the fields, in their order. */
  public NirNode {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The field {@code key}, or null when the node has none. */
  public NirArray get(String key) {
    return fields.get(key);
  }

  /** The node as an error names it: {@code 'lif1' (LIF)}. */
  public String describe() {
    return "'" + name + "' (" + type + ")";
  }
}
