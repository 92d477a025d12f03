package org.snn4j.datasets.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.api.DatasetFormatException;

class Aedat31ReaderTest {
  private static final int HEADER = new EventTestFiles.Aedat().bytes().length;

  private static List<long[]> read(byte[] file) throws Exception {
    List<long[]> events = new ArrayList<>();
    Aedat31Reader.read(new ByteArrayInputStream(file), file.length, "g.aedat", 128, 128,
        (x, y, p, t) -> events.add(new long[] {x, y, p, t}));
    return events;
  }

  private static DatasetFormatException bad(byte[] file) {
    return assertThrows(DatasetFormatException.class, () -> read(file));
  }

  @Test
  void readsPolarityEventsAcrossPacketsSkippingOtherTypesAndInvalidEvents() throws Exception {
    EventTestFiles.Aedat f = new EventTestFiles.Aedat()
        .polarity(0, EventTestFiles.events(127, 0, 1, 5, 3, 127, 0, 9))
        .packetHeader(0, 8, 4, 0, 2, 2, 2).raw(new byte[16]) // a special-event packet
        .packetHeader(1, 8, 4, 1, 3, 2, 2)
        .event(1, 2, 1, true, 7)
        .event(9, 9, 0, false, 8) // invalid: dropped
        .raw(new byte[8]); // capacity 3, number 2: one unused slot
    List<long[]> ev = read(f.bytes());
    assertEquals(3, ev.size());
    assertEquals(127, ev.get(0)[0]);
    assertEquals(1, ev.get(0)[2]);
    assertEquals(127, ev.get(1)[1]);
    assertEquals((1L << 31) + 7, ev.get(2)[3], "the overflow counter adds 2^31 us");
  }

  @Test
  void headerLinesMayEndWithLfAlone() throws Exception {
    EventTestFiles.Aedat f = new EventTestFiles.Aedat("#!AER-DAT3.1\n#!END-HEADER\n")
        .polarity(0, EventTestFiles.events(1, 1, 0, 1));
    assertEquals(1, read(f.bytes()).size());
  }

  @Test
  void wrongFirstLine() {
    DatasetFormatException e = bad(new EventTestFiles.Aedat("#!AER-DAT2.0\r\n#!END-HEADER\r\n").bytes());
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("does not start with #!AER-DAT3.1"), e.getMessage());
    assertEquals(0, bad(new byte[0]).offset());
  }

  @Test
  void headerWithoutItsEnd() {
    assertTrue(bad(new EventTestFiles.Aedat("#!AER-DAT3.1\r\n#x\r\n").bytes()).getMessage()
        .contains("ends inside the header"));
    DatasetFormatException e = bad(new EventTestFiles.Aedat("#!AER-DAT3.1\r\nbinary\r\n").bytes());
    assertEquals(14, e.offset());
  }

  @Test
  void truncatedPacketHeader() {
    byte[] f = new EventTestFiles.Aedat().raw(new byte[10]).bytes();
    DatasetFormatException e = bad(f);
    assertEquals(HEADER, e.offset());
    assertTrue(e.getMessage().contains("less than a 28-byte packet header"), e.getMessage());
  }

  @Test
  void sizesThatAreNegativeOrDisagree() {
    assertEquals(HEADER + 4, bad(new EventTestFiles.Aedat().packetHeader(1, -8, 4, 0, 1, 1, 1).bytes()).offset());
    assertEquals(HEADER + 4, bad(new EventTestFiles.Aedat().packetHeader(1, 8, 4, -1, 1, 1, 1).bytes()).offset());
    assertEquals(HEADER + 16, bad(new EventTestFiles.Aedat().packetHeader(1, 8, 4, 0, 1, 2, 1).raw(new byte[8])
        .bytes()).offset());
    assertEquals(HEADER + 4, bad(new EventTestFiles.Aedat().packetHeader(1, 12, 4, 0, 1, 1, 1).raw(new byte[12])
        .bytes()).offset());
  }

  @Test
  void aPacketClaimingMoreThanTheFileHoldsIsCaughtBeforeReading() {
    DatasetFormatException e = bad(new EventTestFiles.Aedat().packetHeader(1, 8, 4, 0, 2_000_000_000, 1, 1)
        .raw(new byte[16]).bytes());
    assertEquals(HEADER + 16, e.offset());
    assertTrue(e.getMessage().contains("only 16 bytes are left"), e.getMessage());
  }

  @Test
  void negativeAndBackwardTimestamps() {
    EventTestFiles.Aedat neg = new EventTestFiles.Aedat().packetHeader(1, 8, 4, 0, 1, 1, 1).event(1, 1, 0, true, -5);
    assertEquals(HEADER + 28 + 4, bad(neg.bytes()).offset());
    EventTestFiles.Aedat back = new EventTestFiles.Aedat().polarity(0, EventTestFiles.events(1, 1, 0, 10))
        .packetHeader(1, 8, 4, 0, 1, 1, 1).event(1, 1, 0, true, 9);
    DatasetFormatException e = bad(back.bytes());
    assertEquals(HEADER + 36 + 28 + 4, e.offset());
    assertTrue(e.getMessage().contains("earlier than the 10 us before it"), e.getMessage());
  }

  @Test
  void coordinatesOutsideTheSensor() {
    EventTestFiles.Aedat f = new EventTestFiles.Aedat().packetHeader(1, 8, 4, 0, 1, 1, 1).event(128, 3, 0, true, 1);
    DatasetFormatException e = bad(f.bytes());
    assertEquals(HEADER + 28, e.offset());
    assertTrue(e.getMessage().contains("(x=128, y=3) lies outside the 128x128 sensor"), e.getMessage());
  }
}
