package org.snn4j.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackerTest {
  @TempDir Path tmp;

  private Path out() {
    return tmp.resolve("out");
  }

  private long filesUnder(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void extractsRegularFilesAndNothingThatEscapesOrLinks() throws Exception {
    byte[] batch = DownloaderTest.bytes(3073 * 2);
    byte[] tgz = new ArchiveFixtures.Tar()
        .entry("cifar-10-batches-bin/", '5', new byte[0])
        .file("cifar-10-batches-bin/test_batch.bin", batch)
        .file("../evil.txt", new byte[] {1})
        .file("/abs.txt", new byte[] {1})
        .entry("cifar-10-batches-bin/link", '2', new byte[0])
        .file("__MACOSX/._x", new byte[] {1})
        .file("./cifar-10-batches-bin/.hidden", new byte[] {1})
        .longName("cifar-10-batches-bin/" + "a".repeat(120) + ".txt", new byte[] {7, 7})
        .tarGz();
    Path archive = Files.write(tmp.resolve("c.tar.gz"), tgz);
    Files.createDirectories(out());
    assertEquals(2, Unpacker.unpack(archive, out()));
    assertArrayEquals(batch, Files.readAllBytes(out().resolve("cifar-10-batches-bin/test_batch.bin")));
    assertTrue(Files.isRegularFile(out().resolve("cifar-10-batches-bin/" + "a".repeat(120) + ".txt")));
    assertFalse(Files.exists(tmp.resolve("evil.txt")));
    assertEquals(2, filesUnder(out()));
  }

  @Test
  void aTruncatedOrCorruptTarIsAFetchException() throws Exception {
    byte[] tar = new ArchiveFixtures.Tar().file("a.bin", new byte[5000]).tar();
    Path cut = Files.write(tmp.resolve("cut.tar.gz"), ArchiveFixtures.gzip(Arrays.copyOf(tar, 2000)));
    assertThrows(FetchException.class, () -> Unpacker.unpack(cut, out()));
    assertFalse(Files.exists(out().resolve("a.bin")), "a cut-off entry never appears under its name");
    byte[] damaged = tar.clone();
    damaged[10] ^= 1; // breaks the header checksum
    Path bad = Files.write(tmp.resolve("bad.tar.gz"), ArchiveFixtures.gzip(damaged));
    FetchException e = assertThrows(FetchException.class, () -> Unpacker.unpack(bad, out()));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    byte[] gz = ArchiveFixtures.gzip(tar);
    Path notGzip = Files.write(tmp.resolve("ng.tar.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertThrows(FetchException.class, () -> Unpacker.unpack(notGzip, out()));
  }

  @Test
  void unzipsTheNmnistLayoutAndSkipsTraversal() throws Exception {
    byte[] zip = ArchiveFixtures.zip("Train/0/00001.bin", new byte[] {1, 2, 3, 4, 5}, "../../x.bin", new byte[] {1},
        "Train/", new byte[0], "Test/9/00002.bin", new byte[] {6, 7, 8, 9, 10});
    Path archive = Files.write(tmp.resolve("Train.zip"), zip);
    assertEquals(2, Unpacker.unpack(archive, out()));
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Files.readAllBytes(out().resolve("Train/0/00001.bin")));
    assertFalse(Files.exists(tmp.resolve("x.bin")));
  }

  @Test
  void targetRejectsEveryUnsafeName() {
    Path root = Path.of("/data/x");
    for (String bad : new String[] {"", "/etc/passwd", "a/../../b", "..", "a/", "a//b", ".hidden", "a/.git/c",
        "__MACOSX/a", "a b", "a/b/c/d/e/f/g", "C:\\evil"}) {
      assertNull(Unpacker.target(root, bad), bad);
    }
    assertEquals(root.resolve("Train/0/1.bin"), Unpacker.target(root, "./Train/0/1.bin"));
  }
}
