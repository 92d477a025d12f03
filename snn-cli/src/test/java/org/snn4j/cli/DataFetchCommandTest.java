package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snn data fetch} against the JDK's HTTP server on loopback; no test touches the internet. */
class DataFetchCommandTest {
  private static final String[] IDX = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

  @TempDir Path tmp;
  private Server server;
  private Path fixtures;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    fixtures = SmallFashionMnist.write(tmp.resolve("fixtures"), 30, 10);
    for (String name : IDX) {
      String raw = name.substring(0, name.length() - 3);
      server.files.put("/" + name, gzip(Files.readAllBytes(fixtures.resolve(raw))));
    }
  }

  @AfterEach
  void stop() {
    server.http.stop(0);
  }

  private Path catalog() throws Exception {
    StringBuilder sb = new StringBuilder("# a private mirror of a small set\n");
    for (String name : IDX) {
      byte[] b = server.files.get("/" + name);
      sb.append("mnist ").append(name).append(' ').append(b.length).append(" sha256:").append(sha256(b))
          .append(" https://official.example/").append(name).append('\n');
    }
    return Files.writeString(tmp.resolve("catalog.txt"), sb.toString());
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void fetchesVerifiesAndLeavesDataTheReaderUses() throws Exception {
    Path dir = tmp.resolve("mnist");
    CliRun run = CliRun.of("data", "fetch", "mnist", "--data-dir", dir.toString(), "--mirror",
        server.base(), "--catalog", catalog().toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.lastOutLine().contains("\"ready\":true"), run.out());
    assertEquals(List.of(IDX[2], IDX[3], IDX[0], IDX[1]), filesIn(dir));
    CliRun train = CliRun.of("train", "--dataset", "mnist", "--data-dir", dir.toString(), "--layers", "784,20,10",
        "--epochs", "1", "--timesteps", "2", "--out", tmp.resolve("m.snn").toString(), "--no-progress");
    assertEquals(0, train.exitCode(), train.err());
    CliRun again = CliRun.of("data", "fetch", "mnist", "--data-dir", dir.toString(), "--mirror", server.base(),
        "--catalog", catalog().toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(4, server.requests.size(), "verified copies are not downloaded again: " + server.requests);
  }

  @Test
  void theBuiltInCatalogRefusesFilesThatAreNotTheRealOnesAndLeavesNothing() throws Exception {
    Path dir = tmp.resolve("mnist");
    CliRun run = CliRun.of("data", "fetch", "mnist", "--data-dir", dir.toString(), "--mirror", server.base());
    assertEquals(2, run.exitCode());
    String err = run.errLines();
    assertTrue(err.contains("but the published file has 9,912,422; not the right file"), err);
    assertEquals(List.of(), filesIn(dir), "no final file, no .part");
  }

  @Test
  void aWrongChecksumIsRefusedAndLeavesNothing() throws Exception {
    Path dir = tmp.resolve("mnist");
    String bad = Files.readString(catalog()).replaceFirst("sha256:[0-9a-f]{8}", "sha256:00000000");
    Path catalog = Files.writeString(tmp.resolve("bad-catalog.txt"), bad);
    CliRun run = CliRun.of("data", "fetch", "mnist", "--data-dir", dir.toString(), "--mirror", server.base(),
        "--catalog", catalog.toString());
    assertEquals(2, run.exitCode());
    String err = run.errLines().strip();
    assertTrue(err.lines().reduce((a, b) -> b).orElse("").contains("wrong checksum"), err);
    assertEquals(List.of(), filesIn(dir), "no final file, no .part");
  }

  @Test
  void aCutOffDownloadFailsWithOneLineAndTheNextRunResumes() throws Exception {
    Path dir = tmp.resolve("mnist");
    server.truncate.add("/" + IDX[0]);
    CliRun cut = CliRun.of("data", "fetch", "mnist", "--data-dir", dir.toString(), "--mirror", server.base(),
        "--catalog", catalog().toString());
    assertEquals(2, cut.exitCode());
    String last = cut.errLines().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("snn: ") && last.contains("run the same command again to resume"), cut.err());
    assertFalse(Files.exists(dir.resolve(IDX[0])));
    assertTrue(Files.exists(dir.resolve(IDX[0] + ".part")));
    server.truncate.clear();
    CliRun resumed = CliRun.of("data", "fetch", "mnist", "--data-dir", dir.toString(), "--mirror", server.base(),
        "--catalog", catalog().toString());
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("resuming at byte"), resumed.err());
    assertTrue(server.requests.get(1).startsWith("/" + IDX[0] + " bytes="), server.requests.toString());
  }

  @Test
  void offlineOrUnknownItSaysWhatToDo() throws Exception {
    CliRun offline = CliRun.of("data", "fetch", "kmnist", "--data-dir", tmp.resolve("k").toString(), "--mirror",
        "http://127.0.0.1:1/");
    assertEquals(2, offline.exitCode());
    assertTrue(offline.errLines().contains("Offline? Get http://127.0.0.1:1/train-images-idx3-ubyte.gz by hand"),
        offline.err());
    CliRun unknown = CliRun.of("data", "fetch", "imagenet");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.errLines().contains("known: mnist, fashion-mnist, kmnist, cifar10, nmnist"), unknown.err());
    assertEquals(2, CliRun.of("data", "fetch", "mnist", "--mirror", "ftp://x/").exitCode());
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(b)) {
      gz.write(raw);
    }
    return b.toByteArray();
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** Serves fixtures on loopback with range requests; paths in {@link #truncate} are cut off halfway. */
  static final class Server {
    final HttpServer http;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> truncate = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    Server() throws IOException {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext("/", this::handle);
      http.start();
    }

    String base() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange ex) throws IOException {
      String path = ex.getRequestURI().getPath();
      String range = ex.getRequestHeaders().getFirst("Range");
      requests.add(path + " " + (range == null ? "-" : range));
      byte[] body = files.get(path);
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      int from = range == null ? 0 : Integer.parseInt(range.substring(6, range.length() - 1));
      if (from > 0) {
        ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      }
      ex.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
      OutputStream out = ex.getResponseBody();
      if (truncate.contains(path)) {
        out.write(body, from, (body.length - from) / 2);
        out.flush();
        // a handler that throws makes the server drop the connection mid-body
        throw new IllegalStateException("fixture: connection cut on purpose");
      }
      out.write(body, from, body.length - from);
      out.close();
    }
  }
}
