package com.example.snn;

import java.util.Map;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

/**
 * A surrogate gradient plugin, named {@code raised-cosine}: a smooth bump of half-width {@code a},
 *
 * <pre>
 *   h(z) = (1 + cos(pi z / a)) / (2a)   if |z| &lt; a
 *          0                           otherwise
 * </pre>
 *
 * <p>Default {@code a = 1}. It integrates to 1 and, unlike the rectangle, has no jump at the edge of its support.
 *
 * <p>What makes it a plugin: a public no-argument constructor, a stable lower-case {@link #name()}, its parameters
 * declared with their defaults, and the class listed in {@code META-INF/services/org.snn4j.api.SurrogateFactory}.
 */
public final class RaisedCosineSurrogate implements SurrogateFactory {
  static final String NAME = "raised-cosine";

  /** ServiceLoader creates the factory through this constructor. */
  public RaisedCosineSurrogate() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "raised cosine h(z) = (1 + cos(pi z/a)) / (2a) for |z| < a (example plugin)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    return Map.of("a", "1");
  }

  @Override
  public SurrogateGradient create(PluginParams params) {
    double a = params.getPositive("a"); // fails naming the parameter if it is not a number > 0
    if (a < 1e-6 || a > 1e6) {
      throw new PluginException(NAME + ": parameter 'a' must be between 1e-6 and 1e6, got " + params.get("a"));
    }
    return new Curve(a);
  }

  /**
   * {@code h(z)}; the scalar and the bulk method both call this, so they agree bit for bit. StrictMath gives the
   * same cosine on every JVM.
   */
  static float derivative(float z, double a, double piOverA, double halfInverseA) {
    double abs = Math.abs((double) z);
    return abs < a ? (float) ((1 + StrictMath.cos(piOverA * abs)) * halfInverseA) : 0f;
  }

  private static final class Curve implements SurrogateGradient {
    private final double a;
    private final double piOverA;
    private final double halfInverseA;

    Curve(double a) {
      this.a = a;
      this.piOverA = Math.PI / a;
      this.halfInverseA = 1 / (2 * a);
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public float derivative(float z) {
      return RaisedCosineSurrogate.derivative(z, a, piOverA, halfInverseA);
    }

    /** One call per time step in the backward pass: a plain loop the JIT can keep tight. */
    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = RaisedCosineSurrogate.derivative(z[from + i], a, piOverA, halfInverseA);
      }
    }

    /** The spec that makes this curve again; snn writes it into the model file. */
    @Override
    public String toString() {
      return NAME + ":a=" + a;
    }
  }
}
