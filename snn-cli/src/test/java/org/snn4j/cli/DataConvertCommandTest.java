package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataConvertCommandTest {
  @TempDir Path tmp;

  @Test
  void convertsAnIdxSetToNmnistFilesAndRefusesToWriteOverThem() throws Exception {
    Path idx = SmallFashionMnist.write(tmp.resolve("idx"), 40, 20);
    Path out = tmp.resolve("events");
    CliRun run = CliRun.of("data", "convert-nmnist", "--data-dir", idx.toString(), "--out", out.toString(),
        "--train-limit", "30");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.lastOutLine().contains("\"train_samples\":30,\"test_samples\":20"), run.out());
    assertTrue(Files.isRegularFile(out.resolve("Train/9/00000.bin")), "the first Fashion-MNIST image is an ankle boot");
    assertTrue(Files.readString(out.resolve("CONVERTED.txt")).contains("contrast threshold 0.5000"));
    CliRun again = CliRun.of("data", "convert-nmnist", "--data-dir", idx.toString(), "--out", out.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.errLines().contains("--force"), again.err());
    assertEquals(0, CliRun.of("data", "convert-nmnist", "--data-dir", idx.toString(), "--out", out.toString(),
        "--force", "--threshold", "0.8").exitCode());
    assertEquals(2, CliRun.of("data", "convert-nmnist", "--data-dir", idx.toString(), "--out",
        tmp.resolve("x").toString(), "--threshold", "0").exitCode());
  }
}
