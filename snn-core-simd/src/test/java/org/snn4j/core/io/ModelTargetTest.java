package org.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.SequentialNet;

/** The model's folder, its temporary file and the checks made before training (tests run as root too). */
class ModelTargetTest {
  @TempDir Path dir;

  private static SequentialNet net() {
    return SequentialNet.mlp(new int[] {5, 4, 3}, new LifNeuron(0.3f, 0.45f, true), 1, Kernels.get());
  }

  /** A folder even root cannot create files in; sysfs refuses new regular files. */
  private static Path unwritableFolder() {
    Path sys = Path.of("/sys");
    assumeTrue(Files.isDirectory(sys), "needs /sys");
    return sys;
  }

  @Test
  void theModelGetsTheModeOfAnOrdinaryNewFile() throws Exception {
    Path f = dir.resolve("m.snn");
    ModelFile.write(f, net(), Map.of(), false);
    Path plain = dir.resolve("plain");
    Files.newOutputStream(plain).close();
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f), "umask-derived mode");
  }

  @Test
  void aWriteRemovesOnlyTheTemporaryFilesOfDeadProcesses() throws Exception {
    Process done = new ProcessBuilder("true").start();
    assertEquals(0, done.waitFor());
    long dead = done.pid();
    assumeTrue(ProcessHandle.of(dead).isEmpty(), "the pid was reused already");
    Process running = new ProcessBuilder("sleep", "60").start();
    try {
      long live = running.pid();
      long own = ProcessHandle.current().pid();
      Path f = dir.resolve("m.snn");
      Path deadSame = Files.writeString(ModelTarget.temporary(f, dead), "half");
      Path liveSame = Files.writeString(ModelTarget.temporary(f, live), "half");
      Path deadOther = Files.writeString(dir.resolve("other.snn.tmp-" + dead), "half");
      Path ownOther = Files.writeString(dir.resolve("other.snn.tmp-" + own), "half");
      Path notOurs = Files.writeString(dir.resolve("notes.txt.tmp-" + dead), "keep");
      assertEquals("m.snn.tmp-" + dead, deadSame.getFileName().toString());

      ModelFile.write(f, net(), Map.of(), false);

      assertFalse(Files.exists(deadSame), "dead process, this target");
      assertFalse(Files.exists(deadOther), "dead process, another model");
      assertTrue(Files.exists(liveSame), "a running process may still be writing");
      assertTrue(Files.exists(ownOther), "this process is alive");
      assertTrue(Files.exists(notOurs), "not a model's temporary file");
      assertTrue(Files.isRegularFile(f));
    } finally {
      running.destroyForcibly();
      running.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void missingFoldersAreMadeAndReported() throws Exception {
    Path f = dir.resolve("a/b/m.snn");
    assertEquals(dir.resolve("a"), ModelTarget.createFolder(f));
    assertTrue(Files.isDirectory(dir.resolve("a/b")));
    assertNull(ModelTarget.createFolder(f), "nothing to make the second time");
    ModelTarget.checkWritable(f);
    try (var s = Files.list(dir.resolve("a/b"))) {
      assertEquals(0, s.count(), "the writability probe is gone");
    }
  }

  @Test
  void aFolderThatCannotBeMadeOrWrittenNamesTheUsersPath() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain"), "a file");
    FileSystemException underFile =
        assertThrows(FileSystemException.class, () -> ModelTarget.createFolder(plain.resolve("sub/m.snn")));
    assertEquals(plain.toString(), underFile.getFile());
    assertEquals("is a file, not a folder", underFile.getReason());

    Path folder = unwritableFolder();
    Path f = folder.resolve("m.snn");
    FileSystemException probe = assertThrows(FileSystemException.class, () -> ModelTarget.checkWritable(f));
    assertEquals(folder.toString(), probe.getFile());
    assertTrue(probe.getReason().startsWith("does not accept new files (permission denied"), probe.getMessage());
    FileSystemException write =
        assertThrows(FileSystemException.class, () -> ModelFile.write(f, net(), Map.of(), false));
    assertEquals(f.toString(), write.getFile());
    assertFalse(write.getMessage().contains(".tmp"), "names the user's path, not a temporary one: " + write);
  }
}
