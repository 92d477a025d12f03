package org.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Parameter;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.optim.Adam;
import org.snn4j.core.optim.CheckpointableOptimizer;
import org.snn4j.core.optim.Sgd;
import org.snn4j.core.train.EpochProgress;

/** The checkpoint file: what it keeps, and one-line errors naming the file and the field for what is wrong. */
class CheckpointFileTest {
  private static final String NET = "conv2k3p1,lif,avgpool2,flatten,dropout0.3,dense4,lif";

  @TempDir Path dir;
  private Path file;
  private SequentialNet net;
  private Adam adam;

  private static SequentialNet net() {
    return NetSpec.parse(NET).build(Shape.image(1, 6, 6), s -> LifNeuron.PAPER, 1, Kernels.get());
  }

  @BeforeEach
  void writeOne() throws IOException {
    net = net();
    adam = new Adam(2e-3f);
    for (Parameter p : net.parameters()) {
      Arrays.fill(p.gradient(), 0.25f);
    }
    adam.step(net.parameters());
    adam.step(net.parameters());
    adam.setLearningRate(1.5e-3f);
    Dropout d = (Dropout) net.layers().get(3);
    d.setBatches(41);
    file = dir.resolve("run.ckpt");
    Checkpoint.write(file, net, adam, 3, new EpochProgress(5, 37, 1.25, new long[] {9, 0, 0, 0, 4}, 2.5),
        Map.of("--lr", "0.002"));
  }

  @Test
  void keepsTheNetworkTheOptimizerTheDropoutCounterAndThePosition() throws IOException {
    Checkpoint c = Checkpoint.read(file);
    assertEquals(3, c.epoch());
    EpochProgress p = c.progress();
    assertEquals(5, p.batches());
    assertEquals(37, p.samples());
    assertEquals(1.25, p.lossSum());
    assertEquals(2.5, p.seconds());
    assertArrayEquals(new long[] {9, 0, 0, 0, 4}, p.spikeCounts());
    assertEquals("0.002", c.header().get("--lr"));
    assertEquals("adam", c.optimizer());

    SequentialNet back = net();
    Adam fresh = new Adam(1f);
    c.restore(back, fresh);
    assertArrayEquals(ModelFile.encode(net, Map.of()), ModelFile.encode(back, Map.of()));
    assertEquals(41, ((Dropout) back.layers().get(3)).batches());
    assertEquals(2, fresh.steps());
    assertEquals(1.5e-3f, fresh.learningRate());
    for (int q = 0; q < net.parameters().size(); q++) {
      float[][] want = adam.state(net.parameters().get(q));
      float[][] got = fresh.state(back.parameters().get(q));
      assertArrayEquals(want[0], got[0]);
      assertArrayEquals(want[1], got[1]);
    }
    Path again = dir.resolve("again.ckpt");
    Checkpoint.write(again, back, fresh, 3, c.progress(), Map.of("--lr", "0.002"));
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), "the same state, the same bytes");
  }

  @Test
  void sgdBeforeItsFirstStepKeepsNoBuffer() throws IOException {
    Sgd sgd = new Sgd(0.1f, 0.9f);
    Checkpoint.write(file, net, sgd, 1, new EpochProgress(5), Map.of());
    Sgd back = new Sgd(0.1f, 0.9f);
    Checkpoint.read(file).restore(net(), back);
    assertEquals(0, back.steps());
    for (Parameter p : net.parameters()) {
      assertEquals(null, back.state(p));
    }
  }

  private String error(byte[] bytes) throws IOException {
    Files.write(file, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(file));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void aFlippedByteIsAChecksumMismatch() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 40] ^= 0x10;
    String m = error(bytes);
    assertTrue(m.contains("checksum mismatch: the checkpoint is damaged"), m);
  }

  @Test
  void aTruncatedFileSaysSo() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String m = error(Arrays.copyOf(bytes, bytes.length - 100));
    assertTrue(m.contains("checksum mismatch: the checkpoint is damaged or truncated"), m);
    m = error(Arrays.copyOf(bytes, 10));
    assertTrue(m.contains("too short"), m);
  }

  @Test
  void aModelFileIsNotACheckpoint() throws IOException {
    String m = error(ModelFile.encode(net, Map.of()));
    assertTrue(m.contains("not an snn4j checkpoint (expected magic SNN4JCKP)"), m);
  }

  @Test
  void anotherVersionIsRefused() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[11] = 2;
    String m = error(bytes);
    assertTrue(m.contains("checkpoint format version 2 is not supported (this snn4j reads 1)"), m);
  }

  /** A header value changed and the CRC made to match: the key and its value are named. */
  @Test
  void aBadHeaderValueNamesTheKey() throws IOException {
    byte[] badEpoch = withHeader("epoch=3", "epoch=x3");
    byte[] badRate = withHeader("learning_rate=0.0015", "learning_rate=-1.00");
    String m = error(badEpoch);
    assertTrue(m.contains("has epoch=x3 in its header, which is not a whole number"), m);
    m = error(badRate);
    assertTrue(m.contains("has learning_rate=-1.00 in its header, which is not above 0"), m);
  }

  @Test
  void aCheckpointOfAnotherNetworkOrOptimizerIsRefusedByRestore() throws IOException {
    Checkpoint c = Checkpoint.read(file);
    SequentialNet other = NetSpec.parse(NET.replace("dense4", "dense5"))
        .build(Shape.image(1, 6, 6), s -> LifNeuron.PAPER, 1, Kernels.get());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> c.restore(other, new Adam(1f)));
    assertTrue(e.getMessage().startsWith("the checkpoint " + file), e.getMessage());
    assertTrue(e.getMessage().contains("dense4") && e.getMessage().contains("dense5"), e.getMessage());

    CheckpointableOptimizer sgd = new Sgd(0.1f, 0.9f);
    e = assertThrows(ModelFormatException.class, () -> c.restore(net(), sgd));
    assertTrue(e.getMessage().contains("optimizer=adam in its header, but this run's optimizer is sgd"),
        e.getMessage());

    SequentialNet mlp = SequentialNet.mlp(new int[] {36, 4}, LifNeuron.PAPER, Kernels.get());
    e = assertThrows(ModelFormatException.class, () -> c.restore(mlp, new Adam(1f)));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  /** The file with one header text replaced (same length or not) and the lengths and the CRC fixed. */
  private byte[] withHeader(String from, String to) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int headerLength = b.getInt(12);
    String header = new String(bytes, 16, headerLength, StandardCharsets.UTF_8);
    assertTrue(header.contains(from + "\n"), header);
    byte[] h = header.replace(from + "\n", to + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(bytes.length - headerLength + h.length);
    out.put(bytes, 0, 12).putInt(h.length).put(h).put(bytes, 16 + headerLength, bytes.length - 16 - headerLength - 4);
    CRC32 crc = new CRC32();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }
}
