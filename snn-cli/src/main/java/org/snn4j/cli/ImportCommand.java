package org.snn4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.NetSpec;
import org.snn4j.nir.Nir;
import org.snn4j.nir.NirImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code snn import}: a NIR graph as an snn4j model file, with what did not map exactly. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Read a NIR graph (HDF5) into a model file and print what does not map exactly (docs/NIR.md).")
final class ImportCommand implements Callable<Integer> {
  @Mixin NirOptions nir;

  @Option(names = "--nir", required = true, description = "NIR file to read.")
  Path file;

  @Option(names = "--out", required = true, description = "Model file to write, e.g. model.snn.")
  Path out;

  @Override
  public Integer call() throws Exception {
    double dt = nir.dt();
    NirImport.Result r = Nir.importFile(file, dt, Kernels.get());
    Map<String, String> header = new LinkedHashMap<>();
    header.put("imported_from", "nir");
    header.put("nir_dt", Double.toString(dt));
    ModelFile.write(out, r.network(), header, nir.force);
    System.out.println("wrote " + out + " from " + file + " (NIR, dt " + dt + "): " + NetSpec.of(r.network()));
    for (String line : r.report().lines()) {
      System.out.println("  " + line);
    }
    return 0;
  }
}
