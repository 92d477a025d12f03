package org.snn4j.cli;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.nir.FidelityReport;
import org.snn4j.nir.Nir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code snn export --format nir}: a model file as a NIR graph, with what did not map exactly. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a model as a NIR graph (HDF5) and print what does not map exactly (docs/NIR.md).")
final class ExportCommand implements Callable<Integer> {
  @Mixin NirOptions nir;

  @Option(names = "--model", required = true, description = "Model file written by 'snn train' or 'snn import'.")
  Path model;

  @Option(names = "--format", required = true, description = "Output format; only 'nir'.")
  String format;

  @Option(names = "--out", required = true, description = "NIR file to write, e.g. model.nir.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!format.toLowerCase(Locale.ROOT).equals("nir")) {
      throw new UsageException("--format '" + format + "' is not known; snn export writes 'nir'");
    }
    double dt = nir.dt();
    if (Files.isDirectory(out)) {
      throw new UsageException("--out: " + out + " is a folder; name a file");
    }
    if (!nir.force && Files.exists(out)) {
      throw new FileAlreadyExistsException(out.toString(), null, "exists; pass --force to overwrite it");
    }
    ModelFile.Loaded loaded = ModelFile.read(model, Kernels.get());
    FidelityReport report = Nir.export(loaded.network(), out, dt, loaded.header());
    System.out.println("wrote " + out + " (NIR, dt " + dt + ") from " + model);
    for (String line : report.lines()) {
      System.out.println("  " + line);
    }
    return 0;
  }
}
