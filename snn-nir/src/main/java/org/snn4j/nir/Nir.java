package org.snn4j.nir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.SequentialNet;

/**
 * NIR export and import of snn4j's networks, the API under {@code snn export --format nir} and {@code snn import}:
 *
 * <pre>
 *   FidelityReport r = Nir.export(net, Path.of("net.nir"), Nir.DEFAULT_DT, Map.of());
 *   NirImport.Result imported = Nir.importFile(Path.of("net.nir"), Nir.DEFAULT_DT, Kernels.get());
 *   SequentialNet net = imported.network();
 * </pre>
 *
 * Both give a {@link FidelityReport} of what did not map exactly. docs/NIR.md has the mapping.
 */
public final class Nir {
  /** The default time step, 1e-4: snnTorch's and SpikingJelly's, which their importers assume. */
  public static final double DEFAULT_DT = NirExport.DEFAULT_DT;

  private Nir() {}

  /**
   * Writes {@code net} to {@code file} as a NIR graph (replacing the file), with time step {@code dt}.
   *
   * @param net the network to export
   * @param file the NIR file to write
   * @param dt the time step in seconds: {@code tau = dt/(1 - decay)}
   * @param header the model file's header, for the report (surrogate, encoder, timesteps), or an empty map
   * @return what did not map exactly
   * @throws NirExportException naming a layer NIR cannot express
   * @throws IOException naming {@code file} if it cannot be written
   */
  public static FidelityReport export(SequentialNet net, Path file, double dt, Map<String, String> header)
      throws IOException {
    NirExport.Result r = NirExport.export(net, dt, header);
    NirHdf5.write(file, r.graph());
    return r.report();
  }

  /**
   * Reads the NIR graph in {@code file} as a network, with time step {@code dt}.
   *
   * @param file the NIR file to read
   * @param dt the time step in seconds: {@code decay = 1 - dt/tau}
   * @param kernels the kernels the network runs on ({@link Kernels#get()})
   * @return the network and the fidelity report
   * @throws NirFormatException naming the file and the node snn4j cannot import, or what is malformed
   */
  public static NirImport.Result importFile(Path file, double dt, Kernels kernels) throws IOException {
    return NirImport.of(NirHdf5.read(file), file.toString(), dt, kernels);
  }
}
