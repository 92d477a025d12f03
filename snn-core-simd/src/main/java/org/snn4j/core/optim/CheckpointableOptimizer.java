package org.snn4j.core.optim;

import java.util.List;
import org.snn4j.api.Optimizer;
import org.snn4j.api.Parameter;

/**
 * An optimizer whose state a training checkpoint can save and restore ({@code org.snn4j.core.io.Checkpoint}): the
 * number of steps taken and, per parameter, the arrays it keeps (Adam's two moments, SGD's momentum buffer), so that
 * a restored optimizer takes the next step exactly as the saved one would have.
 */
public interface CheckpointableOptimizer extends Optimizer {
  /** Steps taken so far (Adam's {@code t}). */
  long steps();

  /** Arrays of state this optimizer keeps per parameter, each as long as the parameter (0, 1 or 2). */
  int stateArrays();

  /**
   * The state arrays of {@code parameter} (live, {@link #stateArrays()} of them), or null while it has none: before
   * its first step, which for SGD starts the buffer differently from a zero buffer.
   */
  float[][] state(Parameter parameter);

  /**
   * Sets the step count and each parameter's state, as {@link #steps()} and {@link #state} gave them; the arrays
   * are copied. Any state of parameters not listed is dropped.
   *
   * @param states one entry per parameter, null for a parameter without state yet
   * @throws IllegalArgumentException if the lists differ in length, or an entry does not have {@link #stateArrays()}
   *     arrays as long as its parameter
   */
  void restore(long steps, List<Parameter> parameters, List<float[][]> states);

  /** Checks the arguments of {@link #restore} against {@code arrays} per parameter. */
  static void checkRestore(int arrays, long steps, List<Parameter> parameters, List<float[][]> states) {
    if (steps < 0) {
      throw new IllegalArgumentException("step count must be >= 0, got " + steps);
    }
    if (parameters.size() != states.size()) {
      throw new IllegalArgumentException(parameters.size() + " parameters but " + states.size() + " states");
    }
    for (int q = 0; q < parameters.size(); q++) {
      float[][] s = states.get(q);
      if (s == null) {
        continue;
      }
      Parameter p = parameters.get(q);
      if (s.length != arrays) {
        throw new IllegalArgumentException(p.name() + ": " + s.length + " state arrays, expected " + arrays);
      }
      for (float[] a : s) {
        if (a.length != p.value().length) {
          throw new IllegalArgumentException(p.name() + ": a state array of " + a.length + " values, the parameter"
              + " has " + p.value().length);
        }
      }
    }
  }
}
