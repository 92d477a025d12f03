package org.snn4j.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {
  @TempDir Path tmp;

  @Test
  void theBuiltInCatalogHasTheFiveDatasetsEachFileWithAChecksum() {
    DatasetCatalog c = DatasetCatalog.builtin();
    assertEquals(List.of("mnist", "fashion-mnist", "kmnist", "cifar10", "nmnist"), c.names());
    for (String name : c.names()) {
      for (RemoteFile f : c.find(name).orElseThrow().files()) {
        assertNotNull(f.digest(), name + "/" + f.name());
        assertTrue(f.urls().get(0).getScheme().startsWith("http"), f.toString());
      }
    }
    RemoteFile mnist = c.find("MNIST").orElseThrow().files().get(0);
    assertEquals("train-images-idx3-ubyte.gz", mnist.name());
    assertEquals(9912422, mnist.size());
    assertEquals("sha256:440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        mnist.digest().toString());
    assertEquals("cifar-10-binary.tar.gz", c.find("cifar10").orElseThrow().files().get(0).name());
    assertEquals(2, c.find("nmnist").orElseThrow().files().size());
  }

  @Test
  void readsAUserCatalogAndNamesTheBadLine() throws Exception {
    Path f = Files.writeString(tmp.resolve("c.txt"), "# mine\nmine a.bin 3 - http://127.0.0.1:9/a.bin\n");
    RemoteFile a = DatasetCatalog.read(f).find("mine").orElseThrow().files().get(0);
    assertEquals(3, a.size());
    assertEquals(null, a.digest());
    String[] bad = {"x a.bin 3 sha1:00 http://h/a", "x a.bin z - http://h/a", "x ../a 3 - http://h/a",
        "x a.bin 3 - file:///etc/passwd", "x a.bin 3 -", "x a.bin 3 md5:zz http://h/a"};
    for (String line : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DatasetCatalog.parse("\n" + line + "\n", "c.txt"), line);
      assertTrue(e.getMessage().startsWith("c.txt line 2: "), e.getMessage());
    }
  }
}
