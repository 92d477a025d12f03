package org.snn4j.testkit;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.snn4j.api.Plugin;

/**
 * Builds a plugin jar from Java source in a test: compiles the classes with the JDK's compiler against snn-api
 * (and whatever else {@link #compileAgainst} adds) and writes them, with service files, into a jar. Use it to check
 * how a plugin behaves when loaded from a plugin folder in its own class loader, or to build the broken jars that
 * loading must survive. Needs a JDK, not a JRE.
 */
public final class PluginJar {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, StringBuilder> serviceFiles = new LinkedHashMap<>();
  private final Set<Path> classPath = new LinkedHashSet<>();

  private PluginJar() {
    classPath.add(locationOf(Plugin.class));
  }

  /** An empty jar that compiles against snn-api. */
  public static PluginJar builder() {
    return new PluginJar();
  }

  /** Adds the class {@code className} (fully qualified) with its complete source. */
  public PluginJar source(String className, String javaSource) {
    sources.put(className, javaSource);
    return this;
  }

  /** Lists {@code providers} in {@code META-INF/services/<service>}, after anything listed there before. */
  public PluginJar service(Class<?> service, String... providers) {
    return serviceLines(service.getName(), providers);
  }

  /** Appends raw lines to {@code META-INF/services/<serviceName>}, e.g. a class that does not exist. */
  public PluginJar serviceLines(String serviceName, String... lines) {
    StringBuilder sb = serviceFiles.computeIfAbsent(serviceName, k -> new StringBuilder());
    for (String line : lines) {
      sb.append(line).append('\n');
    }
    return this;
  }

  /** Also compiles against the jars or folders the given classes were loaded from (e.g. Guice for a module). */
  public PluginJar compileAgainst(Class<?>... classes) {
    for (Class<?> c : classes) {
      classPath.add(locationOf(c));
    }
    return this;
  }

  /**
   * Compiles the sources and writes the jar, replacing {@code jar} if it exists.
   *
   * @return {@code jar}
   * @throws IllegalStateException if the sources do not compile (the message has javac's errors) or there is no
   *     compiler
   */
  public Path write(Path jar) throws IOException {
    Path work = Files.createTempDirectory("snn-plugin-jar");
    try {
      Path src = work.resolve("src");
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
        files.add(file);
      }
      if (!files.isEmpty()) {
        compile(files, classes);
      }
      Path parent = jar.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
        try (Stream<Path> walk = Files.walk(classes)) {
          for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
            out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
            out.write(Files.readAllBytes(p));
            out.closeEntry();
          }
        }
        for (Map.Entry<String, StringBuilder> e : serviceFiles.entrySet()) {
          out.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
          out.write(e.getValue().toString().getBytes(StandardCharsets.UTF_8));
          out.closeEntry();
        }
      }
      return jar;
    } finally {
      deleteTree(work);
    }
  }

  private void compile(List<Path> files, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run the tests on a JDK, not a JRE");
    }
    StringBuilder cp = new StringBuilder();
    for (Path p : classPath) {
      cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(p);
    }
    List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8",
        "-d", classes.toString(), "-cp", cp.toString());
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter log = new StringWriter();
    boolean ok;
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      ok = javac.getTask(log, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromPaths(files)).call();
    }
    if (!ok) {
      StringBuilder sb = new StringBuilder("plugin sources do not compile:");
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        sb.append('\n').append(d.getKind()).append(' ')
            .append(d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
            .append(d.getMessage(Locale.ROOT));
      }
      throw new IllegalStateException(sb.append('\n').append(log).toString());
    }
  }

  private static Path locationOf(Class<?> c) {
    CodeSource cs = c.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      throw new IllegalArgumentException(c + " has no class path location to compile against");
    }
    try {
      return Path.of(cs.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
