package org.snn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifNeuronTest {
  private static final LifNeuron LIF = new LifNeuron(0.25f, 0.5f, false);
  private static final LifNeuron DETACHED = new LifNeuron(0.25f, 0.5f, true);

  @Test
  void paperDefaults() {
    assertEquals(0.2f, LifNeuron.PAPER.decay());
    assertEquals(0.5f, LifNeuron.PAPER.threshold());
    assertFalse(LifNeuron.PAPER.detachReset());
    assertEquals("lif", LifNeuron.PAPER.name());
  }

  @Test
  void chargeLeaksWithoutPreviousSpike() {
    assertEquals(0.25f * 0.8f + 0.1f, LIF.charge(0.8f, false, 0.1f));
    assertEquals(0.25f * -0.4f - 0.2f, LIF.charge(-0.4f, false, -0.2f));
  }

  @Test
  void chargeResetsAfterSpike() {
    assertEquals(0.1f, LIF.charge(0.8f, true, 0.1f));
    assertEquals(0.1f, DETACHED.charge(0.8f, true, 0.1f));
  }

  @Test
  void firesStrictlyAboveThreshold() {
    assertFalse(LIF.fires(0.5f));
    assertTrue(LIF.fires(Math.nextUp(0.5f)));
    assertFalse(LIF.fires(-1f));
  }

  @Test
  void constantCurrentFiresEverySecondStep() {
    // u = 0.45, 0.2 * 0.45 + 0.45 = 0.54 > 0.5 fires, then the reset starts over
    LifNeuron lif = LifNeuron.PAPER;
    float u = 0;
    boolean o = false;
    StringBuilder spikes = new StringBuilder();
    for (int t = 0; t < 6; t++) {
      u = lif.charge(u, o, 0.45f);
      o = lif.fires(u);
      spikes.append(o ? '1' : '0');
    }
    assertEquals("010101", spikes.toString());
  }

  @Test
  void membraneGradientIsDecayTimesOneMinusSpike() {
    assertEquals(0.25f, LIF.membraneGradient(0.8f, false));
    assertEquals(0f, LIF.membraneGradient(0.8f, true));
    assertEquals(0.25f, DETACHED.membraneGradient(0.8f, false));
    assertEquals(0f, DETACHED.membraneGradient(0.8f, true));
  }

  @Test
  void resetGradientIsMinusDecayTimesPreviousMembrane() {
    // d/do[t-1] of decay * u[t-1] * (1 - o[t-1]) does not depend on o[t-1] itself
    assertEquals(-0.25f * 0.8f, LIF.resetGradient(0.8f, false));
    assertEquals(-0.25f * 0.8f, LIF.resetGradient(0.8f, true));
    assertEquals(0.25f * 0.4f, LIF.resetGradient(-0.4f, true));
  }

  @Test
  void detachedResetHasNoGradient() {
    assertEquals(0f, DETACHED.resetGradient(0.8f, false));
    assertEquals(0f, DETACHED.resetGradient(0.8f, true));
  }

  @Test
  void resetGradientMatchesFiniteDifference() {
    // treat o as continuous: u(o) = decay * prev * (1 - o) + current
    float prev = 0.7f;
    double h = 1e-3;
    double up = 0.25 * prev * (1 - (0.5 + h)) + 0.1;
    double down = 0.25 * prev * (1 - (0.5 - h)) + 0.1;
    assertEquals((up - down) / (2 * h), LIF.resetGradient(prev, false), 1e-6);
  }

  @ParameterizedTest
  @ValueSource(floats = {-0.01f, 1.01f, Float.NaN, Float.POSITIVE_INFINITY, -1f})
  void rejectsDecayOutsideUnitInterval(float decay) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LifNeuron(decay, 0.5f, false));
    assertTrue(e.getMessage().contains("decay"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, 1f, 0.5f})
  void acceptsDecayInUnitIntervalInclusive(float decay) {
    assertEquals(decay, new LifNeuron(decay, 0.5f, false).decay());
  }

  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
  void rejectsNonFiniteThreshold(float threshold) {
    assertThrows(IllegalArgumentException.class, () -> new LifNeuron(0.2f, threshold, false));
  }
}
