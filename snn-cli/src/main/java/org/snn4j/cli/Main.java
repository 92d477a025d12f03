package org.snn4j.cli;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.snn4j.api.PluginException;
import org.snn4j.datasets.DataNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code snn} command. Exit codes: 0 success, 2 bad input (flags, data files, models, plugins), 1 anything
 * unexpected. Errors are one line on stderr; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "snn",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Train and run spiking neural networks with STBP on the CPU.",
    subcommands = {TrainCommand.class, EvalCommand.class, PluginsCommand.class, DataCommand.class, ExportCommand.class,
      ImportCommand.class, ReportCommand.class,
      CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--plugins",
      paramLabel = "DIR",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Folder of plugin jars, each loaded in its own class loader; repeatable (default: $SNN_PLUGINS).")
  List<Path> pluginFolders;

  /** Entry point. */
  public static void main(String[] args) {
    // Guice (when plugins bring it) must not generate bytecode on JDK 24+ (sun.misc.Unsafe warnings)
    if (System.getProperty("guice_bytecode_gen_option") == null) {
      System.setProperty("guice_bytecode_gen_option", "DISABLED");
    }
    showLibraryNotices();
    System.exit(run(args));
  }

  /** The library's loggers; held so that the handler set on it stays (the logging framework keeps loggers weakly). */
  private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("org.snn4j");

  /**
   * Shows the library's warnings (logged through {@link System.Logger}, e.g. the kernels' scalar fallback) on stderr
   * as one plain line each, instead of the logging framework's two-line records.
   */
  static void showLibraryNotices() {
    LIBRARY_LOG.setUseParentHandlers(false);
    java.util.logging.Handler line = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        if (isLoggable(r)) {
          System.err.println(r.getMessage());
        }
      }

      @Override
      public void flush() {
        System.err.flush();
      }

      @Override
      public void close() {}
    };
    line.setLevel(java.util.logging.Level.WARNING);
    LIBRARY_LOG.addHandler(line);
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("snn: " + ex.getMessage() + " (see 'snn " + subcommandName(ex.getCommandLine()) + "--help')");
          err.flush();
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          PrintWriter err = line.getErr();
          boolean verbose = false;
          for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            verbose |= r.hasMatchedOption("--verbose");
          }
          err.println("snn: " + describe(ex));
          if (verbose) {
            ex.printStackTrace(err);
          }
          err.flush();
          return isUserError(ex) ? 2 : 1;
        });
    cl.setExecutionStrategy(Main::executeWithPlugins);
    return cl.execute(args);
  }

  /** Runs the chosen command with this run's plugins, from --plugins or $SNN_PLUGINS, and unloads them after. */
  private static int executeWithPlugins(CommandLine.ParseResult parsed) {
    List<Path> folders = List.of();
    for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
      folders = r.matchedOptionValue("--plugins", folders);
    }
    try {
      try {
        Plugins.open(folders, System.getenv(Plugins.ENV));
      } catch (UsageException e) {
        throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), e.getMessage(), e);
      }
      return new CommandLine.RunLast().execute(parsed);
    } finally {
      Plugins.closeCurrent();
    }
  }

  private static String subcommandName(CommandLine cl) {
    return cl.getParent() == null ? "" : cl.getCommandName() + " ";
  }

  static boolean isUserError(Throwable ex) {
    return ex instanceof UsageException
        || ex instanceof IllegalArgumentException
        || ex instanceof PluginException
        || ex instanceof DataNotFoundException
        || ex instanceof org.snn4j.api.DatasetFormatException
        || ex instanceof org.snn4j.core.io.ModelFormatException
        || ex instanceof org.snn4j.core.train.TrainingDivergedException
        || ex instanceof FileAlreadyExistsException
        || ex instanceof NoSuchFileException;
  }

  static String describe(Throwable ex) {
    if (ex instanceof FileAlreadyExistsException f) {
      return f.getFile() + " " + (f.getReason() == null ? "already exists" : f.getReason());
    }
    if (ex instanceof NoSuchFileException f) {
      return f.getFile() + ": no such file";
    }
    if (ex instanceof FileSystemException f && f.getFile() != null && f.getReason() != null) {
      return f.getFile() + " " + f.getReason();
    }
    if (isUserError(ex) && ex.getMessage() != null) {
      return ex.getMessage();
    }
    return ex.toString() + " (run with --verbose for the stack trace)";
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the version and commit the build recorded, the JDK and the kernels in use. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        BuildInfo.current().describe(),
        "java " + Runtime.version() + ", kernels " + org.snn4j.core.kernel.Kernels.get().describe()
      };
    }
  }
}
