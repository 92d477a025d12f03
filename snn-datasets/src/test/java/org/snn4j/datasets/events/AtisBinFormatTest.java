package org.snn4j.datasets.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.DatasetFormatException;

class AtisBinFormatTest {
  @TempDir Path tmp;

  private static DatasetFormatException bad(byte[] data) {
    return assertThrows(DatasetFormatException.class,
        () -> AtisBinFormat.parse(data, "f.bin", 34, 34, new EventBuffer()));
  }

  @Test
  void decodesTheFortyBitLayout() throws Exception {
    // x=3, y=33, ON, t = 0x12345 ; x=0, y=0, OFF, t = 0x7FFFFF (the largest 23-bit stamp)
    byte[] data = {3, 33, (byte) 0x81, 0x23, 0x45, 0, 0, 0x7f, (byte) 0xff, (byte) 0xff};
    EventBuffer b = new EventBuffer();
    AtisBinFormat.parse(data, "f.bin", 34, 34, b);
    assertEquals(2, b.size());
    assertEquals(3, b.x(0));
    assertEquals(33, b.y(0));
    assertEquals(1, b.p(0));
    assertEquals(0x12345, b.t(0));
    assertEquals(0, b.p(1));
    assertEquals(0x7FFFFF, b.t(1));
  }

  @Test
  void encodeAndParseRoundTripIncludingOverflowMarkers() throws Exception {
    EventBuffer in = EventTestFiles.events(1, 2, 1, 10, 5, 6, 0, 8_388_607, 7, 8, 1, 8_388_608, 9, 9, 0, 30_000_000);
    byte[] bytes = AtisBinFormat.encode(in);
    assertTrue(bytes.length > 4 * 5, "markers were added");
    EventBuffer out = new EventBuffer();
    AtisBinFormat.parse(bytes, "f.bin", 34, 34, out);
    assertEquals(in.size(), out.size());
    for (int e = 0; e < in.size(); e++) {
      assertEquals(in.t(e), out.t(e));
      assertEquals(in.x(e), out.x(e));
      assertEquals(in.y(e), out.y(e));
      assertEquals(in.p(e), out.p(e));
    }
  }

  @Test
  void anOverflowMarkerAddsTwoToTheThirteenMicroseconds() throws Exception {
    byte[] data = {1, 1, 0, 0, 100, 0, (byte) 240, 0, 0, 0, 1, 1, 0, 0, 50};
    EventBuffer b = new EventBuffer();
    AtisBinFormat.parse(data, "f.bin", 34, 34, b);
    assertEquals(2, b.size());
    assertEquals(8192 + 50, b.t(1));
  }

  @Test
  void emptyFile() {
    DatasetFormatException e = bad(new byte[0]);
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void truncatedLastEventNamesWhereItStarts() {
    DatasetFormatException e = bad(new byte[] {1, 1, 0, 0, 1, 2, 2, 0});
    assertEquals(5, e.offset());
    assertTrue(e.getMessage().startsWith("f.bin at byte 5: truncated: the last event has 3 of its 5 bytes"),
        e.getMessage());
  }

  @Test
  void coordinatesOutsideTheSensor() {
    DatasetFormatException e = bad(new byte[] {1, 1, 0, 0, 1, 34, 0, 0, 0, 2});
    assertEquals(5, e.offset());
    assertTrue(e.getMessage().contains("(x=34, y=0) lies outside the 34x34 sensor"), e.getMessage());
    assertEquals(5, bad(new byte[] {1, 1, 0, 0, 1, 0, 34, 0, 0, 2}).offset());
  }

  @Test
  void timestampsGoingBackwards() {
    DatasetFormatException e = bad(new byte[] {1, 1, 0, 1, 0, 2, 2, 0, 0, (byte) 255});
    assertEquals(7, e.offset());
    assertTrue(e.getMessage().contains("timestamp 255 us, earlier than the 256 us before it"), e.getMessage());
  }

  @Test
  void aFileClaimingMoreThanTheEventLimitIsRefusedBeforeReading() throws Exception {
    Path huge = tmp.resolve("huge.bin");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength((long) AtisBinFormat.MAX_EVENTS * 5 + 5); // sparse: costs no disk
    }
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> AtisBinFormat.read(huge, 34, 34, new EventBuffer()));
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("expected at most"), e.getMessage());
  }

  @Test
  void readsFromAFile() throws Exception {
    EventBuffer in = EventTestFiles.recording(300, 4);
    Path f = Files.write(tmp.resolve("a.bin"), AtisBinFormat.encode(in));
    EventBuffer out = new EventBuffer();
    AtisBinFormat.read(f, 34, 34, out);
    assertEquals(300, out.size());
    assertArrayEquals(AtisBinFormat.encode(in), AtisBinFormat.encode(out));
    assertArrayEquals(Arrays.copyOf(Files.readAllBytes(f), 5), Arrays.copyOf(AtisBinFormat.encode(out), 5));
  }

  @Test
  void encodeRefusesWhatTheFormatCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> AtisBinFormat.encode(EventTestFiles.events(1, 240, 0, 0)));
    assertThrows(IllegalArgumentException.class,
        () -> AtisBinFormat.encode(EventTestFiles.events(1, 1, 0, 5, 1, 1, 0, 4)));
  }
}
