package org.snn4j.surrogates;

import java.util.Map;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

/**
 * What the built-in surrogates share: a name, a one-line description with the formula, at most one parameter (a
 * width {@code a} or a sharpness {@code alpha}) read through {@link CurveParameter}, and curves whose {@code
 * toString()} is the spec that makes them again ({@code rectangular:a=1.0}), as model files store it.
 *
 * <p>The math stays in each surrogate's class, including the bulk loop: a loop here calling an abstract {@code
 * derivative} would see every curve at one call site and stop being inlined.
 */
abstract class BuiltinSurrogate implements SurrogateFactory {
  private final String name;
  private final String key;
  private final Map<String, String> defaults;
  private final String description;

  /** A surrogate with one parameter {@code key} whose default is {@code defaultValue}. */
  BuiltinSurrogate(String name, String key, String defaultValue, String description) {
    this.name = name;
    this.key = key;
    this.defaults = Map.of(key, defaultValue);
    this.description = description;
  }

  /** A surrogate without parameters. */
  BuiltinSurrogate(String name, String description) {
    this.name = name;
    this.key = null;
    this.defaults = Map.of();
    this.description = description;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final Map<String, String> parameterDefaults() {
    return defaults;
  }

  @Override
  public final SurrogateGradient create(PluginParams params) {
    return curve(key == null ? Double.NaN : CurveParameter.read(name, key, params));
  }

  /** The curve for a parameter already checked to be in [1e-30, 1e30] (NaN for a surrogate without one). */
  abstract SurrogateGradient curve(double value);

  /** A curve's name and spec; subclasses add the formula, scalar and bulk. */
  abstract static class NamedCurve implements SurrogateGradient {
    private final String name;
    private final String spec;

    /** A curve of {@code name} with {@code key=value}. */
    NamedCurve(String name, String key, double value) {
      this.name = name;
      this.spec = name + ":" + key + "=" + value;
    }

    /** A curve without parameters. */
    NamedCurve(String name) {
      this.name = name;
      this.spec = name;
    }

    @Override
    public final String name() {
      return name;
    }

    /** The spec that recreates this curve, e.g. {@code sigmoid:a=0.3}. */
    @Override
    public final String toString() {
      return spec;
    }
  }
}
