package org.snn4j.datasets.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.Split;
import org.snn4j.plugins.PluginRegistry;

class NmnistReaderTest {
  @TempDir Path tmp;
  private final NmnistReader reader = new NmnistReader();

  @Test
  void readsTrainAndTestAsSequencesOfFrames() throws Exception {
    EventTestFiles.nmnist(tmp, 25);
    assertTrue(reader.isPresent(tmp, Split.TRAIN));
    assertTrue(reader.isPresent(tmp, Split.TEST));
    Dataset d = reader.read(tmp, Split.TRAIN);
    assertEquals(25, d.size());
    assertEquals(2 * 34 * 34, d.featureCount());
    assertEquals(NmnistReader.DEFAULT_FRAMES, d.timesteps());
    assertEquals(10, d.classCount());
    for (int i = 0; i < 25; i++) {
      assertEquals(i % 10, d.label(i), "ordered by file name across the label folders");
    }
    // sample 3's frames are exactly its events integrated
    FrameIntegrator f = new FrameIntegrator(FrameSettings.from("nmnist",
        PluginParams.of("nmnist", reader.parameterDefaults(), Map.of())), 34, 34);
    byte[] counts = new byte[(int) f.sampleSize()];
    f.integrate(EventTestFiles.recording(53, 3), counts);
    float[] x = new float[d.timesteps() * d.featureCount()];
    d.features(3, x, 0);
    for (int c = 0; c < counts.length; c++) {
      assertEquals(counts[c] != 0 ? 1f : 0f, x[c], "cell " + c);
    }
  }

  @Test
  void takesParametersThroughTheRegistryAndASpec() throws Exception {
    EventTestFiles.nmnist(tmp, 12);
    DatasetReader r = PluginRegistry.load(DatasetReader.class).get("nmnist");
    Dataset d = r.read(tmp, Split.TEST, PluginSpec.parse("nmnist:frames=4,split=time,mode=count,downsample=2"));
    assertEquals(4, d.timesteps());
    assertEquals(2 * 17 * 17, d.featureCount());
    EventFrameDataset e = (EventFrameDataset) d;
    assertEquals(FrameSettings.Mode.COUNT, e.layout().settings().mode());
    long total = 0;
    for (int c = 0; c < 4 * 578; c++) {
      total += e.cell(0, c);
    }
    assertEquals(50, total, "every event of sample 0 counted once");
    PluginException bad = assertThrows(PluginException.class,
        () -> r.read(tmp, Split.TEST, PluginSpec.parse("nmnist:frames=0")));
    assertTrue(bad.getMessage().contains("'frames'"), bad.getMessage());
    assertThrows(PluginException.class, () -> r.read(tmp, Split.TEST, PluginSpec.parse("nmnist:split=random")));
    assertThrows(PluginException.class, () -> r.read(tmp, Split.TEST, PluginSpec.parse("nmnist:colour=1")));
  }

  @Test
  void lowerCaseSplitFoldersWorkToo() throws Exception {
    EventTestFiles.write(tmp, "train", 4, "a.bin", AtisBinFormat.encode(EventTestFiles.recording(5, 1)));
    assertTrue(reader.isPresent(tmp, Split.TRAIN));
    assertFalse(reader.isPresent(tmp, Split.TEST));
    assertEquals(4, reader.read(tmp, Split.TRAIN).label(0));
  }

  @Test
  void aMissingSplitOrAnEmptyOneIsAClearError() throws Exception {
    assertThrows(NoSuchFileException.class, () -> reader.read(tmp, Split.TRAIN));
    Files.createDirectories(tmp.resolve("Train/3"));
    assertFalse(reader.isPresent(tmp, Split.TRAIN));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.read(tmp, Split.TRAIN));
    assertTrue(e.getMessage().contains("no .bin files"), e.getMessage());
  }

  @Test
  void aBadFileIsNamedWithItsOffsetWhateverTheThreadCount() throws Exception {
    EventTestFiles.nmnist(tmp, 40);
    byte[] good = AtisBinFormat.encode(EventTestFiles.recording(10, 1));
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
    Path bad1 = EventTestFiles.write(tmp, "Train", 7, "00017.bin", cut);
    EventTestFiles.write(tmp, "Train", 7, "00031.bin", new byte[0]);
    for (int run = 0; run < 3; run++) {
      DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.read(tmp, Split.TRAIN));
      assertEquals(bad1.toString(), e.file(), "the first bad file in dataset order");
      assertEquals(45, e.offset());
    }
  }

  @Test
  void spikeAndCountModesAgreeOnWhichCellsAreActive() throws Exception {
    EventTestFiles.nmnist(tmp, 10);
    Dataset spikes = reader.read(tmp, Split.TRAIN, PluginSpec.parse("nmnist"));
    Dataset counts = reader.read(tmp, Split.TRAIN, PluginSpec.parse("nmnist:mode=count"));
    float[] a = new float[10 * 2312];
    float[] b = new float[10 * 2312];
    for (int i = 0; i < 10; i++) {
      spikes.features(i, a, 0);
      counts.features(i, b, 0);
      for (int c = 0; c < a.length; c++) {
        assertEquals(a[c] > 0, b[c] > 0);
      }
    }
    float[] sample = new float[10 * 2312];
    spikes.features(9, sample, 0);
    float[] again = new float[10 * 2312];
    reader.read(tmp, Split.TRAIN).features(9, again, 0);
    assertArrayEquals(sample, again);
  }
}
