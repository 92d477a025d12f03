package org.snn4j.datasets.fetch;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a downloaded {@code .tar.gz} or {@code .zip} into a folder, as safely as a file from the internet needs:
 * only regular files are extracted, only under names whose every part is a plain name ({@code [A-Za-z0-9_][A-Za-z0-9_.-]*},
 * at most 6 deep, no {@code ..}, no absolute paths, no hidden or {@code __MACOSX} entries), never through links,
 * each written under a temporary name and renamed when complete. A damaged archive is a {@link FetchException}.
 */
public final class Unpacker {
  private static final int BLOCK = 512;
  private static final int MAX_DEPTH = 6;
  private static final long MAX_ENTRY_BYTES = 4L << 30;

  private Unpacker() {}

  /** Whether {@code file} is an archive this class unpacks (by name). */
  public static boolean isArchive(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".zip");
  }

  /**
   * Unpacks {@code archive} into {@code folder}.
   *
   * @return the number of files extracted
   * @throws FetchException if the archive is damaged
   */
  public static int unpack(Path archive, Path folder) throws IOException {
    String n = archive.getFileName().toString().toLowerCase(Locale.ROOT);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
      if (n.endsWith(".zip")) {
        return unzip(in, archive, folder);
      }
      return untar(new GZIPInputStream(in, 1 << 16), archive, folder);
    } catch (ZipException | EOFException | IllegalArgumentException e) {
      // ZipInputStream reports an entry name that is not valid UTF-8 with IllegalArgumentException (JDK 17)
      throw new FetchException(archive + ": damaged archive (" + e.getMessage() + "); delete it and fetch again", e);
    }
  }

  /** The safe target of an archive entry name, or null to skip it. */
  static Path target(Path folder, String entry) {
    String name = entry.replace('\\', '/');
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
      return null;
    }
    String[] parts = name.split("/");
    if (parts.length > MAX_DEPTH) {
      return null;
    }
    Path p = folder;
    for (String part : parts) {
      if (!part.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") || part.contains("..") || part.equals("__MACOSX")) {
        return null;
      }
      p = p.resolve(part);
    }
    return p.normalize().startsWith(folder.normalize()) ? p : null;
  }

  private static int unzip(InputStream raw, Path archive, Path folder) throws IOException {
    int count = 0;
    try (ZipInputStream zip = new ZipInputStream(raw)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        Path target = e.isDirectory() ? null : target(folder, e.getName());
        if (target != null) {
          write(zip, -1, target, archive);
          count++;
        }
      }
    }
    return count;
  }

  private static int untar(InputStream in, Path archive, Path folder) throws IOException {
    byte[] header = new byte[BLOCK];
    int count = 0;
    String longName = null;
    long offset = 0;
    while (true) {
      if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
        throw new FetchException(archive + ": truncated tar at byte " + offset + "; delete it and fetch again");
      }
      offset += BLOCK;
      if (allZero(header)) {
        return count;
      }
      if (!checksumOk(header)) {
        throw new FetchException(archive + ": bad tar header checksum at byte " + (offset - BLOCK)
            + "; delete it and fetch again");
      }
      long size = octal(header, 124, 12);
      if (size < 0 || size > MAX_ENTRY_BYTES) {
        throw new FetchException(archive + ": tar entry at byte " + (offset - BLOCK) + " claims " + size
            + " bytes; delete it and fetch again");
      }
      char type = (char) header[156];
      long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
      if (type == 'L') {
        if (size > 4096) {
          throw new FetchException(archive + ": tar long name of " + size + " bytes at byte " + offset);
        }
        byte[] name = in.readNBytes((int) padded);
        if (name.length < padded) {
          throw new FetchException(archive + ": truncated tar at byte " + offset + "; delete it and fetch again");
        }
        longName = cString(name, 0, (int) size);
        offset += padded;
        continue;
      }
      String name = longName != null ? longName : ustarName(header);
      longName = null;
      Path target = type == '0' || type == 0 ? target(folder, name) : null;
      if (target != null) {
        write(in, size, target, archive);
        skipFully(in, padded - size, archive, offset + size);
        count++;
      } else {
        skipFully(in, padded, archive, offset);
      }
      offset += padded;
    }
  }

  private static void write(InputStream in, long size, Path target, Path archive) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(target.getFileName() + ".part");
    byte[] buf = new byte[1 << 16];
    long left = size < 0 ? Long.MAX_VALUE : size;
    long total = 0;
    try (OutputStream out = Files.newOutputStream(temp)) {
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          if (size >= 0) {
            throw new FetchException(archive + ": truncated inside " + target.getFileName()
                + "; delete the archive and fetch again");
          }
          break;
        }
        total += n;
        if (total > MAX_ENTRY_BYTES) {
          throw new FetchException(archive + ": entry " + target.getFileName() + " is over 4 GiB; not unpacking it");
        }
        out.write(buf, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void skipFully(InputStream in, long n, Path archive, long at) throws IOException {
    long left = n;
    while (left > 0) {
      long k = in.skip(left);
      if (k <= 0) {
        if (in.read() < 0) {
          throw new FetchException(archive + ": truncated tar at byte " + (at + n - left)
              + "; delete it and fetch again");
        }
        k = 1;
      }
      left -= k;
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean checksumOk(byte[] h) {
    long stored = octal(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    }
    return stored == sum;
  }

  /** An octal field (NUL or space terminated), or -1 if it holds anything else (e.g. GNU base-256). */
  private static long octal(byte[] h, int at, int len) {
    long v = 0;
    int i = at;
    int end = at + len;
    while (i < end && h[i] == ' ') {
      i++;
    }
    boolean digits = false;
    for (; i < end && h[i] != 0 && h[i] != ' '; i++) {
      if (h[i] < '0' || h[i] > '7' || v > (Long.MAX_VALUE >> 3)) {
        return -1;
      }
      v = v * 8 + (h[i] - '0');
      digits = true;
    }
    return digits ? v : -1;
  }

  private static String ustarName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    String prefix = ustar ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String cString(byte[] b, int at, int len) {
    int end = at;
    while (end < at + len && b[end] != 0) {
      end++;
    }
    return new String(b, at, end - at, StandardCharsets.UTF_8);
  }
}
