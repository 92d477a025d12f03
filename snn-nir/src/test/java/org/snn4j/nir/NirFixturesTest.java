package org.snn4j.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.SequentialNet;

/**
 * Files NIR's reference writer made from snnTorch- and SpikingJelly-style graphs (src/test/resources/nir, made by
 * make_fixtures.py there) import and give, on the recorded input, exactly the recorded output spikes.
 */
class NirFixturesTest {
  @ParameterizedTest
  @ValueSource(strings = {"snntorch_scnn", "spikingjelly_scnn", "snntorch_synaptic_mlp", "norse_lif"})
  void importedReferenceFileGivesRecordedSpikes(String name) throws Exception {
    Path nir = resource(name + ".nir");
    NirImport.Result imported = Nir.importFile(nir, Nir.DEFAULT_DT, Kernels.get());
    Recorded rec = Recorded.read(resource(name + ".spikes.txt"));
    SequentialNet net = imported.network();
    assertEquals(rec.input.size(), net.layers().get(0).inputSize());
    SpikeTensor out = net.forward(rec.input);
    assertEquals(rec.output.size(), out.size());
    assertArrayEquals(rec.output.data(), out.data(), name + ": output spikes [T][B][n]");
    int spikes = 0;
    for (byte b : rec.output.data()) {
      spikes += b;
    }
    assertTrue(spikes > 0 && spikes < rec.output.data().length, "the recorded output must have spikes and silences");
    // the comparison is sensitive: another time step gives other decays and input scales, and other spikes (or, for
    // the CubaLIF, a synaptic current with memory, which is refused)
    try {
      SequentialNet wrongDt = Nir.importFile(nir, 0.75 * Nir.DEFAULT_DT, Kernels.get()).network();
      assertTrue(!java.util.Arrays.equals(rec.output.data(), wrongDt.forward(rec.input).data()), name + " at dt 0.75e-4");
    } catch (NirFormatException e) {
      assertTrue(e.getMessage().contains("(CubaLIF) has a synaptic current that decays"), e.getMessage());
    }
  }

  /** The snnTorch file: the report names the reset mechanism the file cannot record and the SumPool2d folding. */
  @ParameterizedTest
  @ValueSource(strings = {"snntorch_scnn"})
  void snnTorchReportNamesResetMechanismAndSumPool(String name) throws Exception {
    FidelityReport r = Nir.importFile(resource(name + ".nir"), Nir.DEFAULT_DT, Kernels.get()).report();
    assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("differs:") && l.contains("SumPool2d") == false
        && l.contains("reset mechanism")), r.toString());
    assertTrue(r.lines().stream().anyMatch(l -> l.contains("SumPool2d node 'sumpool2d'") && l.contains("power of two")),
        r.toString());
  }

  /** SpikingJelly's decay_input LIF (r = 1, tau = 2·dt) halves the input: the weights are scaled, and it says so. */
  @ParameterizedTest
  @ValueSource(strings = {"spikingjelly_scnn"})
  void spikingJellyInputScaleIsReported(String name) throws Exception {
    FidelityReport r = Nir.importFile(resource(name + ".nir"), Nir.DEFAULT_DT, Kernels.get()).report();
    assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("differs:") && l.contains("scales its input by 0.5")),
        r.toString());
    assertTrue(r.lines().stream().anyMatch(l -> l.contains("stores bias as float64")) == false,
        "zero float64 biases round to float32 exactly: " + r);
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(NirFixturesTest.class.getResource("/nir/" + name).toURI());
  }

  /** The input and output spikes a fixture records: a header line, then T·B input rows, then T·B output rows. */
  record Recorded(SpikeTensor input, SpikeTensor output) {
    static Recorded read(Path file) throws IOException {
      List<String> lines = Files.readAllLines(file);
      String[] h = lines.get(0).trim().split("\\s+"); // timesteps T batch B input d... outputs M
      int t = Integer.parseInt(h[1]);
      int b = Integer.parseInt(h[3]);
      int m = Integer.parseInt(h[h.length - 1]);
      int n = 1;
      for (int i = 5; i < h.length - 2; i++) {
        n *= Integer.parseInt(h[i]);
      }
      return new Recorded(tensor(lines, 1, t, b, n), tensor(lines, 1 + t * b, t, b, m));
    }

    private static SpikeTensor tensor(List<String> lines, int from, int t, int b, int n) {
      byte[] d = new byte[t * b * n];
      for (int r = 0; r < t * b; r++) {
        String row = lines.get(from + r);
        if (row.length() != n) {
          throw new IllegalStateException("row " + (from + r) + " has " + row.length() + " values, not " + n);
        }
        for (int i = 0; i < n; i++) {
          d[r * n + i] = (byte) (row.charAt(i) - '0');
        }
      }
      return new SpikeTensor(t, b, n, d);
    }
  }
}
