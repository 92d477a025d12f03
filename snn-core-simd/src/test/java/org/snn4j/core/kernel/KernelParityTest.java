package org.snn4j.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API twin against the scalar twin, bit for bit, on sizes around the lane count and at offsets that are
 * not lane-aligned. Surefire also runs this class with {@code -Dsnn.simd.bits=128} and {@code 256}.
 */
class KernelParityTest {
  private static final Kernels SCALAR = KernelSelection.scalar();
  private static Kernels vector;

  @BeforeAll
  static void requireVectorTwin() {
    // CI must fail, not skip, when the vector twin silently is not there
    vector = KernelSelection.vector();
    assertTrue(vector.describe().startsWith("vector-"), vector.describe());
    String bits = System.getProperty("snn.simd.bits");
    if (bits != null && !bits.isBlank()) {
      assertEquals("vector-" + bits.trim(), vector.describe(), "forced width not honoured");
    }
  }

  private static float[] randomFloats(Random r, int n, float scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (r.nextFloat() * 2 - 1) * scale;
    }
    return a;
  }

  /** The expected spike bits of {@code u[from, from + n)}, written independently of both twins. */
  private static long[] expectedBits(float[] u, int from, int n, float vth, int word, int length) {
    long[] s = new long[length];
    for (int i = 0; i < n; i++) {
      if (u[from + i] - vth > 0) {
        s[word + i / 64] |= 1L << (i % 64);
      }
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 33, 63, 64, 65, 127, 128, 129, 1021})
  void lifForwardSteps(int n) {
    Random r = new Random(n);
    int off = 3;
    float vth = 0.5f;
    float decay = 0.2f;
    int words = (n + 63) / 64;
    float[] current = randomFloats(r, n + off + 5, 1.2f);
    float[] u1 = current.clone();
    float[] u2 = current.clone();
    // stale bits everywhere: the kernels must overwrite their words, including the bits above n
    long[] s1 = new long[words + 3];
    java.util.Arrays.fill(s1, -1L);
    long[] s2 = s1.clone();
    SCALAR.lifFirstStep(u1, off, s1, 2, n, vth);
    vector.lifFirstStep(u2, off, s2, 2, n, vth);
    long[] expected = expectedBits(current, off, n, vth, 2, words + 3);
    expected[0] = -1L;
    expected[1] = -1L;
    expected[words + 2] = -1L;
    assertArrayEquals(expected, s1);
    assertArrayEquals(s1, s2);

    float[] prevU = randomFloats(r, n + off + 5, 1.5f);
    float[] next1 = randomFloats(r, n + 2 * off, 1f);
    float[] next2 = next1.clone();
    float[] nextBefore = next1.clone();
    long[] o1 = new long[words + 1];
    java.util.Arrays.fill(o1, -1L);
    long[] o2 = o1.clone();
    SCALAR.lifStep(prevU, off, next1, off * 2, o1, 1, n, decay, vth);
    vector.lifStep(prevU, off, next2, off * 2, o2, 1, n, decay, vth);
    assertArrayEquals(next1, next2);
    assertArrayEquals(o1, o2);
    long[] want = expectedBits(next1, off * 2, n, vth, 1, words + 1);
    want[0] = -1L;
    assertArrayEquals(want, o1);
    for (int i = 0; i < n; i++) {
      float before = prevU[off + i];
      float leak = before - vth > 0 ? 0f : decay * before;
      assertEquals(leak + nextBefore[off * 2 + i], next1[off * 2 + i], "reset from the recomputed previous spike");
    }
    int fired = 0;
    for (long w : o1) {
      fired += Long.bitCount(w);
    }
    fired -= 64;
    assertTrue(n < 16 || (fired > 0 && fired < n), "test data should mix spikes and silence");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129, 1021})
  void lifBackwardStep(int n) {
    Random r = new Random(31L * n);
    float vth = 0.4f;
    for (boolean detach : new boolean[] {false, true}) {
      for (boolean last : new boolean[] {false, true}) {
        float[] go = randomFloats(r, n + 4, 0.1f);
        float[] next = last ? null : randomFloats(r, n + 9, 0.1f);
        float[] u = randomFloats(r, n + 2, 1.5f);
        float[] h = randomFloats(r, n + 1, 1f);
        float[] out1 = new float[n + 5];
        float[] out2 = new float[n + 5];
        SCALAR.lifBackwardStep(go, 4, next, 9, u, 2, h, 1, out1, 5, n, 0.3f, detach, vth);
        vector.lifBackwardStep(go, 4, next, 9, u, 2, h, 1, out2, 5, n, 0.3f, detach, vth);
        assertArrayEquals(out1, out2, "detach=" + detach + " last=" + last);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 17, 33, 63, 65, 129, 257, 1021})
  void sumSelectedRowsOverColumnRanges(int cols) {
    Random r = new Random(cols);
    int rows = 37;
    float[] w = randomFloats(r, 3 + rows * cols, 1f);
    int[] idx = {0, 3, 4, 9, 17, 20, 36, 2, 5, 30, 31};
    int[][] ranges = {{0, cols}, {1, cols}, {cols / 3, cols - cols / 4}};
    // adds idx[1..6), subtracts idx[7..10); also the add-only form
    for (int[] range : ranges) {
      for (int subTo : new int[] {7, 10}) {
        float[] d1 = randomFloats(r, cols + 7, 1f);
        float[] d2 = d1.clone();
        float[] before = d1.clone();
        SCALAR.sumSelectedRows(w, 3, cols, idx, 1, 6, 7, subTo, d1, 7, range[0], range[1]);
        vector.sumSelectedRows(w, 3, cols, idx, 1, 6, 7, subTo, d2, 7, range[0], range[1]);
        assertArrayEquals(d1, d2);
        for (int j = 0; j < cols; j++) {
          double want = before[7 + j];
          if (j >= range[0] && j < range[1]) {
            for (int k = 1; k < 6; k++) {
              want += w[3 + idx[k] * cols + j];
            }
            for (int k = 7; k < subTo; k++) {
              want -= w[3 + idx[k] * cols + j];
            }
          }
          assertEquals(want, d1[7 + j], 1e-5, "column " + j);
        }
      }
      float[] a1 = randomFloats(r, cols + 7, 1f);
      float[] a2 = a1.clone();
      SCALAR.addSelectedRows(w, 3, cols, idx, 1, 6, a1, 7, range[0], range[1]);
      vector.sumSelectedRows(w, 3, cols, idx, 1, 6, 6, 6, a2, 7, range[0], range[1]);
      assertArrayEquals(a1, a2);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 10, 16, 17, 31, 33, 65})
  void addToRowsOfBits(int cols) {
    Random r = new Random(17L * cols);
    float[] src = randomFloats(r, cols + 3, 1f);
    int rows = 70;
    // rows as wide as the columns, padded to a multiple of 16, and padded by 3
    for (int stride : new int[] {cols, (cols + 15) & -16, cols + 3}) {
      for (long bits : new long[] {0L, 1L, 1L << 63, 0x8000_0000_0000_0001L, r.nextLong(), -1L}) {
        // no zero in the padding: x + 0 must leave it as it was
        float[] d1 = randomFloats(r, rows * stride, 1f);
        for (int i = 0; i < d1.length; i++) {
          d1[i] = d1[i] == 0f ? 0.5f : d1[i];
        }
        float[] d2 = d1.clone();
        float[] before = d1.clone();
        SCALAR.addToRowsOfBits(src, 3, bits, 4, d1, stride, cols);
        vector.addToRowsOfBits(src, 3, bits, 4, d2, stride, cols);
        assertArrayEquals(d1, d2, "stride " + stride + ", bits " + Long.toHexString(bits));
        for (int row = 0; row < rows; row++) {
          boolean selected = row >= 4 && row < 68 && (bits >>> (row - 4) & 1) != 0;
          for (int j = 0; j < stride; j++) {
            float want = selected && j < cols ? before[row * stride + j] + src[3 + j] : before[row * stride + j];
            assertEquals(want, d1[row * stride + j], "row " + row + " column " + j);
          }
        }
      }
    }
  }

  /** {@code patchProducts} gives the bits of {@code gemm} on the explicit patch matrix, in both twins. */
  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 17, 32, 33, 48, 50})
  void patchProductsAreTheGemmOfThePatchMatrix(int n) {
    Random r = new Random(29L * n);
    for (int[] shape : new int[][] {{1, 1, 1}, {9, 3, 7}, {9, 32, 13}, {4, 2, 6}, {25, 1, 17}}) {
      int taps = shape[0];
      int k = shape[1];
      int rows = shape[2];
      float[] x = randomFloats(r, 40 + 7 * k, 1f);
      int[] offsets = new int[rows * taps];
      float[] patches = new float[rows * taps * k];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = r.nextInt(4) == 0 ? -1 : r.nextInt(7) * k + r.nextInt(3);
        for (int c = 0; c < k && offsets[i] >= 0; c++) {
          patches[i * k + c] = x[5 + offsets[i] + c];
        }
      }
      float[] w = randomFloats(r, taps * k * n, 1f);
      float[] start = randomFloats(r, n, 1f);
      float[] expected = new float[rows * n];
      for (int p = 0; p < rows; p++) {
        System.arraycopy(start, 0, expected, p * n, n);
      }
      SCALAR.gemm(patches, w, expected, 0, rows, taps * k, n);
      for (Kernels twin : new Kernels[] {SCALAR, vector}) {
        float[] dst = new float[rows * n + 3];
        java.util.Arrays.fill(dst, Float.NaN);
        twin.patchProducts(x, 5, offsets, taps, k, w, n, start, dst, 3, 0, rows);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(dst, 3, dst.length),
            twin.describe() + " taps " + taps + " k " + k + " rows " + rows);
        assertTrue(Float.isNaN(dst[2]), "nothing before dstFrom");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 32, 33, 48, 70})
  void addColumnSums(int width) {
    Random r = new Random(23L * width);
    int stride = width + 5;
    for (int count : new int[] {0, 1, 9, 50}) {
      float[] src = randomFloats(r, 3 + count * stride, 1f);
      float[] start = randomFloats(r, width + 2, 1f);
      float[] scalar = start.clone();
      float[] vector2 = start.clone();
      SCALAR.addColumnSums(src, 3, count, stride, width, scalar, 2);
      vector.addColumnSums(src, 3, count, stride, width, vector2, 2);
      assertArrayEquals(scalar, vector2, "width " + width + " count " + count);
      float expected = start[2];
      for (int k = 0; k < count; k++) {
        expected += src[3 + k * stride];
      }
      assertEquals(expected, scalar[2], "column 0 is the sum in row order");
      assertEquals(start[0], scalar[0], "nothing before dstFrom");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 63, 64, 65, 100, 129})
  void countNonZeros(int n) {
    Random r = new Random(17L * n);
    float[] a = new float[n + 6];
    java.util.Arrays.fill(a, 1f); // outside the range: must not be counted
    int expected = 0;
    float[] kinds = {0f, -0f, 0.25f, Float.NaN, -1e-30f, Float.POSITIVE_INFINITY};
    for (int i = 0; i < n; i++) {
      float v = r.nextInt(3) == 0 ? kinds[2 + r.nextInt(4)] : kinds[r.nextInt(2)];
      a[3 + i] = v;
      expected += v != 0f ? 1 : 0;
    }
    assertEquals(expected, SCALAR.countNonZeros(a, 3, n));
    assertEquals(expected, vector.countNonZeros(a, 3, n));
  }

@ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 63, 64, 65, 100, 129})
  void anyNonZero(int n) {
    float[] a = new float[n + 6];
    java.util.Arrays.fill(a, 1f); // outside the range: must not be seen
    java.util.Arrays.fill(a, 3, 3 + n, 0f);
    a[3 + n / 2] = -0f;
    assertEquals(false, SCALAR.anyNonZero(a, 3, n), "zeros and a negative zero");
    assertEquals(false, vector.anyNonZero(a, 3, n), "zeros and a negative zero");
    for (float v : new float[] {Float.MIN_VALUE, -1e-30f, Float.NaN, Float.NEGATIVE_INFINITY, 2f}) {
      for (int at : new int[] {0, n / 3, n - 1}) {
        float[] b = a.clone();
        b[3 + at] = v;
        assertEquals(true, SCALAR.anyNonZero(b, 3, n), v + " at " + at);
        assertEquals(true, vector.anyNonZero(b, 3, n), v + " at " + at);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 129})
  void accumulateRowSets(int cols) {
    Random r = new Random(31L * cols);
    int in = 40;
    int rows = 9;
    float[] w = randomFloats(r, in * cols, 1f);
    int[] idx = new int[rows * 30];
    float[] coef = randomFloats(r, idx.length, 1f);
    int[] from = new int[rows];
    int[] to = new int[rows];
    for (int row = 0; row < rows; row++) {
      from[row] = (rows - 1 - row) * 30;
      int n = row == 0 ? 0 : r.nextInt(31);
      for (int k = 0; k < n; k++) {
        idx[from[row] + k] = r.nextInt(in);
      }
      to[row] = from[row] + n;
    }
    for (float[] c : new float[][] {coef, null}) {
      float[] d1 = randomFloats(r, rows * cols + 5, 1f);
      float[] before = d1.clone();
      float[] d2 = d1.clone();
      SCALAR.accumulateRowSets(w, cols, idx, c, from, to, d1, 5, 1, rows);
      vector.accumulateRowSets(w, cols, idx, c, from, to, d2, 5, 1, rows);
      assertArrayEquals(d1, d2);
      for (int row = 1; row < rows; row++) {
        for (int j = 0; j < cols; j++) {
          double want = before[5 + row * cols + j];
          for (int k = from[row]; k < to[row]; k++) {
            want += (c == null ? 1.0 : c[k]) * w[idx[k] * cols + j];
          }
          assertEquals(want, d1[5 + row * cols + j], 1e-4, "row " + row + ", column " + j);
        }
      }
      assertEquals(before[5], d1[5], "rows before r0 untouched");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 129})
  void sumScaledRowSets(int cols) {
    Random r = new Random(29L * cols);
    int in = 40;
    int rows = 9;
    float[] w = randomFloats(r, in * cols, 1f);
    float[] start = randomFloats(r, cols, 1f);
    int[] idx = new int[rows * 30];
    float[] coef = randomFloats(r, idx.length, 1f);
    int[] from = new int[rows];
    int[] to = new int[rows];
    for (int row = 0; row < rows; row++) {
      from[row] = (rows - 1 - row) * 30; // lists in reverse order, with gaps
      int n = row == 0 ? 0 : r.nextInt(31);
      for (int k = 0; k < n; k++) {
        idx[from[row] + k] = r.nextInt(in);
      }
      to[row] = from[row] + n;
    }
    float[] d1 = randomFloats(r, rows * cols + 5, 1f);
    float[] d2 = d1.clone();
    SCALAR.sumScaledRowSets(w, cols, idx, coef, from, to, start, d1, 5, 1, rows);
    vector.sumScaledRowSets(w, cols, idx, coef, from, to, start, d2, 5, 1, rows);
    assertArrayEquals(d1, d2);
    for (int row = 1; row < rows; row++) {
      for (int j = 0; j < cols; j++) {
        double want = start[j];
        for (int k = from[row]; k < to[row]; k++) {
          want += (double) coef[k] * w[idx[k] * cols + j];
        }
        assertEquals(want, d1[5 + row * cols + j], 1e-4, "row " + row + ", column " + j);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 10, 16, 17, 31, 33})
  void sumRowSets(int cols) {
    Random r = new Random(23L * cols);
    int in = 90;
    int rows = 11;
    float[] bias = randomFloats(r, cols, 1f);
    // 0 to 40 selected rows per row (the first row none), in any order, some repeated
    // row lists in reverse order in idx, with gaps between them
    int[] idx = new int[rows * 40];
    int[] from = new int[rows];
    int[] end = new int[rows];
    for (int row = 0; row < rows; row++) {
      int n = row == 0 ? 0 : r.nextInt(41);
      from[row] = (rows - 1 - row) * 40;
      for (int k = 0; k < n; k++) {
        idx[from[row] + k] = r.nextInt(in);
      }
      end[row] = from[row] + n;
    }
    for (int stride : new int[] {cols, (cols + 15) & -16}) {
      float[] w = randomFloats(r, in * stride, 1f);
      for (int[] range : new int[][] {{0, rows}, {1, rows}, {2, 7}, {3, 4}}) {
        float[] d1 = randomFloats(r, rows * cols, 1f);
        float[] d2 = d1.clone();
        float[] before = d1.clone();
        SCALAR.sumRowSets(w, stride, cols, idx, from, end, bias, d1, 0, range[0], range[1]);
        vector.sumRowSets(w, stride, cols, idx, from, end, bias, d2, 0, range[0], range[1]);
        String where = "stride " + stride + ", rows " + range[0] + ".." + range[1];
        assertArrayEquals(d1, d2, where);
        // at an offset into dst, the same values, shifted
        float[] shifted = new float[rows * cols + 3];
        vector.sumRowSets(w, stride, cols, idx, from, end, bias, shifted, 3, range[0], range[1]);
        for (int i = range[0] * cols; i < range[1] * cols; i++) {
          assertEquals(d1[i], shifted[i + 3], where + " at offset 3, element " + i);
        }
        for (int row = 0; row < rows; row++) {
          boolean inRange = row >= range[0] && row < range[1];
          for (int j = 0; j < cols; j++) {
            double want = bias[j];
            for (int k = from[row]; k < end[row]; k++) {
              want += w[idx[k] * stride + j];
            }
            if (inRange) {
              assertEquals(want, d1[row * cols + j], 1e-4, where + ", row " + row + " column " + j);
            } else {
              assertEquals(before[row * cols + j], d1[row * cols + j], where + ", untouched row " + row);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 63, 64, 65, 129})
  void combineRows(int len) {
    Random r = new Random(29L * len);
    int n = 12;
    int stride = len + 5;
    float[] rows = randomFloats(r, n * stride, 1f);
    float[] coef = randomFloats(r, n + 2, 1f);
    coef[2] = 0f;
    coef[7] = 0f;
    coef[8] = -0f;
    float[] zero = new float[n + 2];
    for (float[] c : new float[][] {coef, zero}) {
      float[] d1 = randomFloats(r, len + 4, 1f);
      float[] d2 = d1.clone();
      float[] before = d1.clone();
      SCALAR.combineRows(c, 2, n, rows, stride, d1, 3, len);
      vector.combineRows(c, 2, n, rows, stride, d2, 3, len);
      assertArrayEquals(d1, d2);
      for (int i = 0; i < len + 4; i++) {
        if (i < 3 || i >= 3 + len) {
          assertEquals(before[i], d1[i], "untouched " + i);
        } else {
          double want = 0;
          for (int j = 0; j < n; j++) {
            want += (double) c[2 + j] * rows[j * stride + i - 3];
          }
          assertEquals(want, d1[i], 1e-4, "element " + i);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 17, 33, 63, 65, 129, 161, 257})
  void sumStepGroupsOverColumnRanges(int cols) {
    Random r = new Random(31L * cols);
    int rows = 41;
    float[] w = randomFloats(r, 3 + rows * cols, 1f);
    float[] bias = randomFloats(r, cols + 2, 1f);
    int[][] ranges = {{0, cols}, {1, cols}, {cols / 3, cols - cols / 4}};
    for (int k = 1; k <= Kernels.MAX_GROUP_STEPS; k++) {
      int n = 1 << k;
      // groups of 0 to 3 rows (some empty), at offset 2 of the group table
      int[] start = new int[2 + n];
      int[] idx = new int[4 * n];
      int m = 5;
      for (int g = 1; g < n; g++) {
        start[2 + g - 1] = m;
        for (int c = r.nextInt(4); c > 0; c--) {
          idx[m++] = r.nextInt(rows);
        }
      }
      start[2 + n - 1] = m;
      int stride = cols + 9;
      for (int[] range : ranges) {
        float[] d1 = randomFloats(r, 4 + (Kernels.MAX_GROUP_STEPS + 1) * stride, 1f);
        float[] d2 = d1.clone();
        float[] before = d1.clone();
        SCALAR.sumStepGroups(w, 3, cols, idx, start, 2, k, bias, 2, d1, 4, stride, range[0], range[1]);
        vector.sumStepGroups(w, 3, cols, idx, start, 2, k, bias, 2, d2, 4, stride, range[0], range[1]);
        assertArrayEquals(d1, d2, "k=" + k);
        for (int s = 0; s <= Kernels.MAX_GROUP_STEPS; s++) {
          for (int j = 0; j < cols; j++) {
            int at = 4 + s * stride + j;
            if (s >= k || j < range[0] || j >= range[1]) {
              assertEquals(before[at], d1[at], "k=" + k + " step " + s + " column " + j + " not to be written");
              continue;
            }
            double want = bias[2 + j];
            for (int g = 1; g < n; g++) {
              for (int e = start[2 + g - 1]; (g >>> s & 1) != 0 && e < start[2 + g]; e++) {
                want += w[3 + idx[e] * cols + j];
              }
            }
            assertEquals(want, d1[at], 1e-5, "k=" + k + " step " + s + " column " + j);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129, 1021})
  void elementwise(int n) {
    Random r = new Random(7L * n);
    float[] src = randomFloats(r, n + 3, 2f);
    float[] a1 = randomFloats(r, n + 1, 2f);
    float[] a2 = a1.clone();
    SCALAR.add(src, 3, a1, 1, n);
    vector.add(src, 3, a2, 1, n);
    assertArrayEquals(a1, a2);
    SCALAR.axpy(-0.37f, src, 3, a1, 1, n);
    vector.axpy(-0.37f, src, 3, a2, 1, n);
    assertArrayEquals(a1, a2);
    float[] z1 = new float[n + 2];
    float[] z2 = new float[n + 2];
    SCALAR.subtract(src, 3, 0.5f, z1, 2, n);
    vector.subtract(src, 3, 0.5f, z2, 2, n);
    assertArrayEquals(z1, z2);
    assertEquals(src[3] - 0.5f, z1[2]);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 33, 63, 64, 65, 127, 128, 129, 1021})
  void packBits(int n) {
    Random r = new Random(n);
    byte[] s = new byte[n + 5];
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (r.nextFloat() < 0.3f ? r.nextInt(1, 4) : 0);
    }
    int words = (n + 63) / 64;
    long[] b1 = new long[words + 2];
    java.util.Arrays.fill(b1, -1L);
    long[] b2 = b1.clone();
    SCALAR.packBits(s, 3, n, b1, 1);
    vector.packBits(s, 3, n, b2, 1);
    assertArrayEquals(b1, b2);
    for (int i = 0; i < 64 * words; i++) {
      boolean want = i < n && s[3 + i] != 0;
      assertEquals(want, (b1[1 + i / 64] >>> (i % 64) & 1) != 0, "bit " + i);
    }
    assertEquals(-1L, b1[0]);
    assertEquals(-1L, b1[words + 1]);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129, 1021})
  void adamStep(int n) {
    Random r = new Random(5L * n);
    float[] g = randomFloats(r, n + 4, 0.01f);
    float[][] w = {randomFloats(r, n + 4, 1f), null};
    float[][] m = {randomFloats(r, n + 4, 0.01f), null};
    float[][] v = {randomFloats(r, n + 4, 0.0001f), null};
    for (int i = 0; i < v[0].length; i++) {
      v[0][i] = Math.abs(v[0][i]);
    }
    w[1] = w[0].clone();
    m[1] = m[0].clone();
    v[1] = v[0].clone();
    SCALAR.adamStep(w[0], g, m[0], v[0], 2, 2 + n, 0.1f, 0.999f, 0.001f, 0.0123f, 0.0447f, 1e-8f);
    vector.adamStep(w[1], g, m[1], v[1], 2, 2 + n, 0.1f, 0.999f, 0.001f, 0.0123f, 0.0447f, 1e-8f);
    assertArrayEquals(w[0], w[1]);
    assertArrayEquals(m[0], m[1]);
    assertArrayEquals(v[0], v[1]);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 17, 32, 47, 48, 49, 64, 80, 97, 130})
  void gemm(int n) {
    Random r = new Random(11L * n);
    // row counts around the register blocks' heights (4, 6 and 8 rows) and their tails
    for (int[] mk : new int[][] {{1, 1}, {4, 7}, {6, 5}, {9, 33}, {13, 64}, {17, 9}}) {
      int m = mk[0];
      int k = mk[1];
      float[] a = randomFloats(r, m * k, 1f);
      float[] b = randomFloats(r, k * n, 1f);
      float[] c1 = randomFloats(r, m * n, 1f);
      float[] c2 = c1.clone();
      SCALAR.gemm(a, b, c1, 0, m, k, n);
      vector.gemm(a, b, c2, 0, m, k, n);
      assertArrayEquals(c1, c2, "m=" + m + " k=" + k + " n=" + n);
      float[] c3 = new float[m * n];
      SCALAR.gemm(a, b, c3, 1 % m, m, k, n);
      for (int j = 0; j < n && m > 1; j++) {
        assertEquals(0f, c3[j], "rows before rowFrom untouched");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void scalarGemmIsTheMatrixProduct() {
    float[] a = {1, 2, 3, 4, 5, 6};
    float[] b = {7, 8, 9, 10, 11, 12};
    float[] c = new float[4];
    SCALAR.gemm(a, b, c, 0, 2, 3, 2);
    assertArrayEquals(new float[] {58, 64, 139, 154}, c);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129, 1021})
  void lifBackwardStepWithFusedBoxSurrogateEqualsTheTwoPassVersion(int n) {
    Random r = new Random(41L * n);
    float vth = 0.5f;
    float hw = 0.5f;
    float height = 1f;
    for (boolean detach : new boolean[] {false, true}) {
      for (boolean last : new boolean[] {false, true}) {
        float[] go = randomFloats(r, n + 4, 0.1f);
        float[] next = last ? null : randomFloats(r, n + 9, 0.1f);
        float[] u = randomFloats(r, n + 2, 1.5f);
        float[] h = new float[n + 1];
        for (int i = 0; i < n; i++) {
          h[1 + i] = Math.abs(u[2 + i] - vth) < hw ? height : 0f;
        }
        float[] twoPass = new float[n + 5];
        SCALAR.lifBackwardStep(go, 4, next, 9, u, 2, h, 1, twoPass, 5, n, 0.3f, detach, vth);
        float[] fusedScalar = new float[n + 5];
        float[] fusedVector = new float[n + 5];
        SCALAR.lifBackwardStepBox(go, 4, next, 9, u, 2, fusedScalar, 5, n, 0.3f, detach, vth, hw, height);
        vector.lifBackwardStepBox(go, 4, next, 9, u, 2, fusedVector, 5, n, 0.3f, detach, vth, hw, height);
        assertArrayEquals(twoPass, fusedScalar, "detach=" + detach + " last=" + last);
        assertArrayEquals(fusedScalar, fusedVector, "detach=" + detach + " last=" + last);
      }
    }
  }
}
