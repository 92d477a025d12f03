package org.snn4j.datasets.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The JDK's HTTP server on loopback, serving byte fixtures with misbehaviours on demand. Never the internet. */
final class FixtureServer implements AutoCloseable {
  /** How a path is served. */
  enum Mode {
    /** Honestly, with range requests. */
    NORMAL,
    /** Announces the full length, sends half, and drops the connection. */
    TRUNCATE,
    /** Sends the bytes with one of them flipped. */
    CORRUPT,
    /** Ignores range requests: always the whole file with 200. */
    IGNORE_RANGE,
    /** 404. */
    MISSING
  }

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  /** "path range-or-dash" for every request, in order. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  FixtureServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  void serve(String name, byte[] bytes, Mode mode) {
    files.put("/" + name, bytes);
    modes.put("/" + name, mode);
  }

  void mode(String name, Mode mode) {
    modes.put("/" + name, mode);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  URI url(String name) {
    return base().resolve(name);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String range = ex.getRequestHeaders().getFirst("Range");
    requests.add(path + " " + (range == null ? "-" : range));
    byte[] body = files.get(path);
    Mode mode = modes.getOrDefault(path, Mode.MISSING);
    if (body == null || mode == Mode.MISSING) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    int from = 0;
    if (range != null && mode != Mode.IGNORE_RANGE && range.startsWith("bytes=") && range.endsWith("-")) {
      from = Integer.parseInt(range.substring(6, range.length() - 1));
      if (from >= body.length) {
        ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
        ex.sendResponseHeaders(416, -1);
        ex.close();
        return;
      }
      ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
    }
    byte[] send = java.util.Arrays.copyOfRange(body, from, body.length);
    if (mode == Mode.CORRUPT) {
      send[send.length / 2] ^= 0x40;
    }
    if (mode == Mode.TRUNCATE) {
      // so the server drops the connection when the exchange ends, rather than keep it alive half-written
      ex.getResponseHeaders().add("Connection", "close");
    }
    ex.sendResponseHeaders(from > 0 ? 206 : 200, send.length);
    OutputStream out = ex.getResponseBody();
    if (mode == Mode.TRUNCATE) {
      out.write(send, 0, send.length / 2);
      out.flush();
      // a handler that throws makes the server drop the connection: the client gets fewer bytes than announced
      throw new IllegalStateException("fixture: connection cut on purpose");
    }
    out.write(send);
    out.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
