package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

/**
 * What every surrogate must satisfy to be usable in STBP training: a finite, non-negative, even, unimodal density
 * that integrates to 1, whose bulk method agrees with the scalar definition bit for bit. Extend it with one
 * surrogate's factory and add tests of its formula at hand-computed points.
 */
abstract class SurrogateContractTestCase {
  private static final List<Double> WIDTHS = List.of(0.3, 1.0, 4.0);

  /** The factory under test. */
  abstract SurrogateFactory factory();

  /** The default width {@code a} the factory documents. */
  abstract String documentedDefault();

  SurrogateGradient create(double a) {
    SurrogateFactory f = factory();
    return f.create(PluginParams.of(f.name(), f.parameterDefaults(), Map.of("a", Double.toString(a))));
  }

  private List<SurrogateGradient> curves() {
    SurrogateFactory f = factory();
    SurrogateGradient byDefault = f.create(PluginParams.of(f.name(), f.parameterDefaults(), Map.of()));
    return List.of(byDefault, create(0.3), create(1.0), create(4.0), create(1e-30), create(1e30));
  }

  @Test
  void declaresOnlyWidthWithDocumentedDefault() {
    assertEquals(Map.of("a", documentedDefault()), factory().parameterDefaults());
  }

  @Test
  void describesItselfOnOneLine() {
    String d = factory().description();
    assertFalse(d.isBlank(), "description");
    assertFalse(d.contains("\n"), "description must be one line: " + d);
    assertTrue(d.contains("h(z)"), "description should give the formula: " + d);
  }

  @Test
  void curveCarriesFactoryName() {
    assertEquals(factory().name(), create(1).name());
  }

  @Test
  void defaultEqualsExplicitDocumentedWidth() {
    SurrogateFactory f = factory();
    SurrogateGradient byDefault = f.create(PluginParams.of(f.name(), f.parameterDefaults(), Map.of()));
    SurrogateGradient explicit = create(Double.parseDouble(documentedDefault()));
    for (float z = -3f; z <= 3f; z += 0.01f) {
      assertEquals(explicit.derivative(z), byDefault.derivative(z), "z=" + z);
    }
  }

  @Test
  void toStringIsASpecThatRecreatesTheSameCurve() {
    SurrogateGradient g = create(0.7);
    SurrogateGradient again = SurrogateRegistry.create(g.toString());
    for (float z = -5f; z <= 5f; z += 0.003f) {
      assertEquals(
          Float.floatToRawIntBits(g.derivative(z)), Float.floatToRawIntBits(again.derivative(z)), g + " z=" + z);
    }
  }

  @Test
  void nonNegativeAndFiniteEverywhere() {
    float[] special = {
      0f, -0f, Float.MIN_VALUE, 1e-30f, 1e-3f, 0.5f, 1f, 10f, 1e3f, 1e10f, 1e30f, Float.MAX_VALUE,
      Float.POSITIVE_INFINITY
    };
    for (SurrogateGradient g : curves()) {
      for (float s : special) {
        for (float z : new float[] {s, -s}) {
          float h = g.derivative(z);
          assertTrue(h >= 0 && Float.isFinite(h), g + " h(" + z + ") = " + h);
        }
      }
      for (int i = -200_000; i <= 200_000; i++) {
        float z = i * 1e-4f;
        float h = g.derivative(z);
        assertTrue(h >= 0 && Float.isFinite(h), g + " h(" + z + ") = " + h);
      }
    }
  }

  @Test
  void vanishesFarFromThreshold() {
    for (double a : WIDTHS) {
      SurrogateGradient g = create(a);
      for (float z : new float[] {1e3f, -1e3f, Float.MAX_VALUE, -Float.MAX_VALUE}) {
        assertEquals(0f, g.derivative(z), g + " z=" + z);
      }
    }
  }

  @Test
  void symmetricAroundThreshold() {
    Random random = new Random(42);
    for (SurrogateGradient g : curves()) {
      for (int i = 0; i < 100_000; i++) {
        float z = (float) (random.nextGaussian() * 3);
        assertEquals(
            Float.floatToRawIntBits(g.derivative(z)), Float.floatToRawIntBits(g.derivative(-z)), g + " z=" + z);
      }
    }
  }

  @Test
  void peaksAtThresholdAndNeverRisesAwayFromIt() {
    for (double a : WIDTHS) {
      SurrogateGradient g = create(a);
      float previous = g.derivative(0f);
      assertTrue(previous > 0, g + " h(0) = " + previous);
      for (int i = 1; i <= 100_000; i++) {
        float h = g.derivative(i * 1e-4f);
        assertTrue(h <= previous, g + " rises at z=" + i * 1e-4f);
        previous = h;
      }
    }
  }

  @Test
  void integratesToOne() {
    for (double a : WIDTHS) {
      SurrogateGradient g = create(a);
      // wide enough for each curve's mass outside to be < 1e-9: box a/2, triangle 2/sqrt(a), logistic ~20a,
      // normal ~6 sqrt(a)
      double half = 40 * Math.max(a, Math.sqrt(a)) + 2 / Math.sqrt(a);
      int steps = 2_000_000;
      double dz = 2 * half / steps;
      double sum = 0;
      for (int i = 0; i < steps; i++) {
        sum += g.derivative((float) (-half + (i + 0.5) * dz));
      }
      assertEquals(1.0, sum * dz, 1e-3, g + " integral");
    }
  }

  @Test
  void bulkMatchesScalarBitForBit() {
    Random random = new Random(7);
    for (SurrogateGradient g : curves()) {
      for (int n : new int[] {0, 1, 7, 15, 16, 17, 33, 1021}) {
        int from = random.nextInt(5);
        int outFrom = random.nextInt(5);
        float[] z = new float[from + n + 3];
        for (int i = 0; i < z.length; i++) {
          z[i] = randomZ(random);
        }
        float[] out = new float[outFrom + n + 3];
        Arrays.fill(out, -1f);
        g.derivative(z, from, out, outFrom, n);
        for (int i = 0; i < out.length; i++) {
          if (i >= outFrom && i < outFrom + n) {
            float expected = g.derivative(z[from + i - outFrom]);
            assertEquals(
                Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[i]), g + " n=" + n + " i=" + i);
          } else {
            assertEquals(-1f, out[i], g + " wrote outside [outFrom, outFrom + n): i=" + i);
          }
        }
      }
    }
  }

  @Test
  void bulkWorksInPlace() {
    Random random = new Random(11);
    SurrogateGradient g = create(1);
    float[] z = new float[257];
    for (int i = 0; i < z.length; i++) {
      z[i] = randomZ(random);
    }
    float[] expected = z.clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = g.derivative(expected[i]);
    }
    g.derivative(z, 0, z, 0, z.length);
    for (int i = 0; i < z.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(z[i]), "i=" + i);
    }
  }

  /** Mostly near the threshold where the curves differ, sometimes exactly on a support edge or far away. */
  private static float randomZ(Random random) {
    switch (random.nextInt(8)) {
      case 0:
        return 0.5f * (random.nextBoolean() ? 1 : -1);
      case 1:
        return 2f * (random.nextBoolean() ? 1 : -1);
      case 2:
        return (float) (random.nextGaussian() * 1e6);
      default:
        return (float) (random.nextGaussian() * 2);
    }
  }
}
