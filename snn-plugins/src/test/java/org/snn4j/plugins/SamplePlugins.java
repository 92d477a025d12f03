package org.snn4j.plugins;

import java.util.Map;
import org.snn4j.api.Plugin;
import org.snn4j.api.PluginFactory;
import org.snn4j.api.PluginParams;

/**
 * A test-only extension point and its providers. ServiceLoader finds them through {@code
 * META-INF/services/org.snn4j.plugins.SamplePlugins$Sample} in the test resources, which also lists a class that does
 * not exist.
 */
public final class SamplePlugins {
  private SamplePlugins() {}

  /** The extension point. */
  public interface Sample extends Plugin {}

  /** A well-behaved provider named {@code alpha}. */
  public static final class Alpha implements Sample {
    /** For ServiceLoader. */
    public Alpha() {}

    @Override
    public String name() {
      return "alpha";
    }
  }

  /** A second well-behaved provider, named {@code beta}. */
  public static final class Beta implements Sample {
    /** For ServiceLoader. */
    public Beta() {}

    @Override
    public String name() {
      return "beta";
    }
  }

  /** A provider whose constructor fails, as one with a missing dependency would. */
  public static final class Broken implements Sample {
    /** Always throws. */
    public Broken() {
      throw new IllegalStateException("broken on purpose");
    }

    @Override
    public String name() {
      return "broken";
    }
  }

  /** A plugin with any name, for registries built with {@code of}; not listed for ServiceLoader. */
  static final class Named implements Sample {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }
  }

  /** A second class for duplicate-name tests, so the message can be seen to name both classes. */
  static final class OtherNamed implements Sample {
    private final String name;

    OtherNamed(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }
  }

  /** A factory that makes strings from its parameters, to exercise the default {@code create(PluginSpec)}. */
  static final class Echo implements PluginFactory<String> {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public Map<String, String> parameterDefaults() {
      return Map.of("a", "1");
    }

    @Override
    public String create(PluginParams params) {
      return "a=" + params.getPositive("a");
    }
  }
}
