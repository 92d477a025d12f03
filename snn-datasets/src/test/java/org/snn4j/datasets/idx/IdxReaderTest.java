package org.snn4j.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.snn4j.datasets.idx.IdxTestFiles.gzip;
import static org.snn4j.datasets.idx.IdxTestFiles.idx;
import static org.snn4j.datasets.idx.IdxTestFiles.pixels;
import static org.snn4j.datasets.idx.IdxTestFiles.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.DatasetFormatException;

class IdxReaderTest {
  @TempDir Path dir;

  private static final int[] SHAPE = {5, 3, 4};
  private static final byte[] PIXELS = pixels(5, 3, 4, 1);

  @Test
  void readsRawImagesBackWithTheirDimensionsAndValues() throws IOException {
    Path file = write(dir, "images", idx(SHAPE, PIXELS));
    IdxArray a = IdxReader.read(file, IdxReader.IMAGE_RANK);
    assertArrayEquals(SHAPE, a.dims());
    assertEquals(5, a.count());
    assertEquals(12, a.itemSize());
    assertArrayEquals(PIXELS, a.data());
  }

  @Test
  void readsGzipImagesAndLabelsBack() throws IOException {
    byte[] labels = {9, 0, 3, (byte) 255};
    IdxArray images = IdxReader.read(write(dir, "images.gz", gzip(idx(SHAPE, PIXELS))), IdxReader.IMAGE_RANK);
    IdxArray labelArray = IdxReader.read(write(dir, "labels.gz", gzip(idx(new int[] {4}, labels))), 1);
    assertArrayEquals(SHAPE, images.dims());
    assertArrayEquals(PIXELS, images.data());
    assertArrayEquals(new int[] {4}, labelArray.dims());
    assertArrayEquals(labels, labelArray.data());
    assertEquals(8, labelArray.headerSize());
  }

  @Test
  void detectsGzipByItsMagicBytesNotByTheFileName() throws IOException {
    Path gzipWithoutSuffix = write(dir, "images-idx3-ubyte", gzip(idx(SHAPE, PIXELS)));
    Path rawWithSuffix = write(dir, "images-idx3-ubyte.gz", idx(SHAPE, PIXELS));
    assertArrayEquals(PIXELS, IdxReader.read(gzipWithoutSuffix, 3).data());
    assertArrayEquals(PIXELS, IdxReader.read(rawWithSuffix, 3).data());
  }

  @Test
  void readsAStreamAndNamesItInMessages() throws IOException {
    IdxArray a = IdxReader.read(new ByteArrayInputStream(gzip(idx(SHAPE, PIXELS))), "builtin:x/images.gz", 3);
    assertArrayEquals(PIXELS, a.data());
    DatasetFormatException e = assertThrows(
        DatasetFormatException.class,
        () -> IdxReader.read(new ByteArrayInputStream(gzip(idx(SHAPE, PIXELS))), "builtin:x/labels.gz", 1));
    assertEquals("builtin:x/labels.gz", e.file());
    assertEquals(3, e.offset());
  }

  @Test
  void readsMoreThanOneChunkWhenTheLengthIsUnknown() throws IOException {
    // 3 MB crosses the first 1 MB chunk twice, exercising the growing buffer
    int[] shape = {4000, 28, 28};
    byte[] data = pixels(4000, 28, 28, 3);
    assertArrayEquals(data, IdxReader.read(write(dir, "big.gz", gzip(idx(shape, data))), 3).data());
  }

  @Test
  void emptyFileFailsAtOffsetZero() {
    Path file = write(dir, "empty-images", new byte[0]);
    DatasetFormatException e = expectFailure(file, 3, 0);
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void emptyStreamFailsAtOffsetZero() {
    DatasetFormatException e = assertThrows(
        DatasetFormatException.class, () -> IdxReader.read(new ByteArrayInputStream(new byte[0]), "stdin", 1));
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().startsWith("stdin at byte 0: "), e.getMessage());
  }

  @Test
  void fileThatIsNeitherIdxNorGzipSaysWhatWasExpected() {
    Path file = write(dir, "readme.txt", "hello, this is text".getBytes(StandardCharsets.US_ASCII));
    DatasetFormatException e = expectFailure(file, 3, 0);
    assertTrue(e.getMessage().contains("68 65 6c 6c"), e.getMessage());
    assertTrue(e.getMessage().contains("gzip file (starting 1f 8b)"), e.getMessage());
  }

  @Test
  void wrongMagicInsideGzipFailsAtDecompressedOffsetZero() {
    Path file = write(dir, "images.gz", gzip(new byte[] {1, 2, 8, 3, 0, 0, 0, 1}));
    DatasetFormatException e = expectFailure(file, 3, 0);
    assertTrue(e.getMessage().contains("after decompression; expected an IDX file starting 00 00 08 03"),
        e.getMessage());
  }

  @Test
  void wrongMagicInRawFileFailsAtOffsetZero() {
    Path file = write(dir, "images", new byte[] {0, 1, 8, 3, 0, 0, 0, 1});
    DatasetFormatException e = expectFailure(file, 3, 0);
    assertTrue(e.getMessage().contains("wrong magic number 00 01 08 03"), e.getMessage());
  }

  @Test
  void unsupportedDataTypeFailsAtOffsetTwo() {
    byte[] floats = idx(new int[] {1}, new byte[4]);
    floats[2] = 0x0d;
    DatasetFormatException e = expectFailure(write(dir, "labels", floats), 1, 2);
    assertTrue(e.getMessage().contains("0x0d (float) is not supported; expected 0x08"), e.getMessage());
  }

  @Test
  void labelsFileGivenAsImagesFailsAtTheDimensionCount() {
    Path file = write(dir, "train-labels-idx1-ubyte", idx(new int[] {3}, new byte[] {1, 2, 3}));
    DatasetFormatException e = expectFailure(file, IdxReader.IMAGE_RANK, 3);
    assertTrue(e.getMessage().contains("declares 1 dimension(s); expected 3"), e.getMessage());
    assertTrue(e.getMessage().contains("looks like a labels file"), e.getMessage());
  }

  @Test
  void imagesFileGivenAsLabelsFailsAtTheDimensionCount() {
    Path file = write(dir, "images.gz", gzip(idx(SHAPE, PIXELS)));
    DatasetFormatException e = expectFailure(file, IdxReader.LABEL_RANK, 3);
    assertTrue(e.getMessage().contains("looks like an images file"), e.getMessage());
  }

  @Test
  void zeroDimensionFailsAtItsOwnOffset() {
    Path file = write(dir, "images", idx(new int[] {2, 0, 4}, new byte[0]));
    DatasetFormatException e = expectFailure(file, 3, 8);
    assertTrue(e.getMessage().contains("dimension 1 is 0"), e.getMessage());
  }

  @Test
  void negativeLookingDimensionFailsAtItsOwnOffset() {
    Path file = write(dir, "images.gz", gzip(idx(new int[] {2, 28, 0x80000010}, new byte[0])));
    DatasetFormatException e = expectFailure(file, 3, 12);
    assertTrue(e.getMessage().contains("80 00 00 10"), e.getMessage());
  }

  @Test
  void headerCutShortFailsWhereItEnds() {
    Path file = write(dir, "images", new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0});
    expectFailure(file, 3, 10);
    expectFailure(write(dir, "tiny", new byte[] {0, 0}), 3, 2);
  }

  @Test
  void truncatedRawDataFailsWhereTheFileEnds() {
    byte[] full = idx(new int[] {2, 2, 2}, new byte[8]);
    Path file = write(dir, "images", Arrays.copyOf(full, full.length - 3));
    DatasetFormatException e = expectFailure(file, 3, 16 + 5);
    assertTrue(e.getMessage().contains("claims 8 data bytes, up to byte 24"), e.getMessage());
  }

  @Test
  void truncatedGzipDataFailsWhereTheDecompressedDataEnds() {
    byte[] full = idx(new int[] {2, 2, 2}, new byte[8]);
    Path file = write(dir, "images.gz", gzip(Arrays.copyOf(full, full.length - 3)));
    expectFailure(file, 3, 16 + 5);
  }

  @Test
  void bytesAfterTheLastItemAreAnError() {
    byte[] data = idx(new int[] {2}, new byte[] {1, 2, 3});
    expectFailure(write(dir, "labels", data), 1, 10);
    expectFailure(write(dir, "labels.gz", gzip(data)), 1, 10);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void rawHeaderClaimingBillionsOfItemsFailsFastWhereTheDataEnds() {
    Path file = write(dir, "labels", idx(new int[] {Integer.MAX_VALUE}, new byte[10]));
    long before = allocatedBytes();
    DatasetFormatException e = expectFailure(file, 1, 18);
    assertAllocatedLittleSince(before);
    assertTrue(e.getMessage().contains("claims 2147483647 data bytes"), e.getMessage());
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void gzipHeaderClaimingBillionsOfItemsFailsFastWhereTheDataEnds() {
    Path labels = write(dir, "labels.gz", gzip(idx(new int[] {Integer.MAX_VALUE}, new byte[10])));
    // 2^31-1 images of 28x28 are more than any array holds; the more useful fact is still where the data ended
    Path images = write(dir, "images.gz", gzip(idx(new int[] {Integer.MAX_VALUE, 28, 28}, new byte[100])));
    Path rawImages = write(dir, "images", idx(new int[] {Integer.MAX_VALUE, 28, 28}, new byte[100]));
    long before = allocatedBytes();
    expectFailure(labels, 1, 18);
    expectFailure(images, 3, 116);
    expectFailure(rawImages, 3, 116);
    assertAllocatedLittleSince(before);
  }

  /** Bytes this thread has allocated so far: a lying header must not make the reader allocate what it claims. */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static void assertAllocatedLittleSince(long before) {
    long allocated = allocatedBytes() - before;
    // a few MB of buffers at most; trusting the header would take gigabytes (or fail with OutOfMemoryError)
    assertTrue(allocated < 32L << 20, "allocated " + allocated + " bytes");
  }

  @Test
  void damagedGzipTrailerFailsAfterTheLastDecompressedByte() {
    byte[] raw = idx(SHAPE, PIXELS);
    byte[] gz = gzip(raw);
    gz[gz.length - 8] ^= 0x55; // the CRC-32 of the data
    DatasetFormatException e = expectFailure(write(dir, "images.gz", gz), 3, raw.length);
    assertTrue(e.getMessage().contains("corrupt gzip stream"), e.getMessage());
  }

  @Test
  void gzipCutAfterItsHeaderFailsAtOffsetZero() {
    byte[] gz = Arrays.copyOf(gzip(idx(SHAPE, PIXELS)), 10);
    DatasetFormatException e = expectFailure(write(dir, "images.gz", gz), 3, 0);
    assertTrue(e.getMessage().contains("corrupt gzip stream"), e.getMessage());
  }

  @Test
  void gzipCutInTheMiddleFailsWhereDecompressionStopped() throws DataFormatException {
    byte[] raw = idx(new int[] {400, 28, 28}, pixels(400, 28, 28, 5));
    byte[] gz = gzip(raw);
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    // what a raw inflater gets out of the same bytes is where the reader must say the stream broke
    Inflater inflater = new Inflater(true);
    inflater.setInput(cut, 10, cut.length - 10);
    byte[] sink = new byte[raw.length];
    int produced = 0;
    int n;
    while ((n = inflater.inflate(sink, produced, sink.length - produced)) > 0) {
      produced += n;
    }
    inflater.end();
    assertTrue(produced > 0 && produced < raw.length);
    expectFailure(write(dir, "images.gz", cut), 3, produced);
  }

  @Test
  void gzipWithAnUnknownCompressionMethodFailsAtOffsetZero() {
    byte[] gz = gzip(idx(SHAPE, PIXELS));
    gz[2] = 7;
    DatasetFormatException e = expectFailure(write(dir, "images.gz", gz), 3, 0);
    assertTrue(e.getMessage().contains("corrupt gzip header"), e.getMessage());
  }

  @Test
  void gzipOfNothingFailsAtOffsetZero() {
    DatasetFormatException e = expectFailure(write(dir, "images.gz", gzip(new byte[0])), 3, 0);
    assertTrue(e.getMessage().contains("decompresses to nothing"), e.getMessage());
  }

  @Test
  void readsAFileWrittenInPieces() throws IOException {
    // concatenated gzip members are one stream (what `cat a.gz b.gz` gives)
    byte[] raw = idx(SHAPE, PIXELS);
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.write(gzip(Arrays.copyOf(raw, 20)));
    two.write(gzip(Arrays.copyOfRange(raw, 20, raw.length)));
    assertArrayEquals(PIXELS, IdxReader.read(write(dir, "images.gz", two.toByteArray()), 3).data());
  }

  private static DatasetFormatException expectFailure(Path file, int rank, long offset) {
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(file, rank));
    assertEquals(file.toString(), e.file());
    assertEquals(offset, e.offset(), e.getMessage());
    assertTrue(e.getMessage().startsWith(file + " at byte " + offset + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
    return e;
  }
}
