package org.snn4j.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.Split;
import org.snn4j.datasets.cifar.CifarReader;

class DatasetFetcherTest {
  @TempDir Path tmp;

  @Test
  void fetchesFromAMirrorUnpacksOnceAndTheReaderSeesTheData() throws Exception {
    ArchiveFixtures.Tar tar = new ArchiveFixtures.Tar();
    for (int k = 1; k <= 5; k++) {
      tar.file("cifar-10-batches-bin/data_batch_" + k + ".bin", new byte[3073]);
    }
    byte[] tgz = tar.file("cifar-10-batches-bin/test_batch.bin", new byte[3073]).tarGz();
    List<String> notices = new ArrayList<>();
    Downloader.Listener listener = new Downloader.Listener() {
      @Override
      public void notice(String line) {
        notices.add(line);
      }
    };
    try (FixtureServer server = new FixtureServer()) {
      server.serve("cifar-10-binary.tar.gz", tgz, FixtureServer.Mode.NORMAL);
      DatasetSource source = new DatasetSource("cifar10", List.of(new RemoteFile("cifar-10-binary.tar.gz",
          tgz.length, new Digest("sha256", DownloaderTest.sha256(tgz)),
          List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")))));
      DatasetFetcher fetcher = new DatasetFetcher(new Downloader(5000, 5000, listener), listener);
      fetcher.fetch(source, tmp, server.base());
      assertTrue(new CifarReader().isPresent(tmp, Split.TRAIN));
      assertEquals(1, new CifarReader().read(tmp, Split.TEST).size());
      assertTrue(notices.contains("cifar-10-binary.tar.gz: 6 files unpacked"), notices.toString());
      notices.clear();
      fetcher.fetch(source, tmp, server.base());
      assertEquals(1, server.requests.size(), "nothing downloaded again");
      assertTrue(notices.stream().noneMatch(n -> n.contains("unpacking")), notices.toString());
      assertTrue(Files.isRegularFile(tmp.resolve(".cifar-10-binary.tar.gz.unpacked")));
    }
  }
}
