package org.snn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

/**
 * What a surrogate gradient must satisfy to work in STBP training. Extend it, return your factory from {@link
 * #factory()}, and the tests check that the plugin is found by name, that its curves are finite and non-negative
 * everywhere, that the bulk method equals the scalar one bit for bit (the backward pass calls the bulk one), that
 * a curve's {@code toString()} is the spec that makes it again (model files store it), and, unless you say
 * otherwise, that the curve is an even density peaking at the threshold and integrating to 1.
 *
 * <p>Override {@link #parameterSets()} to check more than the defaults, and add tests of your formula at points
 * you computed by hand: the contract cannot know the formula.
 */
public abstract class SurrogateContractTestCase extends PluginFactoryContractTestCase<SurrogateFactory> {
  /** The factory under test, as ServiceLoader would create it. */
  @Override
  protected abstract SurrogateFactory factory();

  @Override
  final PluginKind<SurrogateFactory> kind() {
    return PluginKind.SURROGATE;
  }

  /**
   * The parameters every property is checked with, each a map of given values merged over the defaults. The
   * default is the defaults alone; list a few typical values too.
   */
  protected List<Map<String, String>> parameterSets() {
    return List.of(Map.of());
  }

  /**
   * Parameters at the edges of the accepted range (e.g. the smallest and largest width), checked only for finite,
   * non-negative values and bulk-equals-scalar: the extremes are where overflow and NaN hide.
   */
  protected List<Map<String, String>> extremeParameterSets() {
    return List.of();
  }

  /** Parameters the factory must refuse with a {@code PluginException} that names the parameter. */
  @Override
  protected List<Map<String, String>> invalidParameterSets() {
    return List.of();
  }

  /** Whether the curve integrates to 1 over the real line, as a probability density does. */
  protected boolean expectDensity() {
    return true;
  }

  /** Whether {@code h(z)} falls to (nearly) zero far from the threshold. */
  protected boolean expectVanishingTails() {
    return true;
  }

  /** Whether {@code h(-z) = h(z)}. */
  protected boolean expectEven() {
    return true;
  }

  /** Whether {@code h} is largest at {@code z = 0} and never rises as {@code |z|} grows. */
  protected boolean expectPeakAtThreshold() {
    return true;
  }

  /** The curve for {@code params} given over the defaults, made as the command line makes it. */
  protected final SurrogateGradient curve(Map<String, String> params) {
    SurrogateFactory f = factory();
    SurrogateGradient g = f.create(new PluginSpec(f.name(), params));
    assertNotNull(g, "create(" + params + ") returned null");
    return g;
  }

  private List<SurrogateGradient> curves() {
    List<SurrogateGradient> curves = new ArrayList<>();
    parameterSets().forEach(p -> curves.add(curve(p)));
    return curves;
  }

  private List<SurrogateGradient> curvesWithExtremes() {
    List<SurrogateGradient> curves = curves();
    extremeParameterSets().forEach(p -> curves.add(curve(p)));
    return curves;
  }

  @Test
  void aBoxCurveIsTheBoxItDeclares() {
    for (SurrogateGradient g : curves()) {
      if (!g.isBox()) {
        continue;
      }
      float hw = g.boxHalfWidth();
      float height = g.boxHeight();
      Random r = new Random(17);
      for (int i = 0; i < 10_000; i++) {
        float z = (float) (r.nextGaussian() * 2 * hw);
        if (i % 100 == 0) {
          z = (i % 200 == 0 ? 1 : -1) * hw;
        }
        float expected = Math.abs(z) < hw ? height : 0f;
        assertEquals(expected, g.derivative(z), g + " claims to be a box of half width " + hw + " and height "
            + height + ", so kernels may fuse it; h(" + z + ") must then be exactly " + expected);
      }
    }
  }

  @Test
  void curveCarriesFactoryName() {
    for (SurrogateGradient g : curvesWithExtremes()) {
      assertEquals(factory().name(), g.name(), "the curve's name() must be its factory's name");
    }
  }

  @Test
  void defaultsEqualExplicitDefaults() {
    SurrogateGradient byDefault = curve(Map.of());
    SurrogateGradient explicit = curve(factory().parameterDefaults());
    for (float z = -3f; z <= 3f; z += 0.01f) {
      assertEquals(bits(explicit.derivative(z)), bits(byDefault.derivative(z)), "z=" + z);
    }
  }

  @Test
  void toStringIsASpecThatRecreatesTheSameCurve() {
    for (SurrogateGradient g : curvesWithExtremes()) {
      String text = g.toString();
      PluginSpec spec = PluginSpec.parse(text);
      assertEquals(factory().name(), spec.name(), "toString() '" + text + "' must start with the plugin's name");
      SurrogateGradient again = factory().create(spec);
      for (float z = -5f; z <= 5f; z += 0.003f) {
        assertEquals(bits(g.derivative(z)), bits(again.derivative(z)),
            "toString() '" + text + "' must recreate the same curve (model files store it); z=" + z);
      }
    }
  }

  @Test
  void nonNegativeAndFiniteEverywhere() {
    float[] special = {
      0f, -0f, Float.MIN_VALUE, 1e-30f, 1e-3f, 0.5f, 1f, 10f, 1e3f, 1e10f, 1e30f, Float.MAX_VALUE,
      Float.POSITIVE_INFINITY
    };
    for (SurrogateGradient g : curvesWithExtremes()) {
      for (float s : special) {
        for (float z : new float[] {s, -s}) {
          float h = g.derivative(z);
          assertTrue(h >= 0 && Float.isFinite(h), g + ": h(" + z + ") = " + h);
        }
      }
      for (int i = -200_000; i <= 200_000; i++) {
        float z = i * 1e-4f;
        float h = g.derivative(z);
        assertTrue(h >= 0 && Float.isFinite(h), g + ": h(" + z + ") = " + h);
      }
    }
  }

  @Test
  void vanishesFarFromThreshold() {
    if (!expectVanishingTails()) {
      return;
    }
    for (SurrogateGradient g : curves()) {
      float peak = peak(g);
      for (float z : new float[] {1e10f, 1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY}) {
        for (float s : new float[] {z, -z}) {
          assertTrue(g.derivative(s) <= 1e-6f * peak, g + ": h(" + s + ") = " + g.derivative(s)
              + " should be ~0 far from threshold (peak " + peak + "); override expectVanishingTails() if not");
        }
      }
    }
  }

  @Test
  void symmetricAroundThreshold() {
    if (!expectEven()) {
      return;
    }
    Random random = new Random(42);
    for (SurrogateGradient g : curves()) {
      for (int i = 0; i < 100_000; i++) {
        float z = (float) (random.nextGaussian() * 3);
        assertEquals(bits(g.derivative(z)), bits(g.derivative(-z)),
            g + ": h(" + z + ") != h(" + -z + "); override expectEven() if that is intended");
      }
    }
  }

  @Test
  void peaksAtThresholdAndNeverRisesAwayFromIt() {
    if (!expectPeakAtThreshold()) {
      return;
    }
    for (SurrogateGradient g : curves()) {
      for (float sign : new float[] {1f, -1f}) {
        float previous = g.derivative(0f);
        assertTrue(previous > 0, g + ": h(0) = " + previous + " must be > 0 at the threshold");
        for (float z : outwardGrid()) {
          float h = g.derivative(sign * z);
          assertTrue(h <= previous, g + ": h rises at z=" + sign * z + " (" + h + " > " + previous + ")");
          previous = h;
        }
      }
    }
  }

  @Test
  void integratesToOne() {
    if (!expectDensity()) {
      return;
    }
    for (SurrogateGradient g : curves()) {
      assertEquals(1.0, integral(g), 1e-3, g + ": the integral of h over the real line should be 1;"
          + " override expectDensity() if the curve is not meant to be a density");
    }
  }

  @Test
  void bulkMatchesScalarBitForBit() {
    Random random = new Random(7);
    for (SurrogateGradient g : curvesWithExtremes()) {
      for (int n : new int[] {0, 1, 7, 15, 16, 17, 33, 1021}) {
        int from = random.nextInt(5);
        int outFrom = random.nextInt(5);
        float[] z = new float[from + n + 3];
        for (int i = 0; i < z.length; i++) {
          z[i] = randomZ(random);
        }
        float[] zCopy = z.clone();
        float[] out = new float[outFrom + n + 3];
        Arrays.fill(out, -1f);
        g.derivative(z, from, out, outFrom, n);
        for (int i = 0; i < out.length; i++) {
          if (i >= outFrom && i < outFrom + n) {
            float expected = g.derivative(z[from + i - outFrom]);
            assertEquals(bits(expected), bits(out[i]), g + ": bulk differs from scalar; n=" + n + " i=" + i);
          } else {
            assertEquals(-1f, out[i], g + ": bulk wrote outside [outFrom, outFrom + n): i=" + i);
          }
        }
        assertTrue(Arrays.equals(zCopy, z), g + ": bulk modified its input");
      }
    }
  }

  @Test
  void bulkWorksInPlace() {
    Random random = new Random(11);
    for (SurrogateGradient g : curves()) {
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
        assertEquals(bits(expected[i]), bits(z[i]), g + ": in-place bulk differs at i=" + i);
      }
    }
  }

  private static float peak(SurrogateGradient g) {
    float peak = g.derivative(0f);
    for (float z : outwardGrid()) {
      peak = Math.max(peak, Math.max(g.derivative(z), g.derivative(-z)));
    }
    return peak;
  }

  /** 0.0001 steps out to 10, then geometric steps out to 1e12: fine where curves differ, wide enough for tails. */
  private static float[] outwardGrid() {
    float[] grid = new float[100_000 + 400];
    for (int i = 1; i <= 100_000; i++) {
      grid[i - 1] = i * 1e-4f;
    }
    for (int i = 0; i < 400; i++) {
      grid[100_000 + i] = (float) (10 * Math.pow(1e11, (i + 1) / 400.0));
    }
    return grid;
  }

  /**
   * The midpoint rule over geometric segments {@code [2^k, 2^(k+1))} for {@code k} from -40 to 40 on each side,
   * plus {@code [0, 2^-40)}: resolves widths from 1e-12 to 1e12 and tails that fall like {@code 1/z^2}.
   */
  private static double integral(SurrogateGradient g) {
    int steps = 2000;
    double sum = 0;
    for (int side = -1; side <= 1; side += 2) {
      double lo = 0;
      for (int k = -40; k <= 40; k++) {
        double hi = Math.scalb(1.0, k);
        double dz = (hi - lo) / steps;
        double part = 0;
        for (int i = 0; i < steps; i++) {
          part += g.derivative((float) (side * (lo + (i + 0.5) * dz)));
        }
        sum += part * dz;
        lo = hi;
      }
    }
    return sum;
  }

  /** Mostly near the threshold where curves differ, sometimes exactly on a likely support edge or far away. */
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

  private static int bits(float f) {
    return Float.floatToRawIntBits(f);
  }
}
