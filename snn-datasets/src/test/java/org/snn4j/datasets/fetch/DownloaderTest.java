package org.snn4j.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  @TempDir Path tmp;
  private FixtureServer server;
  private final List<String> notices = new ArrayList<>();
  private Downloader downloader;
  private final byte[] data = bytes(200_000);

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >> 8));
    }
    return b;
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @BeforeEach
  void start() throws Exception {
    server = new FixtureServer();
    downloader = new Downloader(5_000, 5_000, new Downloader.Listener() {
      @Override
      public void notice(String line) {
        notices.add(line);
      }
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RemoteFile file(String name, boolean withDigest, URI... urls) throws Exception {
    return new RemoteFile(name, data.length, withDigest ? new Digest("sha256", sha256(data)) : null, List.of(urls));
  }

  @Test
  void downloadsVerifiesAndRenames() throws Exception {
    server.serve("a.bin", data, FixtureServer.Mode.NORMAL);
    Path got = downloader.fetch(file("a.bin", true, server.url("a.bin")), tmp);
    assertArrayEquals(data, Files.readAllBytes(got));
    assertEquals(tmp.resolve("a.bin"), got);
    assertFalse(Files.exists(Downloader.partOf(got)));
    // a second fetch checks the file and does not download again
    downloader.fetch(file("a.bin", true, server.url("a.bin")), tmp);
    assertEquals(1, server.requests.size());
    assertTrue(notices.get(notices.size() - 1).contains("already present, sha256 matches"), notices.toString());
  }

  @Test
  void aCutOffDownloadKeepsThePartAndTheNextRunResumesIt() throws Exception {
    server.serve("a.bin", data, FixtureServer.Mode.TRUNCATE);
    RemoteFile f = file("a.bin", true, server.url("a.bin"));
    FetchException e = assertThrows(FetchException.class, () -> downloader.fetch(f, tmp));
    assertTrue(e.getMessage().contains("run the same command again to resume"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("a.bin")), "never a partial file under the final name");
    Path part = Downloader.partOf(tmp.resolve("a.bin"));
    long have = Files.size(part);
    assertTrue(have > 0 && have < data.length, "kept " + have);
    server.mode("a.bin", FixtureServer.Mode.NORMAL);
    downloader.fetch(f, tmp);
    assertArrayEquals(data, Files.readAllBytes(tmp.resolve("a.bin")));
    assertEquals("/a.bin bytes=" + have + "-", server.requests.get(1), "resumed with a range request");
    assertFalse(Files.exists(part));
  }

  @Test
  void aWrongChecksumIsRefusedAndNothingIsLeft() throws Exception {
    server.serve("a.bin", data, FixtureServer.Mode.CORRUPT);
    FetchException e = assertThrows(FetchException.class,
        () -> downloader.fetch(file("a.bin", true, server.url("a.bin")), tmp));
    assertTrue(e.getMessage().contains("wrong checksum"), e.getMessage());
    assertTrue(e.getMessage().contains("deleted"), e.getMessage());
    try (var s = Files.list(tmp)) {
      assertEquals(0, s.count(), "no final file and no .part");
    }
  }

  @Test
  void aServerThatIgnoresRangesMakesItStartOver() throws Exception {
    Path part = Downloader.partOf(tmp.resolve("a.bin"));
    Files.write(part, java.util.Arrays.copyOf(new byte[] {9, 9, 9}, 3));
    server.serve("a.bin", data, FixtureServer.Mode.IGNORE_RANGE);
    downloader.fetch(file("a.bin", true, server.url("a.bin")), tmp);
    assertArrayEquals(data, Files.readAllBytes(tmp.resolve("a.bin")));
  }

  @Test
  void aDamagedCopyUnderTheFinalNameIsReplaced() throws Exception {
    Files.write(tmp.resolve("a.bin"), new byte[] {1, 2, 3});
    server.serve("a.bin", data, FixtureServer.Mode.NORMAL);
    downloader.fetch(file("a.bin", true, server.url("a.bin")), tmp);
    assertArrayEquals(data, Files.readAllBytes(tmp.resolve("a.bin")));
  }

  @Test
  void triesTheNextUrlWhenOneFails() throws Exception {
    server.serve("b.bin", data, FixtureServer.Mode.NORMAL);
    downloader.fetch(file("b.bin", true, server.url("missing/b.bin"), server.url("b.bin")), tmp);
    assertArrayEquals(data, Files.readAllBytes(tmp.resolve("b.bin")));
  }

  @Test
  void offlineItSaysWhatToDownloadByHand() throws Exception {
    URI closed = URI.create("http://127.0.0.1:1/c.bin");
    FetchException e = assertThrows(FetchException.class, () -> downloader.fetch(file("c.bin", true, closed), tmp));
    assertTrue(e.getMessage().contains("Offline? Get http://127.0.0.1:1/c.bin by hand into " + tmp), e.getMessage());
    assertTrue(e.getMessage().contains("curl -L -o"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void withoutAKnownChecksumTheFileIsKeptAndReportedUnverified() throws Exception {
    server.serve("d.bin", data, FixtureServer.Mode.NORMAL);
    downloader.fetch(file("d.bin", false, server.url("d.bin")), tmp);
    assertTrue(notices.stream().anyMatch(n -> n.contains("UNVERIFIED") && n.contains(sha256Unchecked())),
        notices.toString());
  }

  @Test
  void aMirrorReplacesTheOfficialLocations() throws Exception {
    RemoteFile f = file("e.bin", true, URI.create("https://example.invalid/e.bin"));
    RemoteFile m = f.at(URI.create("http://mirror.example/data"));
    assertEquals(List.of(URI.create("http://mirror.example/data/e.bin")), m.urls());
    assertEquals(f.digest(), m.digest());
  }

  private String sha256Unchecked() {
    try {
      return sha256(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
