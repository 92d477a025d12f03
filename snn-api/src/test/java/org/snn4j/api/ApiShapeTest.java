package org.snn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code snn-api} holds interfaces and small value types only. Finding and loading plugins lives in {@code
 * snn-plugins}: no class compiled here may load classes or services, open jars or read files (a {@code Path} in a
 * signature is fine).
 */
class ApiShapeTest {
  private static final List<String> IMPLEMENTATION_ONLY = List.of(
      "java/util/ServiceLoader", "java/lang/ClassLoader", "java/net/URLClassLoader", "java/util/jar/",
      "java/nio/file/Files", "java/io/File");

  @Test
  void noApiClassLoadsPluginsOrTouchesFiles() throws IOException, URISyntaxException {
    Path classes = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isDirectory(classes.resolve("org/snn4j/api")), classes.toString());
    List<String> offenders = new ArrayList<>();
    int seen = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        seen++;
        // class names in the constant pool are plain ASCII, so the bytes can be searched as Latin-1 text
        String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String ref : IMPLEMENTATION_ONLY) {
          if (pool.contains(ref)) {
            offenders.add(classes.relativize(f) + " uses " + ref);
          }
        }
      }
    }
    assertTrue(seen > 20, "found only " + seen + " classes under " + classes);
    assertEquals(List.of(), offenders);
  }
}
