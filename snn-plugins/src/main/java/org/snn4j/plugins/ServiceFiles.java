package org.snn4j.plugins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code META-INF/services/<type>} files in {@link java.util.ServiceLoader}'s format and creates their
 * providers, one service file at a time, the way Lucene's {@code SPIClassIterator} does. Doing it by hand rather
 * than through {@code ServiceLoader} means every failure is known with the file it came from, the class it names
 * and what went wrong, and reads the same on every JDK; and one bad line does not stop the lines after it.
 */
final class ServiceFiles {
  private static final String PREFIX = "META-INF/services/";

  private ServiceFiles() {}

  /**
   * Creates every provider of {@code type} that {@code source}'s service files list, skipping classes in {@code
   * seen} (a class listed twice, or found through two sources, is created once) and adding each failure to {@code
   * problems} as "{@code <what> plugin <class> from <jar>: <what went wrong>}".
   */
  static <S> List<S> load(Class<S> type, String what, PluginSource source, Set<Class<?>> seen,
      List<String> problems) {
    List<S> found = new ArrayList<>();
    List<URL> files;
    try {
      files = source.serviceFiles(PREFIX + type.getName());
    } catch (IOException e) {
      problems.add(what + " plugins in " + source.label() + " cannot be listed: " + e);
      return found;
    }
    for (URL file : files) {
      String where = location(file);
      for (String className : classNames(file, where, what, problems)) {
        S provider = create(type, className, source.loader(), what, where, seen, problems);
        if (provider != null) {
          found.add(provider);
        }
      }
    }
    return found;
  }

  private static Set<String> classNames(URL file, String where, String what, List<String> problems) {
    Set<String> names = new LinkedHashSet<>();
    try {
      URLConnection c = file.openConnection();
      c.setUseCaches(false); // a cached JarFile would stay open after the plugin's class loader is closed
      try (InputStream in = c.getInputStream();
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        int number = 0;
        while ((line = r.readLine()) != null) {
          number++;
          int hash = line.indexOf('#');
          String name = (hash < 0 ? line : line.substring(0, hash)).strip();
          if (name.isEmpty()) {
            continue;
          }
          if (!isBinaryName(name)) {
            problems.add(what + " plugin list " + serviceFileName(file) + " in " + where + ", line " + number
                + ": '" + name + "' is not a class name; fix the service file");
          } else {
            names.add(name);
          }
        }
      }
    } catch (IOException e) {
      problems.add(what + " plugin list " + serviceFileName(file) + " in " + where + " cannot be read: " + e);
    }
    return names;
  }

  private static <S> S create(Class<S> type, String className, ClassLoader loader, String what, String where,
      Set<Class<?>> seen, List<String> problems) {
    String prefix = what + " plugin " + className + " from " + where + ": ";
    Class<?> c;
    try {
      c = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      problems.add(prefix + "class not found; the jar's " + PREFIX + type.getName()
          + " names a class that is not in it, nor on the class path; rebuild the jar or fix that file");
      return null;
    } catch (LinkageError e) {
      problems.add(prefix + "cannot be loaded (" + describe(e) + "); a class it needs is missing or incompatible");
      return null;
    }
    if (!seen.add(c)) {
      return null;
    }
    if (!type.isAssignableFrom(c)) {
      problems.add(prefix + "does not implement " + type.getName() + "; fix the service file or the class");
      return null;
    }
    if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
      problems.add(prefix + "must be a public, non-abstract class");
      return null;
    }
    Constructor<?> constructor;
    try {
      constructor = c.getConstructor();
    } catch (NoSuchMethodException e) {
      problems.add(prefix + "has no public no-argument constructor, which plugins need");
      return null;
    } catch (LinkageError e) {
      problems.add(prefix + "cannot be loaded (" + describe(e) + "); a class it needs is missing or incompatible");
      return null;
    }
    try {
      return type.cast(constructor.newInstance());
    } catch (InvocationTargetException e) {
      problems.add(prefix + "its constructor threw " + describe(e.getCause()));
    } catch (ExceptionInInitializerError e) {
      problems.add(prefix + "its static initialiser threw " + describe(e.getCause()));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      problems.add(prefix + "cannot be created: " + describe(e));
    }
    return null;
  }

  /** {@code SimpleName: message}, the short form of an exception for one-line messages. */
  static String describe(Throwable t) {
    if (t == null) {
      return "an unknown error";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.strip().replace('\n', ' '));
  }

  private static boolean isBinaryName(String name) {
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))) {
        return false;
      }
      for (int i = Character.charCount(part.codePointAt(0)); i < part.length(); i += Character.charCount(
          part.codePointAt(i))) {
        if (!Character.isJavaIdentifierPart(part.codePointAt(i))) {
          return false;
        }
      }
    }
    return true;
  }

  private static String serviceFileName(URL file) {
    String path = file.getPath();
    int i = path.lastIndexOf(PREFIX);
    return i < 0 ? path : path.substring(i);
  }

  /** The jar or class folder a service file is in, as a file path. */
  static String location(URL file) {
    String s = file.toString();
    if (s.startsWith("jar:")) {
      int bang = s.indexOf("!/");
      s = bang < 0 ? s.substring(4) : s.substring(4, bang);
    } else {
      int i = s.lastIndexOf(PREFIX);
      if (i >= 0) {
        s = s.substring(0, i);
      }
    }
    try {
      URI uri = new URI(s);
      return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : s;
    } catch (URISyntaxException | RuntimeException e) {
      return s;
    }
  }
}
