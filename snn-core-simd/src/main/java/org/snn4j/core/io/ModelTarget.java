package org.snn4j.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model file goes: its folder, the temporary file it is written to first, and the check that both can be
 * made before any work is done.
 *
 * <p>The temporary file is {@code NAME.tmp-PID} next to the target {@code NAME}, created like any new file (so the
 * model gets the usual mode the umask gives, not the 0600 of {@code Files.createTempFile}). A process killed while
 * writing leaves its temporary file behind; the next write to the folder removes those of processes that no longer
 * run. Only names that are certainly a model's temporary file are touched: {@code NAME.tmp-PID} of the target
 * itself, and {@code *.snn.tmp-PID}.
 */
public final class ModelTarget {
  private static final Pattern TEMPORARY = Pattern.compile("(.+)\\.tmp-([0-9]{1,19})");

  private ModelTarget() {}

  /**
   * Makes the folder {@code file} goes into, with its missing parents.
   *
   * @return the outermost folder that was created, or null if the folder existed
   * @throws FileSystemException naming the user's path: a part of it that is a file, or the folder that cannot be
   *     made and why
   */
  public static Path createFolder(Path file) throws IOException {
    Path folder = folder(file);
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new FileSystemException(existing.toString(), null, "is a file, not a folder");
    }
    if (existing != null && existing.equals(folder)) {
      return null;
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new FileSystemException(folder.toString(), null, "cannot be created (" + reason(e) + ")");
    }
    Path created = folder;
    while (created.getParent() != null && !created.getParent().equals(existing)) {
      created = created.getParent();
    }
    return created;
  }

  /**
   * Checks that a model can be written to {@code file}, whose folder exists, by creating and deleting its temporary
   * file there: permission bits alone do not tell (root ignores them; read-only mounts and special file systems do
   * not).
   *
   * @throws FileSystemException naming the folder and why it refuses new files
   */
  public static void checkWritable(Path file) throws IOException {
    Path folder = folder(file);
    if (!Files.isDirectory(folder)) {
      throw new FileSystemException(folder.toString(), null, "is not a folder");
    }
    Path tmp = temporary(file, ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
      Files.delete(tmp);
    } catch (IOException e) {
      throw new FileSystemException(folder.toString(), null, "does not accept new files (" + reason(e) + ")");
    }
  }

  /**
   * Writes {@code bytes} to {@code file} through its temporary file, replacing an existing file, after removing
   * stale temporary files of dead processes from the folder. A crash never leaves a half-written file under the name.
   *
   * @throws FileSystemException naming {@code file} (never the temporary name) if it cannot be written
   */
  static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  /** What writes a file's bytes to a stream ({@link #write(Path, Body)}). */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * {@link #write(Path, byte[])} for bytes made while they are written: {@code body} writes them to the temporary
   * file (buffered), which is then synced and moved into place.
   */
  static void write(Path file, Body body) throws IOException {
    Path folder = folder(file);
    removeStale(file);
    Path tmp = temporary(file, ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp); // ours: this process is the only one that makes this name
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new FileSystemException(file.toString(), null, "cannot be written in " + folder + " (" + reason(e) + ")");
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The temporary file for {@code file} of the process {@code pid}: {@code NAME.tmp-PID} in the same folder. */
  public static Path temporary(Path file, long pid) {
    return folder(file).resolve(file.getFileName() + ".tmp-" + pid);
  }

  /**
   * Deletes the temporary files left in {@code file}'s folder by processes that no longer run: {@code NAME.tmp-PID}
   * of this target and {@code *.snn.tmp-PID}. Files it cannot delete are left; the write itself does not need them
   * gone.
   */
  public static void removeStale(Path file) {
    Path folder = folder(file);
    String target = file.getFileName().toString();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.tmp-*")) {
      for (Path entry : entries) {
        Matcher m = TEMPORARY.matcher(entry.getFileName().toString());
        if (!m.matches() || !(m.group(1).equals(target) || m.group(1).endsWith(".snn"))) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
          continue;
        }
        if (ProcessHandle.of(pid).isEmpty() && Files.isRegularFile(entry)) {
          try {
            Files.deleteIfExists(entry);
          } catch (IOException e) {
            // left for a later run; a stale file never stops a write
          }
        }
      }
    } catch (IOException e) {
      // an unreadable folder will fail the write itself with a clearer message
    }
  }

  private static Path folder(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException(file + " names no file");
    }
    return parent;
  }

  /** Why an operation failed, in words, without the (temporary) path the exception names. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f) {
      if (f.getReason() != null) {
        return f.getReason();
      }
      return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
          .toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
