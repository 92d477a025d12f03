package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --neuron} and the LIF flags: bad input is one line on stderr naming the flag, exit code 2. */
class NeuronOptionsTest {
  @TempDir Path work;

  private CliRun train(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--out", work.resolve("m.snn").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertOneLine(CliRun run, String... fragments) {
    assertEquals(2, run.exitCode(), run.err());
    String err = run.errLines().strip();
    assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    assertTrue(err.startsWith("snn: "), err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' missing in: " + err);
    }
  }

  @Test
  void unknownNeuronListsTheKnownOnes() {
    assertOneLine(train("--neuron", "izhikevich"), "--neuron", "unknown neuron 'izhikevich'",
        "known: alif, if, lif, plif", "--plugins DIR");
  }

  @Test
  void badParametersNameTheNeuronAndTheParameter() {
    assertOneLine(train("--neuron", "lif:decay=2"), "--neuron: lif: parameter 'decay'", "got '2'");
    assertOneLine(train("--neuron", "alif:gamma=1"), "--neuron: alif: unknown parameter 'gamma'", "rho");
    assertOneLine(train("--neuron", "plif:init_decay=1"), "--neuron: plif: parameter 'init_decay'");
    assertOneLine(train("--neuron", "if:detach_reset=maybe"), "--neuron: if: parameter 'detach_reset'", "maybe");
    assertOneLine(train("--neuron", "lif:decay"), "--neuron", "not key=value");
  }

  @Test
  void aFlagTheNeuronDoesNotDeclareIsAnErrorNamingTheFlag() {
    assertOneLine(train("--neuron", "plif", "--decay", "0.3"), "--decay: neuron 'plif' has no parameter 'decay'",
        "use --neuron plif:init_decay=0.3");
    assertOneLine(train("--neuron", "if", "--decay", "0.3"), "--decay: neuron 'if' has no parameter 'decay'",
        "vth, detach_reset", "drop --decay");
  }

  @Test
  void aBadFlagValueNamesTheFlag() {
    assertOneLine(train("--decay", "1.5"), "--decay: lif: parameter 'decay' must be a number in [0.0, 1.0], got '1.5'");
    assertOneLine(train("--neuron", "alif", "--decay", "-1"), "--decay: alif: parameter 'decay'");
    assertOneLine(train("--vth", "NaN"), "--vth: lif: parameter 'vth' must be finite");
  }

  @Test
  void aParameterSetTwiceIsAnError() {
    assertOneLine(train("--neuron", "lif:decay=0.3", "--decay", "0.3"), "--decay and --neuron lif:decay=0.3",
        "'decay'");
  }

  @Test
  void helpDocumentsTheNeuronAndItsFlags() {
    CliRun run = CliRun.of("train", "--help");
    assertEquals(0, run.exitCode(), run.err());
    for (String f : new String[] {"--neuron", "lif, if, plif", "--decay", "--vth", "--detach-reset"}) {
      assertTrue(run.out().contains(f), f + " missing in:\n" + run.out());
    }
  }
}
