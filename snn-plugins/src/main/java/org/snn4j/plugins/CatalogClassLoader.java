package org.snn4j.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A lookup front over a catalog's plugin jars for code that finds plugins with {@link java.util.ServiceLoader} or
 * {@link PluginRegistry#load(Class)} through the context class loader: resources come from the application's
 * class path and then every plugin jar, and a class not on the class path is loaded by the first jar's own loader
 * that has it. It defines no class itself, so each plugin still lives in its own jar's loader.
 */
final class CatalogClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final List<PluginSource> jars;

  CatalogClassLoader(ClassLoader parent, List<PluginSource> jars) {
    super("snn-plugins", parent);
    this.jars = List.copyOf(jars);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    for (PluginSource jar : jars) {
      try {
        return jar.loader().loadClass(name);
      } catch (ClassNotFoundException e) {
        // try the next jar
      }
    }
    throw new ClassNotFoundException(name);
  }

  @Override
  protected URL findResource(String name) {
    for (PluginSource jar : jars) {
      try {
        List<URL> own = jar.serviceFiles(name);
        if (!own.isEmpty()) {
          return own.get(0);
        }
      } catch (IOException e) {
        // a jar that cannot be read has nothing to offer
      }
    }
    return null;
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    List<URL> all = new ArrayList<>();
    for (PluginSource jar : jars) {
      all.addAll(jar.serviceFiles(name));
    }
    return Collections.enumeration(all);
  }
}
