package org.snn4j.core.train;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.snn4j.api.Dataset;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Loss;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Optimizer;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.conv.ConvGeometry;
import org.snn4j.core.conv.ConvSynapse;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.SplitMix64;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Epochs of STBP training and evaluation over datasets: seeded shuffling, batching, spike encoding, and the
 * statistics a user watches (loss, accuracy, firing rates, samples/s).
 *
 * <p>Each batch is encoded on the trainer's worker pool, samples split over its threads, just before its step.
 *
 * <p>A run that diverges (a non-finite batch loss or parameter) stops with a {@link TrainingDivergedException}.
 *
 * <p>Reproducible: the shuffle of epoch {@code e} comes from {@code (seed, e)} alone and every sample's spikes from
 * {@code (seed, e, index)}, so the same seed trains the same model with any thread count. Evaluation always uses
 * the stream of epoch 0 (never used for training, which counts epochs from 1), so repeated evaluations agree.
 *
 * <p>Resumable: an epoch can start part way ({@link EpochProgress}) and be stopped after any batch ({@link
 * BatchHook}); with the network, the optimizer and the dropout counters restored from a checkpoint
 * ({@code org.snn4j.core.io.Checkpoint}), the rest of the run is the same as without the interruption, bit for bit.
 */
public final class TrainingLoop implements AutoCloseable {
  /** The weights are checked for divergence after every this many batches, and after an epoch's last. */
  static final int WEIGHT_CHECK_EVERY = 16;

  /** Null in a loop made by {@link #evaluator}. */
  private final StbpTrainer trainer;
  private final SequentialNet network;
  private final SpikeEncoder encoder;
  private final Loss loss;
  private final int timesteps;
  private final int batchSize;
  private final long seed;
  private final WorkerPool pool;
  /** Applied to training samples only; null for none. */
  private Augmentation augmentation;
  /** The shards each batch's gradient is cut into ({@link GradientShards}); 1: an unsharded step. */
  private int shards = 1;
  /** Computes the shards elsewhere (a Spark job); null: on this loop's trainer. */
  private ShardRunner runner;

  /** Computes the shards of one batch's gradient, e.g. on a cluster. */
  public interface ShardRunner {
    /**
     * The non-empty shards of the batch {@code order[from .. from + batch)} of epoch {@code epoch}, each computed at
     * the parameters the loop's network holds now, as {@link ShardWorker#compute} computes it.
     */
    List<GradientShards.Shard> run(int epoch, int[] order, int from, int batch, int shards);
  }

  /**
   * @param loss the loss reported by {@link #evaluate} (use the trainer's)
   * @param pool the trainer's threads; batches are encoded on them too
   */
  public TrainingLoop(
      StbpTrainer trainer, SpikeEncoder encoder, Loss loss, int timesteps, int batchSize, long seed,
      WorkerPool pool) {
    this(Objects.requireNonNull(trainer, "trainer"), trainer.network(), encoder, loss, timesteps, batchSize, seed,
        pool);
  }

  /**
   * A loop that only {@linkplain #evaluate evaluates} {@code network}: it needs no surrogate, loss gradient or
   * optimizer, so a saved model can be evaluated without the plugins that trained it.
   *
   * @param loss the loss reported by {@link #evaluate}
   * @param pool batches are encoded and run on its threads
   */
  public static TrainingLoop evaluator(
      SequentialNet network, SpikeEncoder encoder, Loss loss, int timesteps, int batchSize, long seed,
      WorkerPool pool) {
    return new TrainingLoop(null, Objects.requireNonNull(network, "network"), encoder, loss, timesteps, batchSize,
        seed, pool);
  }

  private TrainingLoop(
      StbpTrainer trainer, SequentialNet network, SpikeEncoder encoder, Loss loss, int timesteps, int batchSize,
      long seed, WorkerPool pool) {
    if (timesteps <= 0) {
      throw new IllegalArgumentException("timesteps must be > 0, got " + timesteps);
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
    }
    this.trainer = trainer;
    this.network = network;
    this.encoder = encoder;
    this.loss = loss;
    this.timesteps = timesteps;
    this.batchSize = batchSize;
    this.seed = seed;
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /**
   * About what {@link #footprint(int[], NeuronModel, SurrogateGradient, Optimizer, SpikeEncoder, int, int, int, int)}
   * counts, for any network: each parameter with its gradient, optimizer state and frozen copy; per layer and row of
   * the training and the test batch, its output and (training) dL/dI and dL/d(output) as floats, its spikes as bits;
   * a conv layer's term lists per thread and its collected inputs. A coarser estimate than the MLP's, which counts
   * every array of its classes.
   */
  public static Footprint footprint(SequentialNet net, Optimizer optimizer, int timesteps, int batchSize,
      int trainSize, int testSize, int threads) {
    Footprint f = new Footprint();
    long[] parameters = net.parameters().stream().mapToLong(p -> p.value().length).toArray();
    for (long n : parameters) {
      f.floats("the parameters and their gradients", Footprint.times(n, 3), false);
    }
    Optimizers.footprint(f, optimizer, parameters);
    for (int pass = 0; pass < 2; pass++) {
      boolean training = pass == 0;
      long rows = Footprint.times(timesteps, Math.min(batchSize, training ? trainSize : testSize));
      for (int l = 0; l < net.layers().size(); l++) {
        NetworkLayer layer = net.layers().get(l);
        String name = "layer " + l + "'s " + (training ? "training" : "test") + " tape (T × --batch × outputs)";
        long out = layer.outputSize();
        f.floats(name, Footprint.times(rows, out), true);
        if (training) {
          f.floats(name, Footprint.times(rows, out), true).floats(name, Footprint.times(rows, out), true);
        }
        f.longs(name, Footprint.times(rows, SpikeBits.words(layer.outputSize())), true);
        if (layer instanceof SpikingLayer s && s.synapse() instanceof ConvSynapse c) {
          ConvGeometry g = c.geometry();
          long lists = Math.max(Footprint.times(g.outPixels(), g.weightRows()),
              Footprint.times(g.height(), g.width(), g.kernel(), g.kernel(), g.outChannels()));
          f.ints(name, Footprint.times(threads, lists, 2), false);
          if (training) {
            f.ints("layer " + l + "'s collected inputs (T × --batch × inputs)", Footprint.times(rows, g.inputSize(), 3),
                true);
          }
        }
      }
    }
    return f;
  }

  /**
   * What training a network of {@code sizes} will allocate, added up before anything is: the network, the
   * optimizer's state, the trainer's tapes and workspaces, the encoded batches, and the evaluation after each epoch,
   * which holds a frozen copy of the network and its own workspaces while the trainer keeps its own. Not counted: the
   * datasets, already in memory when this is asked; writing the model, which takes less (the network and a few
   * copies of its parameters as bytes, with the trainer gone).
   *
   * @param batchSize the batch size asked for; a batch holds at most a whole dataset
   */
  public static Footprint footprint(int[] sizes, NeuronModel neuron, SurrogateGradient surrogate, Optimizer optimizer,
      SpikeEncoder encoder, int timesteps, int batchSize, int trainSize, int testSize) {
    Footprint f = new Footprint();
    Tuning tuning = Tuning.system(); // what the trainer and the frozen network of snn train are tuned by
    boolean analog = encoder.producesCurrents();
    SequentialNet.footprint(f, sizes, neuron, true);
    // the parameters the optimizer keeps state for: a layer lists its neuron's only when there are some
    int neuronParameters = neuron instanceof LifNeuron ? 0 : neuron.parameterCount();
    long[] parameters = new long[(neuronParameters > 0 ? 3 : 2) * (sizes.length - 1)];
    for (int l = 0, p = 0; l + 1 < sizes.length; l++) {
      parameters[p++] = Footprint.times(sizes[l], sizes[l + 1]);
      parameters[p++] = sizes[l + 1];
      if (neuronParameters > 0) {
        parameters[p++] = neuronParameters;
      }
    }
    Optimizers.footprint(f, optimizer, parameters);
    int trainBatch = Math.min(batchSize, trainSize);
    StbpTrainer.footprint(f, sizes, neuron, surrogate, tuning, timesteps, trainBatch, analog);
    BatchEncoder.footprint(f, timesteps, trainBatch, sizes[0], analog);
    f.ints("the shuffled order", trainSize, false);
    int testBatch = Math.min(batchSize, testSize);
    FrozenNet.footprint(f, sizes, neuron, tuning, timesteps, testBatch, analog);
    BatchEncoder.footprint(f, timesteps, testBatch, sizes[0], analog);
    f.ints("the test order", testSize, false);
    long outputs = Footprint.times(testBatch, sizes[sizes.length - 1]);
    f.floats("the test rates", outputs, true).floats("the test rates", outputs, true);
    return f;
  }

  /** The shuffled sample order of an epoch: Fisher-Yates driven by {@code SplitMix64(streamKey(seed, epoch, -1))}. */
  public static int[] shuffle(int size, long seed, int epoch) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    SplitMix64 rng = new SplitMix64(SpikeEncoder.streamKey(seed, epoch, -1));
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * Trains one epoch over {@code train} in a shuffled order.
   *
   * @param epoch from 1
   */
  public EpochResult trainEpoch(Dataset train, int epoch, ProgressListener listener) {
    return trainEpoch(train, epoch, new EpochProgress(network.layers().size()), listener, BatchHook.NONE);
  }

  /**
   * Trains epoch {@code epoch} over {@code train} from where {@code progress} stands: its first {@link
   * EpochProgress#batches()} batches of the epoch's shuffle are taken as done, the rest are trained in order, and
   * {@code hook} is told after each. A run resumed from a checkpoint passes the progress the checkpoint saved, with
   * the network, optimizer and dropout counters restored, and trains the same batches with the same spikes as the
   * run that was interrupted: the shuffle depends on {@code (seed, epoch)} and each sample's spikes on {@code (seed,
   * epoch, index)} only.
   *
   * @param epoch from 1
   * @param progress advanced in place, batch by batch
   * @return the epoch's result (all its batches, those before an interruption too), or null when {@code hook}
   *     stopped it before its last batch
   * @throws IllegalArgumentException if {@code progress} counts more batches than the epoch has
   */
  public EpochResult trainEpoch(
      Dataset train, int epoch, EpochProgress progress, ProgressListener listener, BatchHook hook) {
    if (trainer == null) {
      throw new IllegalStateException("this loop only evaluates (made by TrainingLoop.evaluator): it has no trainer");
    }
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs count from 1, got " + epoch);
    }
    checkDataset(train);
    int size = train.size();
    int batchCount = (size + batchSize - 1) / batchSize;
    int first = progress.batches();
    if (first > batchCount || progress.samples() != Math.min(size, (long) first * batchSize)
        || progress.spikes().length != network.layers().size()) {
      throw new IllegalArgumentException("the progress (" + progress + ") does not fit an epoch of " + size
          + " samples in batches of " + batchSize + " through " + network.layers().size() + " layers");
    }
    long start = System.nanoTime();
    double before = progress.seconds();
    int[] order = shuffle(size, seed, epoch);
    BatchEncoder batches = encoderFor(train, augmentation);
    BatchEncoder.Slot slot = new BatchEncoder.Slot();
    ShardRunner shardRunner = runner != null || shards == 1 ? runner : localRunner(train);
    for (int from = first * batchSize; from < size; from += batchSize) {
      int batch = Math.min(batchSize, size - from);
      float value;
      if (shardRunner == null) {
        batches.encode(slot, order, from, batch, epoch, pool);
        value = slot.currents != null
            ? trainer.trainBatch(slot.currents, slot.labels)
            : trainer.trainBatch(slot.spikes, slot.labels);
        progress.add(batch, value, trainer.lastSpikeCounts(), trainer.lastCorrect(slot.labels, batch));
      } else {
        List<GradientShards.Shard> parts = shardRunner.run(epoch, order, from, batch, shards);
        value = GradientShards.combine(parts, batch, trainer.network().parameters());
        trainer.applyGradients();
        int correct = 0;
        for (GradientShards.Shard part : parts) {
          correct += part.correct();
        }
        progress.add(batch, value, GradientShards.spikeCounts(parts, network.layers().size()), correct);
      }
      int done = progress.batches();
      checkFinite(epoch, done, batchCount, value, done % WEIGHT_CHECK_EVERY == 0 || done == batchCount);
      progress.setSeconds(before + (System.nanoTime() - start) / 1e9);
      listener.progress(progress.samples(), size, progress.meanLoss());
      if (!hook.afterBatch(epoch, progress) && done < batchCount) {
        return null;
      }
    }
    progress.setSeconds(before + (System.nanoTime() - start) / 1e9);
    return new EpochResult(epoch, size, progress.meanLoss(), progress.seconds(), rates(progress.spikes(), size),
        progress.correct());
  }

  /**
   * Runs the network over {@code data} in order and counts correct predictions. The network is frozen for the run
   * ({@link FrozenNet}: its weights are packed for the event-driven sums once, not at every batch); the results are
   * those of {@link StbpTrainer#infer}, bit for bit.
   */
  public Evaluation evaluate(Dataset data, ProgressListener listener) {
    return evaluate(data, listener, EvaluationObserver.NONE);
  }

  /** As {@link #evaluate(Dataset, ProgressListener)}, telling {@code observer} about every batch. */
  public Evaluation evaluate(Dataset data, ProgressListener listener, EvaluationObserver observer) {
    checkDataset(data);
    long start = System.nanoTime();
    FrozenNet.Session session = FrozenNet.of(network).newSession(pool);
    int n = data.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    BatchEncoder batches = encoderFor(data);
    int classes = network.classCount();
    int most = Math.min(batchSize, n);
    float[] rates = new float[most * classes];
    float[] grad = new float[most * classes];
    long[] spikes = new long[network.layers().size()];
    int[] correct = new int[1];
    double[] lossSum = new double[1];
    int[] nBatches = new int[1];
    int[] first = new int[1];
    forEachBatch(batches, order, 0, slot -> {
      int batch = slot.batch;
      if (slot.currents != null) {
        session.infer(slot.currents, rates);
      } else {
        session.infer(slot.spikes, rates);
      }
      lossSum[0] += loss.evaluate(rates, slot.labels, batch, classes, grad);
      nBatches[0]++;
      addCounts(spikes, session.lastSpikeCounts());
      for (int b = 0; b < batch; b++) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (rates[b * classes + k] > rates[b * classes + best]) {
            best = k;
          }
        }
        if (best == slot.labels[b]) {
          correct[0]++;
        }
      }
      observer.batch(first[0], batch, slot.labels, rates, session);
      first[0] += batch;
    }, (done) -> listener.progress(done, n, lossSum[0] / nBatches[0]));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Evaluation(n, correct[0], lossSum[0] / Math.max(1, nBatches[0]), seconds, rates(spikes, n));
  }

  /**
   * Augments every training sample ({@link Augmentation}, seeded by {@code (seed, epoch, index)}); evaluation is
   * never augmented.
   *
   * @param augmentation null for none (the default)
   */
  public void setAugmentation(Augmentation augmentation) {
    this.augmentation = augmentation;
  }

  /**
   * Cuts every training batch's gradient into {@code shards} shards combined in a fixed order ({@link
   * GradientShards}), computed by {@code runner}, or on this loop's trainer one after the other when it is null.
   *
   * @throws IllegalArgumentException if {@code shards < 1}, or the network mixes or masks samples by their place in
   *     the batch (tdBN, dropout) and {@code shards > 1}
   */
  public void setGradientShards(int shards, ShardRunner runner) {
    GradientShards.checkShardable(network, shards);
    this.shards = shards;
    this.runner = runner;
  }

  private BatchEncoder encoderFor(Dataset d) {
    return encoderFor(d, null);
  }

  private BatchEncoder encoderFor(Dataset d, Augmentation augmentation) {
    BatchEncoder batches = new BatchEncoder(d, encoder, timesteps, seed, augmentation);
    int in = network.inputSize();
    if (batches.width() != in) {
      throw new IllegalArgumentException(
          d.source() + " gives " + batches.width() + " input channels per step (" + d.featureCount()
              + " features through encoder " + encoder.name() + ") but the network's input layer has " + in);
    }
    return batches;
  }

  /**
   * Runs {@code step} on every batch of {@code order} in order. Each batch is encoded on the trainer's pool just
   * before its step: a background encoder thread overlapping the step was measured no faster on 2 cores, where it
   * competes with the pool's threads (and it costs a thread).
   */
  private void forEachBatch(
      BatchEncoder batches, int[] order, int epoch, Consumer<BatchEncoder.Slot> step, IntConsumer done) {
    BatchEncoder.Slot slot = new BatchEncoder.Slot();
    for (int from = 0; from < order.length; from += batchSize) {
      int batch = Math.min(batchSize, order.length - from);
      step.accept(batches.encode(slot, order, from, batch, epoch, pool));
      done.accept(from + batch);
    }
  }

  /** The shards computed one after the other on this loop's trainer and threads. */
  private ShardRunner localRunner(Dataset train) {
    ShardWorker worker = new ShardWorker(trainer, train, encoder, timesteps, seed, augmentation, pool);
    return (epoch, order, from, batch, count) -> {
      List<GradientShards.Shard> parts = new java.util.ArrayList<>(count);
      for (int s = 0; s < count; s++) {
        int lo = GradientShards.start(from, batch, count, s);
        int hi = GradientShards.start(from, batch, count, s + 1);
        if (hi > lo) {
          parts.add(worker.compute(s, epoch, order, lo, hi - lo));
        }
      }
      return parts;
    };
  }

  /** Nothing to release: the loop owns no threads (kept so callers can use try-with-resources). */
  @Override
  public void close() {}

  private void checkDataset(Dataset d) {
    if (d.classCount() > network.classCount()) {
      throw new IllegalArgumentException(
          d.source() + " has " + d.classCount() + " classes but the network has only "
              + network.outputSize() + " outputs");
    }
    if (d.size() == 0) {
      throw new IllegalArgumentException(d.source() + " has no samples");
    }
  }

  /**
   * Stops a diverged run: the batch loss and every layer's biases and neuron parameters are checked after each step,
   * the weights only when {@code weights} (a scan as long as the weights, against a step that reads them several
   * times over). A NaN gradient reaches the biases at the step it appears: dL/db sums every row of dL/dI.
   */
  private void checkFinite(int epoch, int batch, int batches, float loss, boolean weights) {
    String what = Float.isFinite(loss) ? null : "the batch loss is " + loss;
    List<NetworkLayer> layers = network.layers();
    for (int l = 0; what == null && l < layers.size(); l++) {
      if (layers.get(l) instanceof SpikingLayer layer) {
        what = nonFinite(l, "biases", layer.bias());
        what = what != null ? what : nonFinite(l, "neuron parameters", layer.neuronParameters());
        what = what != null || !weights ? what : nonFinite(l, "weights", layer.weight());
      } else if (weights) {
        for (Parameter p : layers.get(l).parameters()) {
          what = what != null ? what : nonFinite(l, p.name(), p.value());
        }
      }
    }
    if (what != null) {
      throw new TrainingDivergedException(epoch, batch, batches, what, trainer.optimizer().learningRate());
    }
  }

  /** Null when every value is finite, else what is not (a string is made only then). */
  private static String nonFinite(int layer, String name, float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return "layer " + layer + "'s " + name + " hold " + values[i] + " (at index " + i + ")";
      }
    }
    return null;
  }

  private static void addCounts(long[] total, long[] batch) {
    for (int l = 0; l < total.length; l++) {
      total[l] += batch[l];
    }
  }

  /** Per spiking layer (pooling, flatten and other layers without neurons left out), the fraction that spiked. */
  private double[] rates(long[] spikes, int samples) {
    List<NetworkLayer> layers = network.layers();
    double[] r = new double[(int) layers.stream().filter(l -> l instanceof SpikingLayer).count()];
    for (int l = 0, k = 0; l < spikes.length; l++) {
      if (layers.get(l) instanceof SpikingLayer) {
        r[k++] = spikes[l] / ((double) samples * timesteps * layers.get(l).outputSize());
      }
    }
    return r;
  }
}
