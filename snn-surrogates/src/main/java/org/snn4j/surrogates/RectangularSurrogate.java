package org.snn4j.surrogates;

import java.util.Map;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

/**
 * The rectangular surrogate {@code h1} of STBP (Wu et al. 2018, eq. 30), named {@code rectangular}:
 *
 * <pre>
 *   h(z) = 1/a   if |z| &lt; a/2
 *          0     otherwise
 * </pre>
 *
 * <p>Default {@code a = 1}: the reference code's window {@code |u - vth| < lens} with {@code lens = 0.5} and height 1.
 *
 * <p>Computed in float: {@code a/2} and {@code 1/a} are rounded to float once, then {@code |z|} is compared with
 * the half width.
 */
public final class RectangularSurrogate implements SurrogateFactory {
  static final String NAME = "rectangular";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public RectangularSurrogate() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "box h(z) = 1/a if |z| < a/2 else 0 (STBP h1; a=1 is the reference code's lens=0.5)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    return Map.of(WidthParameter.KEY, "1");
  }

  @Override
  public SurrogateGradient create(PluginParams params) {
    return new Gradient(WidthParameter.read(NAME, params));
  }

  /** {@code h(z)} with the constants of one width; the scalar and the bulk method both call this. */
  static float derivative(float z, float halfWidth, float height) {
    return Math.abs(z) < halfWidth ? height : 0f;
  }

  private static final class Gradient implements SurrogateGradient {
    private final double a;
    private final float halfWidth;
    private final float height;

    Gradient(double a) {
      this.a = a;
      this.halfWidth = (float) (a / 2);
      this.height = (float) (1 / a);
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public float derivative(float z) {
      return RectangularSurrogate.derivative(z, halfWidth, height);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = RectangularSurrogate.derivative(z[from + i], halfWidth, height);
      }
    }

    @Override
    public String toString() {
      return NAME + ":" + WidthParameter.KEY + "=" + a;
    }
  }
}
