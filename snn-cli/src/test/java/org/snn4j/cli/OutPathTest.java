package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --out} is checked before training: its folder is made (with a notice) or refused, and must accept files. */
class OutPathTest {
  @TempDir static Path data;
  @TempDir Path work;

  @BeforeAll
  static void writeData() throws Exception {
    SmallFashionMnist.write(data, 100, 40);
  }

  private static List<String> tiny(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(), "--layers", "784,12,10",
        "--timesteps", "2", "--epochs", "1", "--batch", "50", "--out", out.toString(), "--no-progress"));
    args.addAll(List.of(extra));
    return args;
  }

  private static String oneLineError(CliRun run, String... fragments) {
    assertEquals(2, run.exitCode(), run.err());
    String err = run.errLines().strip();
    assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' missing in: " + err);
    }
    return err;
  }

  private static void assertNotTrained(CliRun run) {
    assertFalse(run.out().contains("epoch "), "refused before training:\n" + run.out());
  }

  @Test
  void outUnderARegularFileIsRefusedBeforeTraining() throws Exception {
    Path plain = Files.writeString(work.resolve("plain"), "a file");
    CliRun run = CliRun.of(tiny(plain.resolve("sub/m.snn")).toArray(String[]::new));
    oneLineError(run, "--out", plain + " is a file, not a folder");
    assertNotTrained(run);
  }

  @Test
  void outInAFolderThatRefusesNewFilesIsRefusedBeforeTrainingNamingTheUsersPath() {
    Path sys = Path.of("/sys");
    assumeTrue(Files.isDirectory(sys), "needs /sys, where even root cannot create files");
    CliRun run = CliRun.of(tiny(sys.resolve("m.snn")).toArray(String[]::new));
    String err = oneLineError(run, "--out /sys/m.snn", "/sys does not accept new files");
    assertFalse(err.contains(".tmp"), err);
    assertNotTrained(run);
  }

  @Test
  void outThatIsNotARegularFileIsRefused() {
    assumeTrue(Files.exists(Path.of("/dev/null")));
    CliRun run = CliRun.of(tiny(Path.of("/dev/null")).toArray(String[]::new));
    oneLineError(run, "--out: /dev/null is not a regular file");
    assertNotTrained(run);
  }

  @Test
  void missingFoldersForOutAreMadeWithANotice() throws Exception {
    Path out = work.resolve("new/deeper/m.snn");
    CliRun run = CliRun.of(tiny(out).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("snn: created folder " + work.resolve("new") + " for --out"), run.err());
    assertTrue(Files.isRegularFile(out));
  }
}
