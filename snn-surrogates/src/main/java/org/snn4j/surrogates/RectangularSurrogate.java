package org.snn4j.surrogates;

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
public final class RectangularSurrogate extends BuiltinSurrogate {
  static final String NAME = "rectangular";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public RectangularSurrogate() {
    super(NAME, "a", "1", "box h(z) = 1/a if |z| < a/2 else 0 (STBP h1; a=1 is the reference code's lens=0.5)");
  }

  @Override
  SurrogateGradient curve(double a) {
    return new Curve(a);
  }

  /** {@code h(z)} with the constants of one width; the scalar and the bulk method both call this. */
  static float derivative(float z, float halfWidth, float height) {
    return Math.abs(z) < halfWidth ? height : 0f;
  }

  private static final class Curve extends NamedCurve {
    private final float halfWidth;
    private final float height;

    Curve(double a) {
      super(NAME, "a", a);
      this.halfWidth = (float) (a / 2);
      this.height = (float) (1 / a);
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
    public boolean isBox() {
      return true;
    }

    @Override
    public float boxHalfWidth() {
      return halfWidth;
    }

    @Override
    public float boxHeight() {
      return height;
    }
  }
}
