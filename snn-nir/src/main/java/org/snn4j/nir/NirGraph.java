package org.snn4j.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph as a file holds it: the NIR version it records, its nodes by name and its edges. The HDF5 layout
 * ({@link NirHdf5}) is the reference writer's: a root {@code version} string, a group {@code node} of type {@code
 * NIRGraph} with a group {@code nodes} (one group per node) and an {@code edges} dataset of {@code [n][2]} names.
 *
 * @param version the NIR version the file records, e.g. {@code 1.0.7}
 * @param nodes the nodes by name, in file order
 * @param edges the edges, {@code from → to}
 */
public record NirGraph(String version, Map<String, NirNode> nodes, List<Edge> edges) {
  /** An edge between two nodes, by name. */
  public record Edge(String from, String to) {}

  /** Keeps unmodifiable copies. */
  public NirGraph {
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    edges = List.copyOf(edges);
  }
}
