package org.snn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginParams;
import org.snn4j.api.PluginSpec;
import org.snn4j.plugins.PluginRegistry;

/**
 * What a neuron model must satisfy to train with STBP in snn4j. Extend it and return your factory from {@link
 * #factory()}: the tests check that the plugin is found by name and refuses bad parameters; that both backward
 * methods match central finite differences of their forward methods, for the state, the input current and the
 * learnable parameters; that {@code dL/do[t-1]} is the difference a previous spike makes to the update (the update
 * of an STBP neuron is affine in the previous spike), unless the reset is detached; that forward and backward are
 * pure functions that read and write only their documented ranges and add to the gradients they are given; that a
 * resting neuron stays silent, a strong current fires it and a spike resets it; and that {@code spec()} recreates
 * the same neuron (model files store it).
 *
 * <p>Override {@link #parameterSets()} to check more than the defaults (include {@code detach_reset=true} if your
 * neuron has it), and add tests of your formula at points you computed by hand: the contract cannot know it.
 */
public abstract class NeuronContractTestCase extends PluginFactoryContractTestCase<NeuronFactory> {
  private static final int TRIALS = 60;
  private static final float SENTINEL = -12345.625f;

  /** The factory under test, as ServiceLoader would create it. */
  @Override
  protected abstract NeuronFactory factory();

  @Override
  final PluginKind<NeuronFactory> kind() {
    return PluginKind.NEURON;
  }

  /**
   * The parameters every property is checked with, each a map of given values merged over the defaults. The
   * default is the defaults alone; list a few typical values too.
   */
  protected List<Map<String, String>> parameterSets() {
    return List.of(Map.of());
  }

  /** Parameters the factory must refuse with a {@code PluginException} that names the parameter. */
  @Override
  protected List<Map<String, String>> invalidParameterSets() {
    return List.of();
  }

  /**
   * Whether the neuron made from {@code params} (the defaults with a parameter set merged over them) excludes its
   * reset from the gradient, so that {@code gradInputs[1]} need not be the difference a spike makes. The default
   * follows the built-ins' convention: a {@code detach_reset} parameter that is {@code true}.
   */
  protected boolean resetDetached(Map<String, String> params) {
    return Boolean.parseBoolean(params.getOrDefault("detach_reset", "false").trim());
  }

  /**
   * Whether a spike lowers the next spike argument compared with no spike, as a reset (to zero, by subtraction, or
   * by raising the threshold) does; override if your neuron does not reset.
   */
  protected boolean expectResetAfterSpike() {
    return true;
  }

  /** The neuron for {@code params} given over the defaults, made as the command line makes it. */
  protected final NeuronModel neuron(Map<String, String> params) {
    NeuronFactory f = factory();
    NeuronModel n = f.create(new PluginSpec(f.name(), params));
    assertNotNull(n, "create(" + params + ") returned null");
    return n;
  }

  /** A neuron under test and its effective parameters. */
  private record Case(Map<String, String> params, NeuronModel neuron) {
    @Override
    public String toString() {
      return neuron.spec();
    }
  }

  private List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Map<String, String> given : parameterSets()) {
      Map<String, String> effective = PluginParams.of(factory().name(), factory().parameterDefaults(), given).asMap();
      cases.add(new Case(effective, neuron(given)));
    }
    return cases;
  }

  @Test
  void declaresItsStateAndLearnableParameters() {
    for (Case c : cases()) {
      NeuronModel n = c.neuron();
      assertTrue(n.stateSize() >= 1, c + ": stateSize() must be at least 1, got " + n.stateSize());
      assertEquals(n.stateSize(), n.stateSize(), c + ": stateSize() must not change");
      int count = n.parameterCount();
      assertTrue(count >= 0, c + ": parameterCount() must be >= 0, got " + count);
      float[] p = new float[count + 2];
      Arrays.fill(p, SENTINEL);
      n.initialParameters(p);
      for (int i = 0; i < p.length; i++) {
        if (i < count) {
          assertTrue(Float.isFinite(p[i]), c + ": initial parameter " + i + " is " + p[i]);
          String name = n.parameterName(i);
          assertTrue(name != null && !name.isBlank(), c + ": parameterName(" + i + ") is blank");
        } else {
          assertEquals(SENTINEL, p[i], c + ": initialParameters wrote beyond parameterCount()");
        }
      }
    }
  }

  @Test
  void defaultsEqualExplicitDefaults() {
    assertSameNeuron(neuron(Map.of()), neuron(factory().parameterDefaults()),
        "the defaults given explicitly must make the same neuron as no parameters");
  }

  @Test
  void specRecreatesTheSameNeuron() {
    for (Case c : cases()) {
      String text = c.neuron().spec();
      PluginSpec spec;
      try {
        spec = PluginSpec.parse(text);
      } catch (PluginException e) {
        throw new AssertionError("spec() '" + text + "' is not NAME[:key=value,...]: " + e.getMessage(), e);
      }
      NeuronFactory f = spec.name().equals(factory().name()) ? factory() : sibling(spec.name(), text);
      NeuronModel again;
      try {
        again = f.create(spec);
      } catch (PluginException e) {
        throw new AssertionError("spec() '" + text + "' is refused by its factory: " + e.getMessage(), e);
      }
      assertSameNeuron(c.neuron(), again,
          "spec() '" + text + "' must make the same neuron again (model files store it; snn eval recreates it)");
    }
  }

  /** A spec may name another neuron of the same jar, as {@code if} makes {@code lif:decay=1.0}. */
  private NeuronFactory sibling(String name, String text) {
    PluginRegistry<NeuronFactory> registry =
        PluginRegistry.load(NeuronFactory.class, factory().getClass().getClassLoader());
    if (!registry.contains(name)) {
      fail("spec() '" + text + "' names neuron '" + name + "', which no service file beside the factory registers");
    }
    return registry.get(name);
  }

  @Test
  void updateBackwardMatchesFiniteDifferences() {
    Differences checks = new Differences();
    for (Case c : cases()) {
      NeuronModel n = c.neuron();
      Random r = new Random(1);
      for (int trial = 0; trial < TRIALS; trial++) {
        NeuronStep s = NeuronStep.random(n, r);
        float[] g = gaussian(r, n.stateSize());
        float[][] grads = s.updateBackward(n, g);
        String at = " at " + s + " with dL/ds[t]=" + Arrays.toString(g);
        for (int i = 0; i < n.stateSize(); i++) {
          int j = i;
          checks.check(FiniteDifference.at(v -> s.withPrev(j, (float) v).weightedNext(n, g), s.prev()[i]),
              grads[0][i], c + ": dL/ds[t-1][" + i + "] from updateBackward" + at);
        }
        checks.check(FiniteDifference.at(v -> s.withCurrent((float) v).weightedNext(n, g), s.current()),
            grads[2][0], c + ": dL/dI[t] (gradInputs[0]) from updateBackward" + at);
      }
    }
    checks.assertFewKinks();
  }

  @Test
  void spikeArgumentBackwardMatchesFiniteDifferences() {
    Differences checks = new Differences();
    for (Case c : cases()) {
      NeuronModel n = c.neuron();
      Random r = new Random(2);
      for (int trial = 0; trial < TRIALS; trial++) {
        NeuronStep s = NeuronStep.random(n, r);
        float gradZ = (float) r.nextGaussian();
        float[][] grads = s.spikeArgumentBackward(n, gradZ);
        for (int i = 0; i < n.stateSize(); i++) {
          int j = i;
          checks.check(FiniteDifference.at(v -> s.withPrev(j, (float) v).weightedSpikeArgument(n, gradZ),
              s.prev()[i]), grads[0][i], c + ": dL/ds[" + i + "] from spikeArgumentBackward at s="
                  + Arrays.toString(s.prev()) + " θ=" + Arrays.toString(s.params()) + " with dL/dz=" + gradZ);
        }
      }
    }
    checks.assertFewKinks();
  }

  @Test
  void parameterGradientsMatchFiniteDifferences() {
    Differences checks = new Differences();
    for (Case c : cases()) {
      NeuronModel n = c.neuron();
      Random r = new Random(3);
      for (int trial = 0; trial < TRIALS && n.parameterCount() > 0; trial++) {
        NeuronStep s = NeuronStep.random(n, r);
        float[] g = gaussian(r, n.stateSize());
        float gradZ = (float) r.nextGaussian();
        float[][] update = s.updateBackward(n, g);
        float[][] spike = s.spikeArgumentBackward(n, gradZ);
        for (int q = 0; q < n.parameterCount(); q++) {
          int j = q;
          String name = "θ[" + q + "] (" + n.parameterName(q) + ")";
          checks.check(FiniteDifference.at(v -> s.withParam(j, (float) v).weightedNext(n, g), s.params()[q]),
              update[1][q], c + ": dL/d" + name + " from updateBackward at " + s + " with dL/ds[t]="
                  + Arrays.toString(g));
          checks.check(FiniteDifference.at(v -> s.withParam(j, (float) v).weightedSpikeArgument(n, gradZ),
              s.params()[q]), spike[1][q], c + ": dL/d" + name + " from spikeArgumentBackward at " + s
                  + " with dL/dz=" + gradZ);
        }
      }
    }
    checks.assertFewKinks();
  }

  @Test
  void resetGradientIsTheDifferenceASpikeMakes() {
    for (Case c : cases()) {
      if (resetDetached(c.params())) {
        continue;
      }
      NeuronModel n = c.neuron();
      Random r = new Random(4);
      for (int trial = 0; trial < TRIALS; trial++) {
        NeuronStep s = NeuronStep.random(n, r);
        float[] g = gaussian(r, n.stateSize());
        double fired = s.withSpike(true).weightedNext(n, g);
        double silent = s.withSpike(false).weightedNext(n, g);
        double diff = fired - silent;
        float analytic = s.updateBackward(n, g)[2][1];
        assertEquals(diff, analytic, 1e-4 * (1 + Math.abs(diff)) + 1e-6 * (Math.abs(fired) + Math.abs(silent)),
            c + ": dL/do[t-1] (gradInputs[1]) must be L(o[t-1]=1) - L(o[t-1]=0) = " + diff + " at " + s
                + " with dL/ds[t]=" + Arrays.toString(g) + "; if the reset is meant to be detached, override"
                + " resetDetached()");
      }
    }
  }

  @Test
  void forwardIsAPureFunctionOfItsArguments() {
    for (Case c : cases()) {
      NeuronModel n = c.neuron();
      int k = n.stateSize();
      Random r = new Random(5);
      List<NeuronStep> steps = new ArrayList<>();
      List<float[]> first = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        steps.add(NeuronStep.random(n, r));
        first.add(forward(c, steps.get(i)));
      }
      for (int i = steps.size() - 1; i >= 0; i--) {
        assertArrayEquals(first.get(i), forward(c, steps.get(i)), c + ": the same update and spikeArgument call gave"
            + " another result after other calls; a neuron must keep no state of its own (it lives in the state"
            + " array), so that neurons and threads do not affect each other. " + steps.get(i));
      }
      assertArrayEquals(first.get(0), forward(c, steps.get(0)), c + ": a second call with the same arguments differs");
      for (int i = 0; i < steps.size(); i++) {
        // a layer keeps a neuron's states over time in one array: s[t-1] and s[t] at different offsets
        NeuronStep s = steps.get(i);
        float[] both = new float[1 + 2 * k + 2];
        System.arraycopy(s.prev(), 0, both, 1, k);
        n.update(s.params().clone(), both, 1, s.spike(), s.current(), both, 1 + k + 1);
        assertArrayEquals(Arrays.copyOf(first.get(i), k), Arrays.copyOfRange(both, 2 + k, 2 + 2 * k),
            c + ": update with s[t-1] and s[t] in one array differs; " + s);
      }
    }
  }

  /** s[t] and z[t] for a step, called with offsets into padded arrays, checking that nothing else changes. */
  private static float[] forward(Case c, NeuronStep s) {
    NeuronModel n = c.neuron();
    int k = n.stateSize();
    float[] params = s.params().clone();
    float[] prev = new float[3 + k + 2];
    Arrays.fill(prev, SENTINEL);
    System.arraycopy(s.prev(), 0, prev, 3, k);
    float[] prevBefore = prev.clone();
    float[] next = new float[5 + k + 4];
    Arrays.fill(next, SENTINEL);
    n.update(params, prev, 3, s.spike(), s.current(), next, 5);
    assertArrayEquals(s.params(), params, c + ": update modified the learnable parameters");
    assertArrayEquals(prevBefore, prev, c + ": update modified its input state");
    assertOnlyWritten(next, 5, k, c + ": update wrote outside next[nextFrom .. nextFrom + stateSize)");
    float[] nextBefore = next.clone();
    float z = n.spikeArgument(params, next, 5);
    assertArrayEquals(nextBefore, next, c + ": spikeArgument modified the state");
    assertArrayEquals(s.params(), params, c + ": spikeArgument modified the learnable parameters");
    float[] result = Arrays.copyOfRange(next, 5, 5 + k + 1);
    result[k] = z;
    return result;
  }

  @Test
  void backwardAddsToItsGradientsAndWritesNowhereElse() {
    for (Case c : cases()) {
      NeuronModel n = c.neuron();
      int k = n.stateSize();
      int np = n.parameterCount();
      Random r = new Random(6);
      for (int trial = 0; trial < 30; trial++) {
        NeuronStep s = NeuronStep.random(n, r);
        float[] g = gaussian(r, k);
        float gradZ = (float) r.nextGaussian();
        float[][] fresh = s.updateBackward(n, g);
        float[] gradNext = padded(g, 1, 3);
        float[] gradNextBefore = gradNext.clone();
        float[] gradPrev = padded(gaussian(r, k), 2, 2);
        float[] gradPrevBefore = gradPrev.clone();
        float[] gradParams = padded(gaussian(r, np), 0, 2);
        float[] gradParamsBefore = gradParams.clone();
        float[] inputs = {Float.NaN, Float.NaN};
        float[] prev = s.prev().clone();
        float[] params = s.params().clone();
        n.updateBackward(params, prev, 0, s.spike(), s.current(), gradNext, 1, gradPrev, 2, gradParams, inputs);
        String what = c + ": updateBackward at " + s;
        assertArrayEquals(gradNextBefore, gradNext, what + " modified gradNext");
        assertArrayEquals(s.prev(), prev, what + " modified the previous state");
        assertArrayEquals(s.params(), params, what + " modified the learnable parameters");
        assertAdded(gradPrevBefore, fresh[0], gradPrev, 2, what + ": gradPrev[gradPrevFrom ..]");
        assertAdded(gradParamsBefore, fresh[1], gradParams, 0, what + ": gradParams");
        assertArrayEquals(fresh[2], inputs, what + " must set gradInputs[0] and [1] (not add to them)");

        float[][] freshZ = s.spikeArgumentBackward(n, gradZ);
        float[] state = padded(s.prev(), 4, 1);
        float[] stateBefore = state.clone();
        float[] gradState = padded(gaussian(r, k), 3, 2);
        float[] gradStateBefore = gradState.clone();
        gradParams = padded(gaussian(r, np), 0, 2);
        gradParamsBefore = gradParams.clone();
        n.spikeArgumentBackward(params, state, 4, gradZ, gradState, 3, gradParams);
        what = c + ": spikeArgumentBackward at s=" + Arrays.toString(s.prev()) + " dL/dz=" + gradZ;
        assertArrayEquals(stateBefore, state, what + " modified the state");
        assertAdded(gradStateBefore, freshZ[0], gradState, 3, what + ": gradState[gradFrom ..]");
        assertAdded(gradParamsBefore, freshZ[1], gradParams, 0, what + ": gradParams");
      }
    }
  }

  @Test
  void restingNeuronStaysSilentAndAStrongCurrentFiresIt() {
    for (Case c : cases()) {
      NeuronModel n = c.neuron();
      float[] p = NeuronStep.initialParameters(n);
      float[] s = new float[n.stateSize()];
      for (int t = 0; t < 50; t++) {
        float[] next = new float[s.length];
        n.update(p, s, 0, false, 0f, next, 0);
        float z = n.spikeArgument(p, next, 0);
        assertTrue(z <= 0, c + ": with no input, a neuron at rest (zero state, where every sample starts) fired at"
            + " step " + t + " (z = " + z + ", state " + Arrays.toString(next) + ")");
        s = next;
      }
      assertTrue(firingCurrent(n, p) > 0, c + ": no current up to 1e4 fires a neuron at rest");
    }
  }

  @Test
  void aSpikeResetsTheNeuron() {
    if (!expectResetAfterSpike()) {
      return;
    }
    for (Case c : cases()) {
      NeuronModel n = c.neuron();
      float[] p = NeuronStep.initialParameters(n);
      float drive = firingCurrent(n, p);
      if (drive < 0) {
        continue; // restingNeuronStaysSilentAndAStrongCurrentFiresIt reports it
      }
      NeuronStep fired = new NeuronStep(p, new float[n.stateSize()], false, drive);
      float[] s = fired.next(n);
      for (float current : new float[] {0f, 0.1f * drive, drive}) {
        float zSpike = n.spikeArgument(p, new NeuronStep(p, s, true, current).next(n), 0);
        float zSilent = n.spikeArgument(p, new NeuronStep(p, s, false, current).next(n), 0);
        assertTrue(zSpike <= zSilent, c + ": after a spike the neuron is closer to firing than without one (z = "
            + zSpike + " vs " + zSilent + ") from state " + Arrays.toString(s) + " with I = " + current
            + "; override expectResetAfterSpike() if your neuron does not reset");
      }
    }
  }

  /** The first of 1, 10, ..., 1e4 that fires a neuron at rest in one step, or -1. */
  private static float firingCurrent(NeuronModel n, float[] p) {
    for (float current = 1f; current <= 1e4f; current *= 10) {
      float[] s = new NeuronStep(p, new float[n.stateSize()], false, current).next(n);
      if (n.spikeArgument(p, s, 0) > 0) {
        return current;
      }
    }
    return -1f;
  }

  /** Two neurons compute the same, forward and backward, bit for bit. */
  private static void assertSameNeuron(NeuronModel expected, NeuronModel actual, String why) {
    assertEquals(expected.stateSize(), actual.stateSize(), why + ": stateSize() differs");
    assertEquals(expected.parameterCount(), actual.parameterCount(), why + ": parameterCount() differs");
    assertArrayEquals(NeuronStep.initialParameters(expected), NeuronStep.initialParameters(actual),
        why + ": initial parameters differ");
    Random r = new Random(7);
    for (int trial = 0; trial < 100; trial++) {
      NeuronStep s = NeuronStep.random(expected, r);
      float[] g = gaussian(r, expected.stateSize());
      float gradZ = (float) r.nextGaussian();
      assertArrayEquals(s.trace(expected, g, gradZ), s.trace(actual, g, gradZ),
          why + ": forward or backward differs at " + s + " ('" + expected.spec() + "' vs '" + actual.spec() + "')");
    }
  }

  private static void assertAdded(float[] before, float[] fresh, float[] after, int from, String what) {
    for (int i = 0; i < after.length; i++) {
      int j = i - from;
      if (j >= 0 && j < fresh.length) {
        double expected = (double) before[i] + fresh[j];
        assertEquals(expected, after[i], 1e-5 * (Math.abs(before[i]) + Math.abs(fresh[j])) + 1e-30,
            what + "[" + j + "] must be added to (it holds " + before[i] + ", the method's own value is " + fresh[j]
                + ")");
      } else {
        assertEquals(before[i], after[i], what + ": written outside its range, at index " + i);
      }
    }
  }

  private static void assertOnlyWritten(float[] a, int from, int n, String message) {
    for (int i = 0; i < a.length; i++) {
      if (i < from || i >= from + n) {
        assertEquals(SENTINEL, a[i], message + ", at index " + i);
      }
    }
  }

  /** {@code values} at {@code from}, with {@code after} sentinels behind. */
  private static float[] padded(float[] values, int from, int after) {
    float[] a = new float[from + values.length + after];
    Arrays.fill(a, SENTINEL);
    System.arraycopy(values, 0, a, from, values.length);
    return a;
  }

  private static float[] gaussian(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }

  /**
   * Compares analytic derivatives with finite differences, skipping points within a step of a kink (a neuron may
   * clamp), but not too many of them.
   */
  private static final class Differences {
    private int checked;
    private int kinks;

    void check(FiniteDifference fd, double analytic, String what) {
      checked++;
      if (fd.kink()) {
        kinks++;
        return;
      }
      assertTrue(fd.agreesWith(analytic), what + ": the method gives " + analytic + ", finite differences "
          + fd.value());
    }

    void assertFewKinks() {
      assertFalse(kinks > checked / 5, kinks + " of " + checked + " points are within a finite-difference step of a"
          + " kink, so too few could be checked: is the function continuous?");
    }
  }
}
