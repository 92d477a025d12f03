package org.snn4j.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * One place plugins come from: the application's class path, or one plugin jar (or one folder of jars that belong
 * together) with its own class loader. A plugin jar's loader asks the application's loader first, so plugins share
 * snn-api's types with the application, but it reads service files only from its own jars: the class path's
 * plugins are not found a second time through it.
 */
final class PluginSource {
  private final String label;
  private final ClassLoader loader;
  private final JarLoader jarLoader;

  private PluginSource(String label, ClassLoader loader, JarLoader jarLoader) {
    this.label = label;
    this.loader = loader;
    this.jarLoader = jarLoader;
  }

  static PluginSource classPath(ClassLoader loader) {
    return new PluginSource("the class path", loader, null);
  }

  static PluginSource jars(Path location, List<Path> jars, ClassLoader parent) throws IOException {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = jars.get(i).toUri().toURL();
    }
    JarLoader loader = new JarLoader("snn-plugin " + location.getFileName(), urls, parent);
    return new PluginSource(location.toString(), loader, loader);
  }

  /** The jar or folder, or "the class path", for messages. */
  String label() {
    return label;
  }

  /** Whether this is the application's class path, whose plugins are the built-ins. */
  boolean isClassPath() {
    return jarLoader == null;
  }

  ClassLoader loader() {
    return loader;
  }

  /** The service files named {@code resource} that belong to this source. */
  List<URL> serviceFiles(String resource) throws IOException {
    return Collections.list(jarLoader != null ? jarLoader.ownResources(resource) : loader.getResources(resource));
  }

  void close() throws IOException {
    if (jarLoader != null) {
      jarLoader.close();
    }
  }

  /** A plugin jar's loader: parent first for classes, its own jars only when asked for service files. */
  private static final class JarLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    JarLoader(String name, URL[] urls, ClassLoader parent) {
      super(name, urls, parent);
    }

    java.util.Enumeration<URL> ownResources(String name) throws IOException {
      return findResources(name);
    }
  }
}
