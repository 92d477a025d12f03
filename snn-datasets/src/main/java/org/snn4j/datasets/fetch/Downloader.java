package org.snn4j.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Downloads one file safely: into {@code <name>.part}, resuming an earlier {@code .part} with an HTTP range request,
 * then checks the size and checksum and only then renames it to {@code <name>}. So the final name only ever holds a
 * complete, verified file.
 *
 * <ul>
 *   <li>a connection that drops, or a body shorter than announced, leaves the {@code .part}: running again resumes
 *       it;
 *   <li>a wrong checksum, or a server announcing another size than the published one, deletes the {@code .part}:
 *       it is damaged or another file, resuming would not help;
 *   <li>a file already present under its final name is checked, and kept if it matches;
 *   <li>without a known checksum the file is kept and reported as unverified, with its SHA-256.
 * </ul>
 *
 * <p>The URLs of a file are tried in order; a host that cannot be reached or answers with an error moves on to the
 * next. When none works the message gives the URL and the manual step.
 */
public final class Downloader {
  /** Receives progress and notices; called from the downloading thread. */
  public interface Listener {
    /** {@code bytes} of {@code total} (-1 if unknown) of {@code file} are on disk. */
    default void progress(String file, long bytes, long total) {}

    /** One line for the user. */
    default void notice(String line) {}
  }

  private static final int BUFFER = 1 << 16;

  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final Listener listener;

  /**
   * @param connectTimeoutMillis how long to wait for a connection
   * @param readTimeoutMillis how long a read may stall before the download counts as interrupted
   * @param listener progress and notices
   */
  public Downloader(int connectTimeoutMillis, int readTimeoutMillis, Listener listener) {
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.readTimeoutMillis = readTimeoutMillis;
    this.listener = listener;
  }

  /** The partial-download name of {@code target}. */
  public static Path partOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  /**
   * Makes {@code folder/file.name()} a complete, verified copy of {@code file}.
   *
   * @return the file
   * @throws FetchException if no URL gave a complete file with the right checksum; the message says what is left
   */
  public Path fetch(RemoteFile file, Path folder) throws IOException {
    Files.createDirectories(folder);
    Path target = folder.resolve(file.name());
    if (Files.isRegularFile(target)) {
      if (verified(file, target, false)) {
        listener.notice(file.name() + ": already present" + (file.digest() == null ? "" : ", " + file.digest().algorithm()
            + " matches"));
        return target;
      }
      listener.notice(file.name() + ": the copy in " + folder + " does not match; downloading it again");
    }
    Path part = partOf(target);
    List<String> failures = new ArrayList<>();
    for (URI url : file.urls()) {
      long have = Files.isRegularFile(part) ? Files.size(part) : 0;
      if (file.size() >= 0 && have > file.size()) {
        Files.delete(part);
        have = 0;
      }
      if (file.size() < 0 || have < file.size()) {
        String failure = download(url, part, have, file);
        if (failure != null) {
          failures.add(url + ": " + failure);
          continue;
        }
      }
      long got = Files.size(part);
      if (file.size() >= 0 && got < file.size()) {
        throw new FetchException(String.format(Locale.ROOT,
            "%s: the download from %s stopped at %,d of %,d bytes; %s is kept, run the same command again to"
                + " resume", file.name(), url, got, file.size(), part));
      }
      if (!verified(file, part, true)) {
        Files.deleteIfExists(part);
        throw new FetchException(file.name() + ": wrong checksum from " + url + " (expected " + file.digest()
            + (file.size() >= 0 && got != file.size() ? String.format(Locale.ROOT, ", %,d bytes, got %,d", file.size(),
                got) : "") + "); the damaged download was deleted; try again, or use --mirror with a copy you trust");
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    }
    String urls = String.join(" or ", file.urls().stream().map(URI::toString).toList());
    throw new FetchException(file.name() + ": cannot download it (" + String.join("; ", failures) + "). Offline? Get "
        + urls + " by hand into " + folder + " (e.g. curl -L -o " + target + " '" + file.urls().get(0)
        + "') and run the same command again to verify" + (Files.isRegularFile(part) ? "; " + part + " is kept for"
            + " resuming" : ""));
  }

  /** Whether {@code path} has the published size and checksum; reports an unverified file when there is none. */
  private boolean verified(RemoteFile file, Path path, boolean fresh) throws IOException {
    if (file.size() >= 0 && Files.size(path) != file.size()) {
      return false;
    }
    if (file.digest() == null) {
      if (fresh) {
        listener.notice(file.name() + ": UNVERIFIED, no checksum is known for it; its sha256 is "
            + Digest.of(path, "sha256"));
      }
      return true;
    }
    return file.digest().matches(path);
  }

  /**
   * Appends {@code url}'s bytes from {@code have} to {@code part}.
   *
   * @return null when the server sent the whole body, else why it failed (the host could not be reached or
   *     answered with an error, nothing written)
   * @throws FetchException if the body was cut off after bytes were written (the part is kept)
   */
  private String download(URI url, Path part, long have, RemoteFile file) throws IOException {
    HttpURLConnection c;
    int status;
    try {
      c = (HttpURLConnection) url.toURL().openConnection();
      c.setConnectTimeout(connectTimeoutMillis);
      c.setReadTimeout(readTimeoutMillis);
      c.setInstanceFollowRedirects(true);
      c.setRequestProperty("User-Agent", "snn4j-data-fetch");
      c.setRequestProperty("Accept-Encoding", "identity");
      if (have > 0) {
        c.setRequestProperty("Range", "bytes=" + have + "-");
      }
      status = c.getResponseCode();
    } catch (UnknownHostException e) {
      return "unknown host " + e.getMessage();
    } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
      return e.getClass().getSimpleName() + " (" + e.getMessage() + ")";
    } catch (IOException e) {
      return e.toString();
    }
    try {
      boolean append;
      if (status == HttpURLConnection.HTTP_PARTIAL && have > 0) {
        String range = c.getHeaderField("Content-Range");
        if (range == null || !range.trim().startsWith("bytes " + have + "-")) {
          return "the server answered the resume request with range '" + range + "', not from byte " + have;
        }
        append = true;
        listener.notice(file.name() + String.format(Locale.ROOT, ": resuming at byte %,d", have));
      } else if (status == HttpURLConnection.HTTP_OK) {
        append = false;
      } else if (status == 416 && have > 0) {
        if (file.size() < 0) {
          // the range starts at or past the end: what we have may be everything; the checksum decides
          return null;
        }
        // we asked from below the published size, so the server's file is shorter: not the published one
        Files.deleteIfExists(part);
        return "HTTP 416: the server's file is shorter than the " + have + " bytes already downloaded; deleted "
            + part;
      } else {
        return "HTTP " + status;
      }
      long length = c.getContentLengthLong();
      long total = length < 0 ? file.size() : (append ? have : 0) + length;
      if (length >= 0 && file.size() >= 0 && total != file.size()) {
        Files.deleteIfExists(part);
        throw new FetchException(String.format(Locale.ROOT,
            "%s: %s serves %,d bytes but the published file has %,d; not the right file (a stale mirror or an error"
                + " page?), nothing was kept; use --mirror with a copy you trust", file.name(), url, total,
            file.size()));
      }
      long written = append ? have : 0;
      try (InputStream in = c.getInputStream();
          OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buf = new byte[BUFFER];
        int n;
        try {
          while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            written += n;
            listener.progress(file.name(), written, total);
          }
        } catch (IOException e) {
          out.flush();
          throw new FetchException(String.format(Locale.ROOT,
              "%s: the download from %s was interrupted at %,d bytes (%s); %s is kept, run the same command again"
                  + " to resume", file.name(), url, written, e.getMessage(), part), e);
        }
      }
      if (length >= 0 && written < total) {
        throw new FetchException(String.format(Locale.ROOT,
            "%s: the server announced %,d bytes but sent %,d; %s is kept, run the same command again to resume",
            file.name(), total, written, part));
      }
      return null;
    } finally {
      c.disconnect();
    }
  }
}
