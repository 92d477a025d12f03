package org.snn4j.datasets.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.Split;
import org.snn4j.datasets.cifar.CifarReader;
import org.snn4j.datasets.events.Aedat31Reader;
import org.snn4j.datasets.events.AtisBinFormat;
import org.snn4j.datasets.events.DvsGestureReader;
import org.snn4j.datasets.events.EventBuffer;
import org.snn4j.datasets.events.EventTestFiles;
import org.snn4j.datasets.events.GestureLabels;
import org.snn4j.datasets.events.NmnistReader;
import org.snn4j.datasets.fetch.FetchException;
import org.snn4j.datasets.fetch.Unpacker;
import org.snn4j.datasets.idx.IdxReader;
import org.snn4j.datasets.idx.IdxTestFiles;

/**
 * Every reader against hundreds of mutated and random files (see {@link FuzzHarness}): each must accept the input or
 * throw a {@link DatasetFormatException}; nothing else may escape, nothing may hang or allocate what the file does not
 * hold. Seeds are fixed, so a run is reproducible; a failure names the seed and try.
 */
class ReaderFuzzTest {
  @TempDir Path tmp;

  private Path file(String name, byte[] bytes) throws Exception {
    return Files.write(tmp.resolve(name), bytes);
  }

  @Test
  void idxFilesRawAndGzip() {
    byte[] images = IdxTestFiles.idx(new int[] {3, 4, 5}, IdxTestFiles.pixels(3, 4, 5, 1));
    byte[] labels = IdxTestFiles.idx(new int[] {3}, IdxTestFiles.labels(3, 0));
    int accepted = FuzzHarness.run("idx-raw", 1, List.of(images, labels), DatasetFormatException.class, in -> {
      IdxReader.read(file("x", in), in.length > 3 && in[3] == 1 ? IdxReader.LABEL_RANK : IdxReader.IMAGE_RANK);
    });
    assertTrue(accepted > 0, "some mutated IDX files still parse: the mutations reach the data");
    FuzzHarness.run("idx-gzip", 2, List.of(IdxTestFiles.gzip(images)), DatasetFormatException.class,
        in -> IdxReader.read(file("x.gz", in), IdxReader.IMAGE_RANK));
    // structure-aware: mutate the IDX bytes, then compress them, so the decompressed header is what lies
    Mutator m = new Mutator(3);
    FuzzHarness.run("idx-inside-gzip", 3, List.of(images), DatasetFormatException.class,
        in -> IdxReader.read(new ByteArrayInputStream(IdxTestFiles.gzip(m.mutate(in))), "x.gz",
            IdxReader.IMAGE_RANK));
  }

  @Test
  void cifarBatches() throws Exception {
    byte[] records = new byte[3 * CifarReader.RECORD_BYTES];
    for (int i = 0; i < records.length; i++) {
      records[i] = (byte) (i % CifarReader.RECORD_BYTES == 0 ? i % 10 : i * 7);
    }
    CifarReader reader = new CifarReader();
    int accepted = FuzzHarness.run("cifar", 4, List.of(records), DatasetFormatException.class, in -> {
      file("test_batch.bin", in);
      reader.read(tmp, Split.TEST);
    });
    assertTrue(accepted > 0);
  }

  @Test
  void nmnistEventFiles() throws Exception {
    byte[] events = AtisBinFormat.encode(EventTestFiles.recording(40, 2));
    byte[] overflow = AtisBinFormat.encode(EventTestFiles.events(1, 1, 0, 5, 2, 2, 1, 9_000_000));
    EventBuffer buffer = new EventBuffer();
    int accepted = FuzzHarness.run("atis-bin", 5, List.of(events, overflow), DatasetFormatException.class,
        in -> AtisBinFormat.parse(in, "x.bin", 34, 34, buffer));
    assertTrue(accepted > 0);
    EventTestFiles.nmnist(tmp, 3);
    NmnistReader reader = new NmnistReader();
    FuzzHarness.run("nmnist-folder", 6, List.of(events), DatasetFormatException.class, in -> {
      EventTestFiles.write(tmp, "Test", 4, "00001.bin", in);
      reader.read(tmp, Split.TEST, PluginSpec.parse("nmnist:frames=3,split=time"));
    });
  }

  @Test
  void aedatRecordings() {
    byte[] file = new EventTestFiles.Aedat()
        .polarity(0, EventTestFiles.gestureEvents(20, 0, 5, 1))
        .packetHeader(0, 8, 4, 0, 1, 1, 1).raw(new byte[8])
        .polarity(1, EventTestFiles.gestureEvents(5, (1L << 31) + 3, 5, 2))
        .bytes();
    // a minimal header too, so that mutations near the start land in packet headers
    byte[] shortHeader = new EventTestFiles.Aedat("#!AER-DAT3.1\n#!END-HEADER\n")
        .polarity(0, EventTestFiles.gestureEvents(8, 10, 5, 4)).bytes();
    int accepted = FuzzHarness.run("aedat31", 7, List.of(file, shortHeader), DatasetFormatException.class,
        in -> Aedat31Reader.read(new ByteArrayInputStream(in), in.length, "x.aedat", 128, 128, (x, y, p, t) -> { }));
    assertTrue(accepted > 0);
  }

  @Test
  void gestureLabelFilesAndTheWholeReader() throws Exception {
    byte[] csv = "class,startTime_usec,endTime_usec\r\n1,0,50\r\n11,40,100\r\n".getBytes(StandardCharsets.US_ASCII);
    int accepted = FuzzHarness.run("gesture-csv", 8, List.of(csv), DatasetFormatException.class,
        in -> GestureLabels.parse(in, "x_labels.csv", 11));
    assertTrue(accepted > 0);
    byte[] aedat = new EventTestFiles.Aedat().polarity(0, EventTestFiles.gestureEvents(30, 0, 4, 3)).bytes();
    DvsGestureReader reader = new DvsGestureReader();
    Mutator pick = new Mutator(9);
    FuzzHarness.run("dvs-gesture-folder", 9, List.of(aedat), DatasetFormatException.class, in -> {
      boolean labels = pick.random(1).length == 0;
      file("user01_led.aedat", labels ? aedat : in);
      file("user01_led_labels.csv", labels ? new Mutator(in.length).mutate(csv) : csv);
      reader.read(tmp, Split.TRAIN, PluginSpec.parse("dvs-gesture:frames=2,downsample=8"));
    });
  }

  @Test
  void downloadedArchives() throws Exception {
    byte[] zip = zip();
    byte[] tgz = IdxTestFiles.gzip(tar());
    Path out = tmp.resolve("out");
    FuzzHarness.run("zip", 10, List.of(zip), FetchException.class,
        in -> Unpacker.unpack(file("a.zip", in), out));
    FuzzHarness.run("tar-gz", 11, List.of(tgz), FetchException.class,
        in -> Unpacker.unpack(file("a.tar.gz", in), out));
    Mutator m = new Mutator(12);
    FuzzHarness.run("tar-inside-gzip", 12, List.of(tar()), FetchException.class,
        in -> Unpacker.unpack(file("b.tar.gz", IdxTestFiles.gzip(m.mutate(in))), out));
  }

  private static byte[] zip() throws Exception {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(b)) {
      z.putNextEntry(new java.util.zip.ZipEntry("Train/0/00001.bin"));
      z.write(new byte[] {1, 2, 3, 4, 5});
      z.closeEntry();
    }
    return b.toByteArray();
  }

  /** A one-file ustar archive. */
  private static byte[] tar() {
    byte[] h = new byte[512];
    byte[] name = "d/a.bin".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, h, 0, name.length);
    byte[] size = String.format("%011o", 5).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, h, 124, size.length);
    h[156] = '0';
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte x : h) {
      sum += x & 0xff;
    }
    byte[] sumText = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(sumText, 0, h, 148, sumText.length);
    h[154] = 0;
    byte[] tar = new byte[512 * 4];
    System.arraycopy(h, 0, tar, 0, 512);
    System.arraycopy(new byte[] {1, 2, 3, 4, 5}, 0, tar, 512, 5);
    return tar;
  }
}
