package org.snn4j.nir;

/**
 * The arithmetic between snn4j's discrete LIF and NIR's continuous one (docs/NIR.md derives it). NIR's LIF is
 *
 * <pre>
 *   tau·dv/dt = (v_leak - v) + r·I      fires when v &gt; v_threshold, then v = v_reset
 * </pre>
 *
 * and its forward-Euler step with time step {@code dt} (what snnTorch, SpikingJelly and Norse run) is {@code v[t] =
 * (1 - dt/tau)·v[t-1] + (dt/tau)·v_leak + (dt·r/tau)·I[t]}. snn4j's is {@code u[t] = decay·u[t-1]·(1 - o[t-1]) +
 * W·x[t] + b}, firing when {@code u - vth > 0}. With {@code u = v - v_reset} they are the same recurrence when
 *
 * <pre>
 *   decay = 1 - dt/tau                  vth = v_threshold - v_reset
 *   W·x + b = (dt·r/tau)·(W'·x + b') + (dt/tau)·(v_leak - v_reset)
 * </pre>
 *
 * where {@code W', b'} are the NIR graph's synapse. snn4j exports in snnTorch's convention, {@code tau = dt/(1 -
 * decay)} and {@code r = tau/dt}, so the input scale {@code dt·r/tau} is 1 and the synapse is the Affine's as it is.
 * IF is the case without leak: {@code dv/dt = r·I}, decay 1, input scale {@code dt·r}.
 */
public final class LifMapping {
  /**
   * The relative distance from 1 within which an input scale counts as 1: the float32 rounding of {@code tau} and
   * {@code r} a file stores (a few units of float32's 2^-24) can leave {@code dt·r/tau} that far from 1.
   */
  public static final double UNIT_SCALE_TOLERANCE = 0x1p-21;

  private LifMapping() {}

  /** snn4j's decay for NIR's {@code tau} at time step {@code dt}: {@code (float) (1 - dt/tau)}. */
  public static float decay(double tau, double dt) {
    return (float) (1.0 - dt / tau);
  }

  /**
   * The {@code tau} whose {@link #decay} is exactly {@code decay}: {@code dt/(1 - decay)} in double precision,
   * moved by a few units in the last place when the double rounding would otherwise not give back the same float.
   *
   * @param decay in [0, 1)
   */
  public static double tau(float decay, double dt) {
    if (!(decay >= 0f && decay < 1f)) {
      throw new IllegalArgumentException("decay " + decay + " has no finite tau (it must be in [0, 1))");
    }
    double tau = dt / (1.0 - decay);
    double up = tau;
    double down = tau;
    for (int i = 0; i < 64; i++) {
      if (decay(up, dt) == decay) {
        return up;
      }
      if (decay(down, dt) == decay) {
        return down;
      }
      up = Math.nextUp(up);
      down = Math.nextDown(down);
    }
    throw new IllegalStateException("no tau gives decay " + decay + " at dt " + dt);
  }

  /** The factor NIR's LIF applies to its input current per step: {@code dt·r/tau}. */
  public static double lifInputScale(double tau, double r, double dt) {
    return dt * r / tau;
  }

  /** The factor NIR's IF applies to its input current per step: {@code dt·r}. */
  public static double ifInputScale(double r, double dt) {
    return dt * r;
  }

  /** The constant current NIR's leak adds per step in snn4j's frame: {@code (dt/tau)·(v_leak - v_reset)}. */
  public static double leakCurrent(double tau, double vLeak, double vReset, double dt) {
    return dt / tau * (vLeak - vReset);
  }

  /** Whether a scale counts as 1: it is 1 in float32, or within {@link #UNIT_SCALE_TOLERANCE} of it. */
  public static boolean isUnit(double scale) {
    return (float) scale == 1f || Math.abs(scale - 1.0) <= UNIT_SCALE_TOLERANCE;
  }
}
