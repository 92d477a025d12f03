package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.api.SurrogateGradient;

/**
 * STBP's four curves give exactly the numbers they gave before the surrogates moved onto a shared base: the STBP
 * golden vectors in snn-core-simd depend on them. The checksums are CRC32s of the raw float bits of h(z) at 20,001
 * points in [-7.3, 7.3], computed with the jar released before the move.
 */
class StbpCurvesUnchangedTest {
  @ParameterizedTest
  @CsvSource({
    "rectangular:a=0.3, 954fc949", "rectangular:a=0.5, e817e77a", "rectangular:a=1, fea916ce",
    "rectangular:a=4, 9d82fee8", "rectangular:a=1e-30, 0ef903e4", "rectangular:a=1e30, 3b79de84",
    "polynomial:a=0.3, 655e7399", "polynomial:a=0.5, 67926ba5", "polynomial:a=1, 8c3ec9f4",
    "polynomial:a=4, e708f180", "polynomial:a=1e-30, 1ec948ec", "polynomial:a=1e30, 61461ae2",
    "sigmoid:a=0.3, 8015d09f", "sigmoid:a=0.5, c62dc4bc", "sigmoid:a=1, 4bf522cc",
    "sigmoid:a=4, 8aae4e89", "sigmoid:a=1e-30, 23736cd7", "sigmoid:a=1e30, 3fe0e8e2",
    "gaussian:a=0.3, 85398797", "gaussian:a=0.5, 5137f305", "gaussian:a=1, bad09a4c",
    "gaussian:a=4, 7b7c8069", "gaussian:a=1e-30, 1f2b5024", "gaussian:a=1e30, 639379e4"
  })
  void sameBitsAsBefore(String spec, String crc) {
    SurrogateGradient g = SurrogateRegistry.create(spec);
    float[] z = new float[20001];
    for (int i = 0; i < z.length; i++) {
      z[i] = (i - 10000) * 7.3e-4f;
    }
    float[] bulk = new float[z.length];
    g.derivative(z, 0, bulk, 0, z.length);
    CRC32 scalar = new CRC32();
    CRC32 vector = new CRC32();
    for (int i = 0; i < z.length; i++) {
      update(scalar, Float.floatToRawIntBits(g.derivative(z[i])));
      update(vector, Float.floatToRawIntBits(bulk[i]));
    }
    assertEquals(crc, String.format("%08x", scalar.getValue()), spec + " scalar");
    assertEquals(crc, String.format("%08x", vector.getValue()), spec + " bulk");
  }

  private static void update(CRC32 crc, int b) {
    crc.update(new byte[] {(byte) b, (byte) (b >> 8), (byte) (b >> 16), (byte) (b >> 24)});
  }
}
