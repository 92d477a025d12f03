package org.snn4j.cli;

import picocli.CommandLine.Option;

/** The {@code --dt} of {@code snn export --format nir} and {@code snn import}. */
final class NirOptions {
  @Option(names = "--dt", defaultValue = "1e-4", description = "Time step in seconds that relates snn4j's decay to NIR's"
      + " tau: decay = 1 - dt/tau (default: ${DEFAULT-VALUE}, snnTorch's and SpikingJelly's).")
  double dt;

  @Option(names = "--force", description = "Overwrite the output file if it exists.")
  boolean force;

  @Option(names = "--verbose", description = "Print stack traces with errors.")
  boolean verbose;

  double dt() {
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new UsageException("--dt must be a number of seconds above 0, got " + dt);
    }
    return dt;
  }
}
