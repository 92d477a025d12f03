package org.snn4j.testkit;

import java.util.function.DoubleUnaryOperator;

/**
 * The central difference {@code (f(x+h) - f(x-h)) / 2h} of a function of one float argument evaluated in float
 * arithmetic, with the rounding noise it carries and whether {@code x} is within {@code h} of a kink (where no
 * finite difference is meaningful, so the point is skipped rather than failed).
 *
 * @param value the central difference
 * @param noise how far float rounding of the three evaluations can move it
 * @param kink whether the left and right one-sided differences disagree: {@code f} is not differentiable near
 *     {@code x}
 */
record FiniteDifference(double value, double noise, boolean kink) {
  /** Relative tolerance between an analytic derivative and the difference, on top of the rounding noise. */
  private static final double TOLERANCE = 2e-3;

  /** {@code f} is called with float values only (cast it back with {@code (float) v}). */
  static FiniteDifference at(DoubleUnaryOperator f, float x) {
    float step = 1e-3f * Math.max(1f, Math.abs(x));
    float xp = x + step;
    float xm = x - step;
    double fp = f.applyAsDouble(xp);
    double f0 = f.applyAsDouble(x);
    double fm = f.applyAsDouble(xm);
    // the step actually taken, as x ± step rounds in float
    double value = (fp - fm) / ((double) xp - xm);
    double right = (fp - f0) / ((double) xp - x);
    double left = (f0 - fm) / ((double) x - xm);
    // each evaluation is a few float operations: relative rounding ~1e-7 of its magnitude, divided by the step
    double noise = 1e-6 * (Math.abs(fp) + Math.abs(f0) + Math.abs(fm)) / ((double) xp - x);
    boolean kink = Math.abs(right - left) > 1e-2 * (1 + Math.abs(value)) + 2 * noise;
    return new FiniteDifference(value, noise, kink);
  }

  /** Whether {@code analytic} is the derivative this difference estimates. */
  boolean agreesWith(double analytic) {
    return Math.abs(analytic - value) <= TOLERANCE * (1 + Math.abs(value)) + noise;
  }
}
