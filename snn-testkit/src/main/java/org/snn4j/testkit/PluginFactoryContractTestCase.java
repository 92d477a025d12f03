package org.snn4j.testkit;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.PluginFactory;
import org.snn4j.api.PluginKind;

/**
 * The checks every plugin factory shares, whatever it makes: a valid, stable name; a one-line description; valid
 * parameter declarations; discoverable by name through its service file; unknown and invalid parameters rejected
 * with a message naming them. {@link SurrogateContractTestCase}, {@link SpikeEncoderContractTestCase} and {@link
 * NeuronContractTestCase} extend it; extend one of those, not this.
 *
 * @param <F> the extension point's factory interface
 */
public abstract class PluginFactoryContractTestCase<F extends PluginFactory<?>> {
  /** The factory under test, as ServiceLoader would create it. */
  protected abstract F factory();

  /** The extension point the factory belongs to. */
  abstract PluginKind<F> kind();

  /** Parameters the factory must refuse with a {@code PluginException} that names the parameter. */
  protected List<Map<String, String>> invalidParameterSets() {
    return List.of();
  }

  @Test
  void nameIsValidAndStable() {
    PluginChecks.nameIsValidAndStable(factory());
  }

  @Test
  void describesItselfOnOneLine() {
    PluginChecks.describesItselfOnOneLine(factory());
  }

  @Test
  void declaresValidParameters() {
    PluginChecks.declaresValidParameters(factory());
  }

  @Test
  void discoverableByName() {
    PluginChecks.discoverableByName(kind(), factory());
  }

  @Test
  void rejectsUnknownParameter() {
    PluginChecks.rejectsUnknownParameter(factory());
  }

  @Test
  void rejectsInvalidParametersNamingThem() {
    PluginChecks.rejectsInvalidParameters(factory(), invalidParameterSets());
  }
}
