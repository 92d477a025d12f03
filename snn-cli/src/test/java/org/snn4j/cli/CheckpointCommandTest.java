package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.core.io.Checkpoint;

/**
 * {@code snn train --checkpoint/--resume}: a run killed with {@code kill -9} after its first checkpoint and resumed
 * writes the model an uninterrupted run writes, byte for byte; a damaged or mismatched checkpoint is refused in one
 * line with exit code 2.
 */
class CheckpointCommandTest {
  private static final int TRAIN = 2000;
  private static final int BATCH = 20;

  @TempDir static Path data;
  @TempDir Path work;

  @BeforeAll
  static void writeData() throws Exception {
    SmallFashionMnist.write(data, TRAIN, 100);
  }

  /** The run's flags, each of {@code extra}'s flag-value pairs replacing the default's value or added. */
  private static List<String> train(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(), "--layers", "784,32,10",
        "--timesteps", "4", "--epochs", "2", "--batch", Integer.toString(BATCH), "--lr", "5e-3", "--seed", "3",
        "--out", out.toString(), "--no-progress"));
    for (int i = 0; i + 1 < extra.length; i += 2) {
      int at = args.indexOf(extra[i]);
      if (at >= 0) {
        args.set(at + 1, extra[i + 1]);
      } else {
        args.add(extra[i]);
        args.add(extra[i + 1]);
      }
    }
    return args;
  }

  private static CliRun run(List<String> args) {
    return CliRun.of(args.toArray(String[]::new));
  }

  private byte[] uninterrupted() throws Exception {
    Path model = work.resolve("whole.snn");
    CliRun r = run(train(model, "--threads", "2"));
    assertEquals(0, r.exitCode(), r.err());
    return Files.readAllBytes(model);
  }

  /** The command line of a new JVM running {@code snn}, with this JVM's kernels (the same bits). */
  private static List<String> newJvm(List<String> args) {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dguice_bytecode_gen_option=DISABLED"));
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      command.add("--add-modules=jdk.incubator.vector");
    }
    String simd = System.getProperty("snn.simd");
    if (simd != null && !simd.isBlank()) {
      command.add("-Dsnn.simd=" + simd);
    }
    command.addAll(List.of("-cp", cp, Main.class.getName()));
    command.addAll(args);
    return command;
  }

  @Test
  void aRunKilledAfterItsFirstCheckpointAndResumedWritesTheUninterruptedModel() throws Exception {
    byte[] want = uninterrupted();
    Path checkpoint = work.resolve("run.ckpt");
    Path killedOut = work.resolve("killed.snn");
    Path log = work.resolve("child.log");
    Process p = new ProcessBuilder(newJvm(train(killedOut, "--threads", "2", "--checkpoint", checkpoint.toString(),
        "--checkpoint-every", "7")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      assertTrue(Files.exists(checkpoint), "no checkpoint appeared: " + Files.readString(log));
      assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(log));
    } finally {
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertFalse(Files.exists(killedOut), "killed before it wrote its model");
    Checkpoint c = Checkpoint.read(checkpoint); // whole: a write in progress goes to a temporary file
    int perEpoch = TRAIN / BATCH;
    long done = (long) (c.epoch() - 1) * perEpoch + c.progress().batches();
    assertTrue(done % 7 == 0 && done < 2L * perEpoch, "a checkpoint part way: epoch " + c.epoch() + ", "
        + c.progress());

    Path resumedOut = work.resolve("resumed.snn");
    CliRun r = run(train(resumedOut, "--threads", "1", "--resume", checkpoint.toString()));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("snn: resuming " + checkpoint + ": epoch " + c.epoch() + " after batch "
        + c.progress().batches()), r.err());
    assertTrue(r.lastOutLine().contains("\"resumed_from\":\"" + checkpoint + "\""), r.lastOutLine());
    assertArrayEquals(want, Files.readAllBytes(resumedOut), "the same model as the uninterrupted run, byte for byte");
  }

  /** Checkpoints after each epoch; a resume may ask for more epochs than the run it continues. */
  @Test
  void anEpochCheckpointResumedWithMoreEpochsWritesTheLongerRunsModel() throws Exception {
    byte[] want = uninterrupted();
    Path checkpoint = work.resolve("epoch.ckpt");
    CliRun first = run(train(work.resolve("one.snn"), "--checkpoint", checkpoint.toString(), "--checkpoint-every",
        "1e", "--epochs", "1"));
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.err().contains("snn: checkpoints to " + checkpoint + " every epoch"), first.err());
    Checkpoint c = Checkpoint.read(checkpoint);
    assertEquals(1, c.epoch());
    assertEquals(TRAIN / BATCH, c.progress().batches(), "after the epoch's last batch");

    // as if made with other kernels: a warning, and the run goes on (here with the same kernels, so the same bits)
    String kernels = c.header().get("kernels");
    assertTrue(kernels != null && !kernels.isBlank(), c.header().toString());
    Files.write(checkpoint, withHeaderLine(Files.readAllBytes(checkpoint), "kernels=" + kernels, "kernels=other-7"));
    Path out = work.resolve("two.snn");
    CliRun second = run(train(out, "--resume", checkpoint.toString(), "--checkpoint", checkpoint.toString()));
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.err().contains("snn: the checkpoint was made with kernels other-7, this run uses " + kernels
        + ": the model may differ in its last bits"), second.err());
    assertEquals(2, second.out().lines().filter(l -> l.startsWith("epoch ")).count(),
        "epoch 1's test is run again from its checkpoint, then epoch 2: " + second.out());
    assertArrayEquals(want, Files.readAllBytes(out));
    assertEquals(2, Checkpoint.read(checkpoint).epoch(), "the resumed run went on writing checkpoints");
  }

  /** A checkpoint's bytes with one header line replaced, the header length and the CRC fixed. */
  private static byte[] withHeaderLine(byte[] bytes, String from, String to) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    int length = b.getInt(12);
    String header = new String(bytes, 16, length, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(header.contains(from + "\n"), header);
    byte[] h = header.replace(from + "\n", to + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(bytes.length - length + h.length);
    out.put(bytes, 0, 12).putInt(h.length).put(h).put(bytes, 16 + length, bytes.length - 16 - length - 4);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  private static String oneLineError(CliRun r) {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    String err = r.errLines().strip();
    assertFalse(err.contains("\n"), "one line: " + err);
    assertTrue(err.startsWith("snn: "), err);
    return err;
  }

  @Test
  void aDamagedOrMismatchedCheckpointIsAOneLineErrorWithExitCode2() throws Exception {
    Path checkpoint = work.resolve("c.ckpt");
    CliRun first = run(train(work.resolve("a.snn"), "--checkpoint", checkpoint.toString(), "--checkpoint-every",
        "40", "--epochs", "1"));
    assertEquals(0, first.exitCode(), first.err());
    byte[] good = Files.readAllBytes(checkpoint);

    Path damaged = work.resolve("damaged.ckpt");
    byte[] bytes = good.clone();
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(damaged, bytes);
    String err = oneLineError(run(train(work.resolve("b.snn"), "--resume", damaged.toString())));
    assertTrue(err.contains(damaged.toString()) && err.contains("checksum mismatch"), err);

    Files.write(damaged, java.util.Arrays.copyOf(good, good.length / 3));
    err = oneLineError(run(train(work.resolve("b.snn"), "--resume", damaged.toString())));
    assertTrue(err.contains(damaged.toString()) && err.contains("damaged or truncated"), err);

    err = oneLineError(run(train(work.resolve("b.snn"), "--resume", checkpoint.toString(), "--lr", "1e-3")));
    assertTrue(err.contains("--resume " + checkpoint + ": the checkpoint was made with --lr 0.005, this run has --lr"
        + " 0.001"), err);
    err = oneLineError(run(train(work.resolve("b.snn"), "--resume", checkpoint.toString(), "--layers",
        "784,33,10")));
    assertTrue(err.contains("--layers 784,32,10, this run has --layers 784,33,10"), err);
    err = oneLineError(run(train(work.resolve("b.snn"), "--resume", checkpoint.toString(), "--train-limit",
        "1000")));
    assertTrue(err.contains("--train-limit none, this run has --train-limit 1000"), err);
    err = oneLineError(run(train(work.resolve("b.snn"), "--resume", work.resolve("none.ckpt").toString())));
    assertTrue(err.contains("--resume " + work.resolve("none.ckpt") + ": no such file"), err);
    err = oneLineError(run(train(work.resolve("b.snn"), "--resume", work.resolve("a.snn").toString())));
    assertTrue(err.contains("not an snn4j checkpoint"), err);
  }

  @Test
  void badCheckpointFlagsAreOneLineErrors() throws Exception {
    Path checkpoint = work.resolve("x.ckpt");
    String err = oneLineError(run(train(work.resolve("m.snn"), "--checkpoint", checkpoint.toString(),
        "--checkpoint-every", "0")));
    assertTrue(err.contains("--checkpoint-every must be a number of batches N or of epochs Ne"), err);
    err = oneLineError(run(train(work.resolve("m.snn"), "--checkpoint", checkpoint.toString(), "--checkpoint-every",
        "2x")));
    assertTrue(err.contains("got '2x'"), err);
    err = oneLineError(run(train(work.resolve("m.snn"), "--checkpoint-every", "5")));
    assertTrue(err.contains("--checkpoint-every needs --checkpoint FILE"), err);
    Files.writeString(checkpoint, "an older run's");
    err = oneLineError(run(train(work.resolve("m.snn"), "--checkpoint", checkpoint.toString())));
    assertTrue(err.contains(checkpoint + " exists; pass --force to overwrite it, or --resume it"), err);
    assertEquals("an older run's", Files.readString(checkpoint));
    assertFalse(Files.exists(work.resolve("m.snn")));
  }
}
