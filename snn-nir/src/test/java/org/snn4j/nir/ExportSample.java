package org.snn4j.nir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Writes a NIR file of a network and, beside it, an input and snn4j's output spikes, for the hand check with NIR's
 * reference reader (src/test/resources/nir/check_snn4j_file.py; docs/NIR.md records the runs):
 *
 * <pre>
 *   java -cp TEST_CLASSPATH org.snn4j.nir.ExportSample OUT.nir SPEC C,H,W|N [membrane:DECAY]
 * </pre>
 *
 * <p>With {@code membrane:DECAY} the net gets a membrane readout (an {@code LI} node in the file) and a fourth line
 * holds snn4j's class scores {@code [B][classes]}, each the mean over the steps of the readout's membrane.
 */
public final class ExportSample {
  private ExportSample() {}

  /**
   * Writes {@code args[0]} and {@code args[0].spikes} for the spec {@code args[1]} on the input shape {@code args[2]},
   * with the membrane readout of {@code args[3]} when given.
   */
  public static void main(String[] args) throws Exception {
    int[] dims = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    SequentialNet net = NirNets.build(args[1], Shape.of(dims), 7);
    if (args.length > 3) {
      net.setReadout(Readout.membrane(Float.parseFloat(args[3].substring("membrane:".length()))));
    }
    Path out = Path.of(args[0]);
    Nir.export(net, out, Nir.DEFAULT_DT, Map.of());
    int n = net.layers().get(0).inputSize();
    int timesteps = 5;
    int batch = 2;
    SpikeTensor in = NirNets.spikes(timesteps, batch, n, 0.4, 3);
    SpikeTensor spikes = net.forward(in);
    StringBuilder sb = new StringBuilder();
    sb.append(timesteps).append(' ').append(batch).append(' ').append(n).append(' ').append(spikes.size()).append('\n');
    for (byte x : in.data()) {
      sb.append(x);
    }
    sb.append('\n');
    for (byte x : spikes.data()) {
      sb.append(x);
    }
    sb.append('\n');
    if (args.length > 3) {
      float[] scores = new float[batch * spikes.size()];
      try (WorkerPool pool = new WorkerPool(1)) {
        FrozenNet.of(net).newSession(pool).infer(in, scores);
      }
      for (float x : scores) {
        sb.append(x).append(' ');
      }
      sb.append('\n');
    }
    Files.writeString(Path.of(args[0] + ".spikes"), sb);
  }
}
