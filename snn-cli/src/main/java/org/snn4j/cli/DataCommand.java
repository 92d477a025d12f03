package org.snn4j.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code snn data}: get datasets ({@code fetch}), see what is installed ({@code list}), make event data. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Download, list and convert datasets.",
    subcommands = {DataFetchCommand.class, DataListCommand.class, DataConvertCommand.class})
final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code ~/.snn/data/<name>}, where fetched data goes unless the user names a folder. */
  static Path defaultFolder(String dataset) {
    String home = System.getProperty("user.home");
    if (home == null || home.isEmpty()) {
      throw new UsageException("no home folder (user.home is not set); name a folder with --data-dir");
    }
    return Path.of(home, ".snn", "data", dataset);
  }
}
