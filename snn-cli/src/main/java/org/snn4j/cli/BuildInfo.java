package org.snn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What the build recorded about itself: the project version, from {@code build.properties} (filtered by Maven), and
 * the git commit, from {@code git-commit.txt}, which the build writes only when it runs in a git checkout.
 */
record BuildInfo(String version, String commit) {
  /** The version when the resources were not filtered (e.g. classes compiled by an IDE alone). */
  static final String UNKNOWN_VERSION = "dev";

  /** The build's record, from this class's resources. */
  static BuildInfo current() {
    String version = null;
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
        version = p.getProperty("version");
      }
    } catch (IOException e) {
      version = null;
    }
    if (version == null || version.isBlank() || version.startsWith("${")) {
      version = UNKNOWN_VERSION;
    }
    return new BuildInfo(version.strip(), readCommit());
  }

  /** The commit, or null when the build did not record one. */
  private static String readCommit() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("git-commit.txt")) {
      String c = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return c.matches("[0-9a-f]{7,40}") ? c : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code snn4j 0.1.0 (commit 1a2b3c4d5e6f)}, or without the commit. */
  String describe() {
    return "snn4j " + version + (commit == null ? "" : " (commit " + commit + ")");
  }
}
