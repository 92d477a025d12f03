package org.snn4j.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.Plugin;
import org.snn4j.api.PluginRegistry;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.api.SurrogateFactory;
import picocli.CommandLine.Command;

/** {@code snn plugins}: every plugin by kind, with its parameters and the jar it came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the plugins found on the class path.")
final class PluginsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    PrintStream out = System.out;
    list(out, "surrogates", PluginRegistry.load(SurrogateFactory.class));
    list(out, "encoders", PluginRegistry.load(SpikeEncoderFactory.class));
    list(out, "datasets", PluginRegistry.load(DatasetReader.class));
    return 0;
  }

  private static void list(PrintStream out, String title, PluginRegistry<? extends Plugin> registry) {
    out.println(title + ":");
    for (Plugin p : registry.all()) {
      StringBuilder params = new StringBuilder();
      p.parameterDefaults().forEach((k, v) -> params.append(params.length() == 0 ? "" : ",").append(k).append('=')
          .append(v));
      out.printf("  %-16s %-14s %s  [%s]%n", p.name(), params.length() == 0 ? "-" : params, p.description(),
          PluginRegistry.origin(p));
    }
    for (String error : registry.loadErrors()) {
      out.println("  ! " + error);
    }
  }
}
