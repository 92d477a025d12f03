package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code snn --version}: the version in the pom, the commit when built in a git checkout, the JDK and kernels. */
class VersionTest {
  private static Path root() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
  }

  private static String pomVersion() throws IOException {
    Matcher m = Pattern.compile("<artifactId>snn4j-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(root().resolve("pom.xml")));
    assertTrue(m.find(), "no version in the root pom.xml");
    return m.group(1);
  }

  /** HEAD's commit as git sees it, or null when this is not a checkout or git cannot be run. */
  private static String head() throws InterruptedException {
    if (!Files.exists(root().resolve(".git"))) {
      return null;
    }
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(root().toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Test
  void printsTheBuildsVersionAndCommit() throws Exception {
    CliRun r = CliRun.of("--version");
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = r.out().strip().split("\n");
    Matcher m = Pattern.compile("snn4j (\\S+)(?: \\(commit ([0-9a-f]+)\\))?").matcher(lines[0].strip());
    assertTrue(m.matches(), lines[0]);
    assertNotEquals(BuildInfo.UNKNOWN_VERSION, m.group(1));
    assertEquals(pomVersion(), m.group(1));
    String head = head();
    if (head != null) {
      assertTrue(m.group(2) != null && head.startsWith(m.group(2)), "commit " + m.group(2) + ", HEAD is " + head);
    }
    assertTrue(lines[1].startsWith("java " + Runtime.version() + ", kernels "), lines[1]);
  }
}
