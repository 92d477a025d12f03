package org.snn4j.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An expected checksum: SHA-256 where one is known, else the MD5 the dataset's authors publish (MD5 catches a damaged
 * download as well as SHA-256 does, though not a forged one).
 *
 * @param algorithm {@code sha256} or {@code md5}
 * @param hex the lower-case hex digest
 */
public record Digest(String algorithm, String hex) {
  /** Validates and lower-cases. */
  public Digest {
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    hex = hex.toLowerCase(Locale.ROOT);
    int length = switch (algorithm) {
      case "sha256" -> 64;
      case "md5" -> 32;
      default -> throw new IllegalArgumentException("unknown digest algorithm '" + algorithm + "'; use sha256 or md5");
    };
    if (hex.length() != length || !hex.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException(algorithm + " digest must be " + length + " hex digits, got '" + hex + "'");
    }
  }

  /** Parses {@code sha256:HEX} or {@code md5:HEX}. */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("digest '" + text + "' is not ALGORITHM:HEX");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The hex digest of {@code file} with {@code algorithm} ({@code sha256} or {@code md5}). */
  public static String of(Path file, String algorithm) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Whether {@code file} has this digest. */
  public boolean matches(Path file) throws IOException {
    return hex.equals(of(file, algorithm));
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
