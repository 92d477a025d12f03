package org.snn4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.snn4j.api.Plugin;
import org.snn4j.api.PluginKind;
import org.snn4j.plugins.PluginRegistry;
import picocli.CommandLine.Command;

/**
 * {@code snn plugins}: every plugin by kind, with its parameters and their defaults, what it does, and the jar or
 * folder it came from; then every problem met while loading them.
 */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description = {
      "List every plugin by kind: name, parameters with defaults, description and the jar it came from.",
      "Plugins come from the class path and from the folders of --plugins or $SNN_PLUGINS."
    })
final class PluginsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    PrintStream out = System.out;
    Plugins plugins = Plugins.current();
    out.println("plugin folders: " + (plugins.folders().isEmpty() ? "none (use --plugins DIR or $" + Plugins.ENV + ")"
        : String.join(", ", plugins.folders().stream().map(Object::toString).toList())));
    for (PluginKind<?> kind : plugins.kinds()) {
      list(out, kind, plugins.registry(kind));
    }
    List<String> problems = plugins.problems();
    if (!problems.isEmpty()) {
      out.println("problems (" + problems.size() + "):");
      problems.forEach(p -> out.println("  ! " + p));
    }
    return 0;
  }

  /** The jar's file name when it tells the plugins apart, else the class name. */
  private static String choice(Plugin p, List<? extends Plugin> providers) {
    String jar = fileName(p);
    long same = providers.stream().filter(q -> fileName(q).equals(jar)).count();
    return same == 1 ? jar : p.getClass().getName();
  }

  private static String fileName(Plugin p) {
    String origin = PluginRegistry.origin(p).replaceAll("/+$", "");
    return origin.substring(origin.lastIndexOf('/') + 1);
  }

  private static void list(PrintStream out, PluginKind<?> kind, PluginRegistry<? extends Plugin> registry) {
    out.println(kind.plural() + " (" + registry.all().size() + "):");
    List<String[]> rows = new ArrayList<>();
    for (String name : registry.names()) {
      List<? extends Plugin> providers = registry.providers(name);
      for (Plugin p : providers) {
        StringBuilder params = new StringBuilder();
        p.parameterDefaults().forEach((k, v) -> params.append(params.length() == 0 ? "" : ",").append(k).append('=')
            .append(v));
        // a name two jars share is shown with the @origin that picks each; a built-in keeps its plain name, and a
        // jar's plugin that reuses it is flagged (the problems list says more)
        boolean plain = registry.unique(name).filter(u -> u == p).isPresent();
        String shown = plain ? name : name + "@" + choice(p, providers);
        boolean reuses = !registry.isBuiltIn(p) && providers.stream().anyMatch(registry::isBuiltIn);
        String description = (reuses ? "(!) reuses a built-in name; " : "") + p.description();
        rows.add(new String[] {shown, params.length() == 0 ? "-" : params.toString(), description,
            PluginRegistry.origin(p)});
      }
    }
    int nameWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    int paramWidth = Math.min(24, rows.stream().mapToInt(r -> r[1].length()).max().orElse(0));
    for (String[] r : rows) {
      out.println("  " + pad(r[0], nameWidth) + "  " + pad(r[1], paramWidth) + "  " + r[2] + "  [" + r[3] + "]");
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
