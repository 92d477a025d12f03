package org.snn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.api.SurrogateFactory;

/**
 * The kit passes well-behaved plugins and fails broken ones on the check that describes what is broken. Each
 * contract run here is a static nested class tagged {@value #FIXTURE}, run only through the engine test kit.
 */
class ContractKitTest {
  /** The tag of the contract runs below; surefire skips it (see the pom), even when run with -Dtest. */
  static final String FIXTURE = "contract-fixture";

  private static Set<String> failures(Class<?> contract) {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    assertTrue(tests.started().count() > 5, contract + " ran no tests");
    Set<String> failed = new TreeSet<>();
    tests.failed().stream().forEach(e -> failed.add(e.getTestDescriptor().getDisplayName().replace("()", "")
        .replaceAll("\\(.*\\)", "")));
    return failed;
  }

  private static void assertFailsOn(Class<?> contract, String... checks) {
    Set<String> failed = failures(contract);
    for (String check : checks) {
      assertTrue(failed.contains(check), contract.getSimpleName() + " should fail " + check + "; failed: " + failed);
    }
  }

  @Test
  void wellBehavedPluginsPass() {
    assertEquals(Set.of(), failures(GoodSurrogate.class));
    assertEquals(Set.of(), failures(GoodEncoder.class));
    assertEquals(Set.of(), failures(GoodReader.class));
    assertEquals(Set.of(), failures(GoodNeuron.class));
  }

  @Test
  void brokenSurrogatesFailTheMatchingCheck() {
    assertFailsOn(NegativeSurrogate.class, "nonNegativeAndFiniteEverywhere", "symmetricAroundThreshold");
    assertFailsOn(SloppyBulkSurrogate.class, "bulkMatchesScalarBitForBit", "bulkWorksInPlace");
    assertFailsOn(DoubleSurrogate.class, "integratesToOne");
    assertFailsOn(NanSurrogate.class, "nonNegativeAndFiniteEverywhere");
    assertFailsOn(OpaqueSurrogate.class, "toStringIsASpecThatRecreatesTheSameCurve");
    assertFailsOn(LaxSurrogate.class, "rejectsUnknownParameter", "rejectsInvalidParametersNamingThem");
    assertEquals(Set.of("discoverableByName"), failures(UnregisteredSurrogate.class));
  }

  @Test
  void brokenEncodersFailTheMatchingCheck() {
    assertFailsOn(TwoValuedEncoder.class, "spikesAreZeroOrOne");
    assertFailsOn(ImpureEncoder.class, "sameFeaturesStepsAndKeyGiveTheSameSpikes");
  }

  @Test
  void brokenReadersFailTheMatchingCheck() {
    assertFailsOn(LabelOutOfRangeReader.class, "sampleIsRecognisedAndReadsAsAConsistentDataset");
    assertFailsOn(CrashingReader.class, "missingFilesAreAnIoExceptionNotACrash", "damagedFileIsAnIoExceptionNamingIt");
  }

  @Test
  void brokenNeuronsFailTheMatchingCheck() {
    assertFailsOn(LeakyGradientNeuron.class, "updateBackwardMatchesFiniteDifferences");
    assertFailsOn(WrongResetGradientNeuron.class, "resetGradientIsTheDifferenceASpikeMakes");
    assertFailsOn(WrongThresholdGradientNeuron.class, "parameterGradientsMatchFiniteDifferences");
    assertFailsOn(OverwritingNeuron.class, "backwardAddsToItsGradientsAndWritesNowhereElse");
    assertFailsOn(ImpureNeuron.class, "forwardIsAPureFunctionOfItsArguments");
    assertFailsOn(ForgetfulSpecNeuron.class, "specRecreatesTheSameNeuron");
    for (Class<?> broken : List.of(LeakyGradientNeuron.class, WrongResetGradientNeuron.class,
        WrongThresholdGradientNeuron.class, OverwritingNeuron.class)) {
      assertFalse(failures(broken).contains("forwardIsAPureFunctionOfItsArguments"), broken + ": forward is fine");
    }
  }

  @Tag(FIXTURE)
  static class GoodNeuron extends NeuronContractTestCase {
    @Override
    protected NeuronFactory factory() {
      return new SamplePlugins.ThresholdLif();
    }

    @Override
    protected List<Map<String, String>> parameterSets() {
      return List.of(Map.of(), Map.of("decay", "0.9", "detach_reset", "true"), Map.of("decay", "0", "vth", "2"));
    }

    @Override
    protected List<Map<String, String>> invalidParameterSets() {
      return List.of(Map.of("decay", "1.5"), Map.of("vth", "abc"), Map.of("detach_reset", "maybe"));
    }
  }

  static final class LeakyGradientNeuron extends GoodNeuron {
    @Override
    protected NeuronFactory factory() {
      return new SamplePlugins.LeakyGradientLif();
    }
  }

  static final class WrongResetGradientNeuron extends GoodNeuron {
    @Override
    protected NeuronFactory factory() {
      return new SamplePlugins.WrongResetGradientLif();
    }
  }

  static final class WrongThresholdGradientNeuron extends GoodNeuron {
    @Override
    protected NeuronFactory factory() {
      return new SamplePlugins.WrongThresholdGradientLif();
    }
  }

  static final class OverwritingNeuron extends GoodNeuron {
    @Override
    protected NeuronFactory factory() {
      return new SamplePlugins.OverwritingLif();
    }
  }

  static final class ImpureNeuron extends GoodNeuron {
    @Override
    protected NeuronFactory factory() {
      return new SamplePlugins.ImpureLif();
    }
  }

  static final class ForgetfulSpecNeuron extends GoodNeuron {
    @Override
    protected NeuronFactory factory() {
      return new SamplePlugins.ForgetfulSpecLif();
    }
  }

  @Tag(FIXTURE)
  static class GoodSurrogate extends SurrogateContractTestCase {
    @Override
    protected SurrogateFactory factory() {
      return new SamplePlugins.Box();
    }

    @Override
    protected List<Map<String, String>> parameterSets() {
      return List.of(Map.of(), Map.of("a", "0.5"), Map.of("a", "3"));
    }

    @Override
    protected List<Map<String, String>> invalidParameterSets() {
      return List.of(Map.of("a", "0"), Map.of("a", "abc"));
    }
  }

  static final class NegativeSurrogate extends GoodSurrogate {
    @Override
    protected SurrogateFactory factory() {
      return new SamplePlugins.NegativeBox();
    }
  }

  static final class SloppyBulkSurrogate extends GoodSurrogate {
    @Override
    protected SurrogateFactory factory() {
      return new SamplePlugins.SloppyBulkBox();
    }
  }

  static final class DoubleSurrogate extends GoodSurrogate {
    @Override
    protected SurrogateFactory factory() {
      return new SamplePlugins.DoubleBox();
    }
  }

  static final class NanSurrogate extends GoodSurrogate {
    @Override
    protected SurrogateFactory factory() {
      return new SamplePlugins.NanBox();
    }
  }

  static final class OpaqueSurrogate extends GoodSurrogate {
    @Override
    protected SurrogateFactory factory() {
      return new SamplePlugins.OpaqueBox();
    }
  }

  static final class LaxSurrogate extends GoodSurrogate {
    @Override
    protected SurrogateFactory factory() {
      return new SamplePlugins.LaxBox();
    }
  }

  static final class UnregisteredSurrogate extends GoodSurrogate {
    @Override
    protected SurrogateFactory factory() {
      return new SamplePlugins.UnregisteredBox();
    }
  }

  @Tag(FIXTURE)
  static class GoodEncoder extends SpikeEncoderContractTestCase {
    @Override
    protected SpikeEncoderFactory factory() {
      return new SamplePlugins.Threshold();
    }
  }

  static final class TwoValuedEncoder extends GoodEncoder {
    @Override
    protected SpikeEncoderFactory factory() {
      return new SamplePlugins.TwoThreshold();
    }
  }

  static final class ImpureEncoder extends GoodEncoder {
    @Override
    protected SpikeEncoderFactory factory() {
      return new SamplePlugins.ImpureEncoder();
    }
  }

  @Tag(FIXTURE)
  static class GoodReader extends DatasetReaderContractTestCase {
    @Override
    protected DatasetReader reader() {
      return new SamplePlugins.TextReader();
    }

    @Override
    protected void writeSample(Path folder) throws IOException {
      SamplePlugins.TextReader.write(folder);
    }

    @Override
    protected Path damage(Path folder) throws IOException {
      Path train = folder.resolve("train.txt");
      Files.writeString(train, "0 1 2\n");
      return train;
    }
  }

  static final class LabelOutOfRangeReader extends GoodReader {
    @Override
    protected DatasetReader reader() {
      return new SamplePlugins.LabelOutOfRangeReader();
    }
  }

  static final class CrashingReader extends GoodReader {
    @Override
    protected DatasetReader reader() {
      return new SamplePlugins.CrashingReader();
    }
  }
}
