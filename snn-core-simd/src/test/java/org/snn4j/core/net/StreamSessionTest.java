package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.SpikingTape;
import org.snn4j.core.neuron.PlifNeuron;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A streaming session stepped through T steps gives, bit for bit, the spikes of every spiking layer, the last
 * layer's membranes (or a membrane readout's integrator) and the class scores of the batch evaluation of the same
 * samples, for every readout.
 */
class StreamSessionTest {
  private static final int T = 10;
  /** The batch path with plain sums in input order (the GEMM for every spiking dense input). */
  private static final Tuning PLAIN = Tuning.system().withDenseAbove(0);
  private static final Function<PluginSpec, NeuronModel> LIF =
      spec -> new LifNeuron(0.2f, Float.parseFloat(spec.params().getOrDefault("vth", "0.5")), false);

  /** Rate-coded input: input {@code i} of sample {@code b} fires with a probability that varies by input. */
  static SpikeTensor rateCoded(int steps, int batch, int n, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    float[] p = new float[batch * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = rng.nextFloat() < 0.4f ? rng.nextFloat() : 0f;
    }
    SpikeTensor x = new SpikeTensor(steps, batch, n);
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < batch * n; i++) {
        x.data()[t * batch * n + i] = (byte) (rng.nextFloat() < p[i] ? 1 : 0);
      }
    }
    return x;
  }

  /** Scales every weight so that the layers above the first fire too. */
  static SequentialNet louder(SequentialNet net, float gain) {
    for (SpikingLayer l : net.spikingLayers()) {
      float[] w = l.weight();
      for (int i = 0; i < w.length; i++) {
        w[i] *= gain;
      }
    }
    return net;
  }

  /**
   * Steps {@code x} through a session of {@code x.batch()} lanes and compares each step with the batch pass's row
   * of that step: every spiking layer's bits, the last layer's membranes (LIF only) or the membrane readout's
   * {@code U[t]}, then the class scores and the predicted class.
   */
  static void assertStreamsLikeBatch(SequentialNet net, SpikeTensor x, FloatTensor analog) {
    int steps = analog != null ? analog.timesteps() : x.timesteps();
    int batch = analog != null ? analog.batch() : x.batch();
    int in = net.inputSize();
    int outputs = net.outputSize();
    int classes = net.classCount();
    List<NetworkLayer> layers = net.layers();
    int last = layers.size() - 1;
    boolean membrane = net.readout().membrane();
    boolean lif = !membrane && ((SpikingLayer) layers.get(last)).dynamics().neuron() instanceof LifNeuron;
    long spiking = 0;
    long outputSpikes = 0;
    double integrated = 0;
    try (WorkerPool pool = new WorkerPool(2); StreamSession stream = FrozenNet.of(net).newStream(batch)) {
      assertEquals(classes, stream.classCount());
      assertEquals(outputs, stream.outputSize());
      NetworkForward ref = new NetworkForward(net, PLAIN, pool);
      ref.keepStepScores(membrane); // the membrane readout's U[t]
      ref.forward(steps, batch, analog == null ? x.data() : null, analog == null ? null : analog.data(), false);
      byte[] stepBytes = new byte[batch * in];
      float[] stepFloats = new float[batch * in];
      float[] membranes = new float[batch * outputs];
      for (int t = 0; t < steps; t++) {
        if (analog == null) {
          System.arraycopy(x.data(), t * batch * in, stepBytes, 0, stepBytes.length);
          stream.step(stepBytes);
        } else {
          System.arraycopy(analog.data(), t * batch * in, stepFloats, 0, stepFloats.length);
          stream.step(stepFloats);
        }
        for (int l = 0; l < layers.size(); l++) {
          if (!(layers.get(l) instanceof SpikingLayer) || (membrane && l == last)) {
            continue;
          }
          int words = SpikeBits.words(layers.get(l).outputSize());
          long[] want = ref.tape(l).output().bits();
          long[] got = stream.layerBits(l);
          for (int b = 0; b < batch; b++) {
            for (int q = 0; q < words; q++) {
              long w = want[(t * batch + b) * words + q];
              assertEquals(w, got[b * words + q], "layer " + l + " step " + t + " lane " + b + " word " + q);
              spiking += Long.bitCount(w);
              outputSpikes += l == last ? Long.bitCount(w) : 0;
            }
          }
        }
        if (lif || membrane) {
          stream.membranes(membranes);
          // the LIF fast path computes the membrane in place of the current; the readout's U[t] are step scores
          float[] u = membrane ? ref.stepScores() : ((SpikingTape) ref.tape(last)).currents();
          for (int i = 0; i < batch * outputs; i++) {
            assertEquals(Float.floatToIntBits(u[t * batch * outputs + i]), Float.floatToIntBits(membranes[i]),
                "membrane " + i + " at step " + t);
            integrated += Math.abs(membranes[i]);
          }
        }
      }
      float[] scores = new float[batch * classes];
      stream.scores(scores);
      float[] want = new float[batch * classes];
      FrozenNet.Session session = FrozenNet.of(net, PLAIN).newSession(pool);
      if (analog == null) {
        session.infer(x, want);
      } else {
        session.infer(analog, want);
      }
      for (int i = 0; i < want.length; i++) {
        assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(scores[i]), "score " + i);
      }
      for (int b = 0; b < batch; b++) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
          best = want[b * classes + k] > want[b * classes + best] ? k : best; // the evaluation's prediction
        }
        assertEquals(best, stream.leader(b), "lane " + b);
      }
      if (!membrane) {
        float[] rates = new float[batch * outputs];
        stream.rates(rates);
        for (int i = 0; i < rates.length; i++) {
          assertEquals((float) stream.spikeCount(i / outputs, i % outputs) / steps, rates[i], "rate " + i);
        }
        if (!net.readout().vote()) {
          assertArrayEquals(want, rates, "the rate readout's scores are the rates");
        }
      }
    }
    // the comparison means something only if the layers fired
    if (membrane) {
      assertTrue(spiking > 0, "no layer below the readout fired");
      assertTrue(integrated > 0, "the readout integrated nothing");
    } else {
      assertTrue(outputSpikes > 0, "the output layer never fired");
      assertTrue(spiking > outputSpikes, "only the output layer fired");
    }
  }

  @Test
  void readmeMlpStreamsLikeTheBatch() {
    SequentialNet net = louder(SequentialNet.mlp(new int[] {784, 800, 10}, LifNeuron.PAPER, 1, Kernels.get()), 2f);
    assertStreamsLikeBatch(net, rateCoded(T, 3, 784, 5), null);
  }

  @Test
  void readmeMlpMatchesTheDefaultBatchEvaluation() {
    // the default batch path sums a wide layer's rows in other orders (step groups): here no spike is near enough to
    // the threshold for that to show, so its rates are the stream's too
    SequentialNet net = louder(SequentialNet.mlp(new int[] {784, 800, 10}, LifNeuron.PAPER, 2, Kernels.get()), 2f);
    SpikeTensor x = rateCoded(T, 4, 784, 9);
    float[] want = new float[4 * 10];
    try (WorkerPool pool = new WorkerPool(1); StreamSession stream = FrozenNet.of(net).newStream(1)) {
      FrozenNet.of(net).newSession(pool).infer(x, want);
      byte[] step = new byte[784];
      float[] rates = new float[10];
      for (int b = 0; b < 4; b++) {
        stream.reset();
        for (int t = 0; t < T; t++) {
          System.arraycopy(x.data(), (t * 4 + b) * 784, step, 0, 784);
          stream.step(step);
        }
        stream.rates(rates);
        for (int k = 0; k < 10; k++) {
          assertEquals(want[b * 10 + k], rates[k], "sample " + b + " class " + k);
        }
      }
    }
  }

  @Test
  void convNetsStreamLikeTheBatch() {
    Shape image = Shape.image(2, 8, 8);
    SequentialNet avg = louder(NetSpec.parse("conv4k3p1,lif,avgpool2,flatten,dense40,lif,dense5,lif")
        .build(image, LIF, 3, Kernels.get()), 2f);
    assertStreamsLikeBatch(avg, rateCoded(6, 2, image.size(), 11), null);
    SequentialNet max = louder(NetSpec.parse("conv6k3s2p1,lif,maxpool2,flatten,dense40,lif(vth=0.3),dense4,lif")
        .build(image, LIF, 4, Kernels.get()), 2f);
    assertStreamsLikeBatch(max, rateCoded(6, 3, image.size(), 12), null);
  }

  @Test
  void genericNeuronPathStreamsLikeTheBatch() {
    NeuronModel plif = new PlifNeuron(0.4f, 0.4f, false);
    SequentialNet net = louder(SequentialNet.mlp(new int[] {120, 64, 6}, plif, 6, Kernels.get()), 2f);
    assertStreamsLikeBatch(net, rateCoded(8, 3, 120, 13), null);
    Function<PluginSpec, NeuronModel> neurons = s -> plif;
    SequentialNet conv = louder(NetSpec.parse("conv4k3p1,plif,avgpool2,flatten,dense5,plif")
        .build(Shape.image(1, 6, 6), neurons, 7, Kernels.get()), 2f);
    assertStreamsLikeBatch(conv, rateCoded(6, 2, 36, 14), null);
  }

  @Test
  void analogInputStreamsLikeTheBatch() {
    SequentialNet net = SequentialNet.mlp(new int[] {50, 40, 4}, LifNeuron.PAPER, 8, Kernels.get());
    SplitMix64 rng = new SplitMix64(15);
    FloatTensor x = new FloatTensor(T, 2, 50);
    float[] v = new float[2 * 50];
    for (int i = 0; i < v.length; i++) {
      v[i] = 2 * rng.nextFloat();
    }
    for (int t = 0; t < T; t++) {
      System.arraycopy(v, 0, x.data(), t * v.length, v.length);
    }
    assertStreamsLikeBatch(net, null, x);
  }

  @Test
  void resetStartsASampleAgainAndLanesAreIndependent() {
    SequentialNet net = louder(SequentialNet.mlp(new int[] {64, 48, 5}, LifNeuron.PAPER, 9, Kernels.get()), 2f);
    SpikeTensor x = rateCoded(T, 2, 64, 16);
    FrozenNet frozen = FrozenNet.of(net);
    try (StreamSession two = frozen.newStream(2); StreamSession one = frozen.newStream(1)) {
      int[][] counts = new int[2][5];
      for (int round = 0; round < 2; round++) {
        two.reset();
        byte[] step = new byte[128];
        for (int t = 0; t < T; t++) {
          System.arraycopy(x.data(), t * 128, step, 0, 128);
          two.step(step);
        }
        for (int k = 0; k < 5; k++) {
          if (round == 1) {
            assertEquals(counts[0][k], two.spikeCount(0, k), "after reset, class " + k);
          }
          counts[0][k] = two.spikeCount(0, k);
          counts[1][k] = two.spikeCount(1, k);
        }
      }
      byte[] lane = new byte[64];
      for (int t = 0; t < T; t++) {
        System.arraycopy(x.data(), t * 128 + 64, lane, 0, 64);
        one.step(lane);
      }
      for (int k = 0; k < 5; k++) {
        assertEquals(counts[1][k], one.spikeCount(0, k), "lane 1 alone, class " + k);
      }
      assertEquals(T, one.steps());
    }
  }

  @Test
  void earlyDecisionReportsTheStepOfTheLead() {
    SequentialNet net = louder(SequentialNet.mlp(new int[] {64, 48, 3}, LifNeuron.PAPER, 10, Kernels.get()), 3f);
    SpikeTensor x = rateCoded(20, 1, 64, 17);
    try (StreamSession plain = FrozenNet.of(net).newStream(1); StreamSession early = FrozenNet.of(net).newStream(1)) {
      early.setDecisionMargin(2);
      int expectStep = -1;
      int expectClass = -1;
      byte[] step = new byte[64];
      for (int t = 0; t < 20; t++) {
        System.arraycopy(x.data(), t * 64, step, 0, 64);
        plain.step(step);
        early.step(step);
        int lead = plain.leader(0);
        int second = Integer.MIN_VALUE;
        for (int k = 0; k < 3; k++) {
          second = k == lead ? second : Math.max(second, plain.spikeCount(0, k));
        }
        if (expectStep < 0 && plain.spikeCount(0, lead) - second >= 2) {
          expectStep = t + 1;
          expectClass = lead;
        }
      }
      assertTrue(expectStep > 0, "no class led by 2 spikes within 20 steps");
      assertTrue(early.decided(0));
      assertEquals(expectStep, early.decisionStep(0));
      assertEquals(expectClass, early.decision(0));
      assertTrue(early.allDecided());
      assertTrue(!plain.decided(0) && plain.decisionStep(0) == -1, "no margin, no decision");
      early.reset();
      assertTrue(!early.decided(0));
    }
  }

  @Test
  void aStepAllocatesNothingAfterWarmUp() {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // the step's own code, on the scalar twin; and the Vector API kernels on JDK 25+, whose C2 keeps the vectors in
    // registers (JDK 17's boxes some of them in every call: an allocation of the JDK's, not of the step's)
    List<Kernels> twins = Runtime.version().feature() >= 25
        ? List.of(Kernels.get(), KernelSelection.scalar()) : List.of(KernelSelection.scalar());
    NeuronModel plif = new PlifNeuron(0.2f, 0.5f, false);
    List<SequentialNet> nets = new ArrayList<>();
    for (Kernels kernels : twins) {
      nets.add(louder(SequentialNet.mlp(new int[] {784, 800, 10}, LifNeuron.PAPER, 1, kernels), 2f));
      nets.add(NetSpec.parse("conv4k3p1,lif,maxpool2,flatten,dense40,plif,dense5,lif")
          .build(Shape.image(2, 8, 8), s -> s.name().equals("plif") ? plif : LifNeuron.PAPER, 3, kernels));
      nets.add(withReadout(louder(SequentialNet.mlp(new int[] {784, 200, 10}, LifNeuron.PAPER, 4, kernels), 2f),
          Readout.membrane(0.5f)));
      nets.add(withReadout(louder(SequentialNet.mlp(new int[] {784, 200, 30}, LifNeuron.PAPER, 5, kernels), 2f),
          Readout.vote(3)));
    }
    for (SequentialNet net : nets) {
      for (int lanes : new int[] {1, 4}) {
        SpikeTensor x = rateCoded(T, lanes, net.inputSize(), 18);
        byte[] step = new byte[lanes * net.inputSize()];
        try (StreamSession s = FrozenNet.of(net).newStream(lanes)) {
          s.setDecisionMargin(net.readout().membrane() ? 0 : 3);
          float[] scores = new float[lanes * s.classCount()];
          // windows of 500 steps until one allocates nothing: the kernels allocate (boxed vectors) until C2 has
          // compiled them into the step, which took up to 40,000 steps here; a step that allocates by itself would
          // do so in every window
          long perStep = Long.MAX_VALUE;
          for (int window = 0; window < 200 && perStep != 0; window++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 500; i++) {
              if (i % T == 0) {
                s.reset();
              }
              System.arraycopy(x.data(), (i % T) * step.length, step, 0, step.length);
              s.step(step);
              s.scores(scores);
              s.leader(0);
            }
            perStep = Math.min(perStep, (bean.getCurrentThreadAllocatedBytes() - before) / 500);
          }
          assertEquals(0, perStep, "bytes per step, " + lanes + " lanes, " + net.layers().size() + " layers, readout "
              + net.readout());
        }
      }
    }
  }

  @Test
  void sessionsOnManyThreadsShareOneFrozenNet() throws Exception {
    SequentialNet net = louder(SequentialNet.mlp(new int[] {64, 48, 5}, LifNeuron.PAPER, 11, Kernels.get()), 2f);
    FrozenNet frozen = FrozenNet.of(net);
    SpikeTensor x = rateCoded(T, 8, 64, 19);
    Function<Integer, int[]> run = b -> {
      try (StreamSession s = frozen.newStream(1)) {
        byte[] step = new byte[64];
        for (int t = 0; t < T; t++) {
          System.arraycopy(x.data(), (t * 8 + b) * 64, step, 0, 64);
          s.step(step);
        }
        int[] c = new int[5];
        for (int k = 0; k < 5; k++) {
          c[k] = s.spikeCount(0, k);
        }
        return c;
      }
    };
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (int b = 0; b < 8; b++) {
        int lane = b;
        results.add(threads.submit(() -> run.apply(lane)));
      }
      for (int b = 0; b < 8; b++) {
        assertArrayEquals(run.apply(b), results.get(b).get(), "sample " + b);
      }
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void badInputIsRefusedWithItsSize() {
    try (StreamSession s = FrozenNet.of(SequentialNet.mlp(new int[] {10, 3}, LifNeuron.PAPER, 1, Kernels.get()))
        .newStream(2)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(new byte[10]));
      assertTrue(e.getMessage().contains("2 lanes × 10 inputs need 20"), e.getMessage());
    }
    SequentialNet neunorm = NetSpec.parse("conv4k3p1,lif,neunorm,flatten,dense3,lif")
        .build(Shape.image(1, 6, 6), LIF, 1, Kernels.get());
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> FrozenNet.of(neunorm).newStream(1));
    assertTrue(e.getMessage().contains("layer 1"), e.getMessage());
  }

  static SequentialNet withReadout(SequentialNet net, Readout readout) {
    net.setReadout(readout);
    return net;
  }

  @Test
  void membraneReadoutStreamsLikeTheBatch() {
    for (float decay : new float[] {0.6f, 0f}) {
      SequentialNet mlp = withReadout(louder(SequentialNet.mlp(new int[] {120, 64, 6}, LifNeuron.PAPER, 21,
          Kernels.get()), 2f), Readout.membrane(decay));
      assertStreamsLikeBatch(mlp, rateCoded(T, 3, 120, 22), null);
    }
    SequentialNet readme = withReadout(louder(SequentialNet.mlp(new int[] {784, 800, 10}, LifNeuron.PAPER, 23,
        Kernels.get()), 2f), Readout.membrane(0.5f));
    assertStreamsLikeBatch(readme, rateCoded(T, 2, 784, 24), null);
    Shape image = Shape.image(2, 8, 8);
    SequentialNet conv = withReadout(louder(NetSpec.parse("conv4k3p1,lif,avgpool2,flatten,dense40,lif,dense5,lif")
        .build(image, LIF, 25, Kernels.get()), 2f), Readout.membrane(0.8f));
    assertStreamsLikeBatch(conv, rateCoded(6, 2, image.size(), 26), null);
  }

  @Test
  void membraneReadoutOfAnalogInputStreamsLikeTheBatch() {
    SequentialNet net = withReadout(SequentialNet.mlp(new int[] {50, 40, 4}, LifNeuron.PAPER, 27, Kernels.get()),
        Readout.membrane(0.9f));
    SplitMix64 rng = new SplitMix64(28);
    FloatTensor x = new FloatTensor(T, 2, 50);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = 2 * rng.nextFloat();
    }
    assertStreamsLikeBatch(net, null, x);
  }

  @Test
  void voteReadoutStreamsLikeTheBatch() {
    SequentialNet mlp = withReadout(louder(SequentialNet.mlp(new int[] {100, 48, 12}, LifNeuron.PAPER, 29,
        Kernels.get()), 2f), Readout.vote(3));
    assertStreamsLikeBatch(mlp, rateCoded(T, 3, 100, 30), null);
    Shape image = Shape.image(2, 8, 8);
    SequentialNet conv = withReadout(louder(NetSpec.parse("conv4k3p1,lif,maxpool2,flatten,dense40,lif,dense10,lif")
        .build(image, LIF, 31, Kernels.get()), 2f), Readout.vote(5));
    assertStreamsLikeBatch(conv, rateCoded(6, 2, image.size(), 32), null);
  }

  @Test
  void voteEarlyDecisionCountsEachClassesVoters() {
    SequentialNet net = withReadout(louder(SequentialNet.mlp(new int[] {64, 48, 6}, LifNeuron.PAPER, 33,
        Kernels.get()), 3f), Readout.vote(2));
    SpikeTensor x = rateCoded(20, 1, 64, 34);
    try (StreamSession plain = FrozenNet.of(net).newStream(1); StreamSession early = FrozenNet.of(net).newStream(1)) {
      early.setDecisionMargin(2);
      int expectStep = -1;
      int expectClass = -1;
      byte[] step = new byte[64];
      int[] votes = new int[3];
      for (int t = 0; t < 20; t++) {
        System.arraycopy(x.data(), t * 64, step, 0, 64);
        plain.step(step);
        early.step(step);
        for (int k = 0; k < 3; k++) {
          votes[k] = plain.spikeCount(0, 2 * k) + plain.spikeCount(0, 2 * k + 1);
        }
        int lead = plain.leader(0);
        for (int k = 0; k < 3; k++) {
          assertTrue(votes[k] <= votes[lead], "the leader has the most votes, step " + t);
        }
        int second = Integer.MIN_VALUE;
        for (int k = 0; k < 3; k++) {
          second = k == lead ? second : Math.max(second, votes[k]);
        }
        if (expectStep < 0 && votes[lead] - second >= 2) {
          expectStep = t + 1;
          expectClass = lead;
        }
      }
      assertTrue(expectStep > 0, "no class led by 2 votes within 20 steps");
      assertEquals(expectStep, early.decisionStep(0));
      assertEquals(expectClass, early.decision(0));
    }
  }

  @Test
  void aMembraneReadoutHasNoOutputSpikes() {
    SequentialNet net = withReadout(SequentialNet.mlp(new int[] {10, 8, 3}, LifNeuron.PAPER, 1, Kernels.get()),
        Readout.membrane(0.5f));
    try (StreamSession s = FrozenNet.of(net).newStream(1)) {
      s.step(new byte[10]);
      for (Runnable spikes : List.<Runnable>of(() -> s.spikeCount(0, 0), () -> s.spiked(0, 0),
          () -> s.rates(new float[3]), () -> s.outputSpikes(new byte[3]), () -> s.setDecisionMargin(1))) {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, spikes::run);
        assertTrue(e.getMessage().contains("readout is membrane:decay=0.5"), e.getMessage());
      }
      s.setDecisionMargin(0); // off is fine
      assertEquals(1, s.steps());
    }
  }
}
