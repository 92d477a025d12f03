package org.snn4j.datasets.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.Split;

class DvsGestureReaderTest {
  @TempDir Path tmp;
  private final DvsGestureReader reader = new DvsGestureReader();

  /** A recording with events every 10 us over [0, 3000) and gestures given as class,start,end rows. */
  private Path recording(Path dir, String name, String labelRows) throws Exception {
    Files.createDirectories(dir);
    EventBuffer ev = EventTestFiles.gestureEvents(300, 0, 10, name.length());
    Path aedat = Files.write(dir.resolve(name + ".aedat"), new EventTestFiles.Aedat().polarity(0, ev).bytes());
    Files.writeString(dir.resolve(name + "_labels.csv"), "class,startTime_usec,endTime_usec\r\n" + labelRows);
    return aedat;
  }

  @Test
  void everyGestureIsOneSampleInRecordingThenLineOrder() throws Exception {
    Path root = tmp.resolve("DvsGesture");
    recording(root, "user01_led", "3,0,1000\r\n1,1000,2000\r\n11,2000,3000\r\n");
    recording(root, "user02_natural", "5,500,900\n");
    recording(root, "user24_led", "2,0,3000\n");
    assertTrue(reader.isPresent(tmp, Split.TRAIN));
    EventFrameDataset d = (EventFrameDataset) reader.read(tmp, Split.TRAIN);
    assertEquals(4, d.size());
    assertEquals(List.of(2, 0, 10, 4), List.of(d.label(0), d.label(1), d.label(2), d.label(3)));
    assertEquals(16, d.timesteps());
    assertEquals(2 * 128 * 128, d.featureCount());
    assertEquals(1, reader.read(tmp, Split.TEST).size(), "users 24-29 are the test split");
    // sample 3 holds exactly the events in [500, 900): 40 of them
    EventFrameDataset counts = (EventFrameDataset) reader.read(tmp, Split.TRAIN,
        PluginSpec.parse("dvs-gesture:mode=count,frames=2,downsample=4"));
    assertEquals(2 * 32 * 32, counts.featureCount());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 32, 32}, counts.sampleShape());
    long total = 0;
    for (int c = 0; c < 2 * counts.featureCount(); c++) {
      total += counts.cell(3, c);
    }
    assertEquals(40, total);
  }

  @Test
  void overlappingIntervalsEachGetTheirEvents() throws Exception {
    recording(tmp, "user03_led", "1,0,2000\n2,1500,3000\n");
    EventFrameDataset d = (EventFrameDataset) reader.read(tmp, Split.TRAIN, PluginSpec.parse("dvs-gesture:mode=count,"
        + "frames=1"));
    long[] totals = new long[2];
    for (int s = 0; s < 2; s++) {
      for (int c = 0; c < d.featureCount(); c++) {
        totals[s] += d.cell(s, c);
      }
    }
    assertEquals(200, totals[0]);
    assertEquals(150, totals[1]);
  }

  @Test
  void theTrialListsChooseTheRecordings() throws Exception {
    recording(tmp, "user01_led", "1,0,100\n");
    recording(tmp, "user02_led", "2,0,100\n");
    Files.writeString(tmp.resolve("trials_to_train.txt"), "user02_led.aedat\n\n");
    Files.writeString(tmp.resolve("trials_to_test.txt"), "user01_led.aedat\n");
    assertEquals(1, reader.read(tmp, Split.TRAIN).label(0));
    assertEquals(0, reader.read(tmp, Split.TEST).label(0));
    Files.writeString(tmp.resolve("trials_to_test.txt"), "../../etc/passwd\n");
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.read(tmp, Split.TEST));
    assertTrue(e.getMessage().contains("is not a recording name"), e.getMessage());
    assertFalse(reader.isPresent(tmp, Split.TEST));
  }

  @Test
  void badLabelFilesNameTheLine() throws Exception {
    String name = "user05_x_labels.csv";
    String[][] cases = {
      {"start,end\n", "0", "expected the header"},
      {"class,startTime_usec,endTime_usec\n1,2\n", "34", "has 2 fields"},
      {"class,startTime_usec,endTime_usec\n1,2,3\nx,1,2\n", "40", "not three integers"},
      {"class,startTime_usec,endTime_usec\n12,1,2\n", "34", "class 12 is out of range"},
      {"class,startTime_usec,endTime_usec\n1,5,5\n", "34", "is empty or negative"},
      {"", "0", "the file is empty"},
    };
    for (String[] c : cases) {
      DatasetFormatException e = assertThrows(DatasetFormatException.class,
          () -> GestureLabels.parse(c[0].getBytes(StandardCharsets.ISO_8859_1), name, 11), c[0]);
      assertEquals(Long.parseLong(c[1]), e.offset(), c[0]);
      assertTrue(e.getMessage().contains(c[2]), e.getMessage());
    }
  }

  @Test
  void aBrokenRecordingIsReportedWithItsFile() throws Exception {
    Path aedat = recording(tmp, "user04_led", "1,0,100\n");
    byte[] bytes = Files.readAllBytes(aedat);
    Files.write(aedat, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.read(tmp, Split.TRAIN));
    assertEquals(aedat.toString(), e.file());
  }
}
