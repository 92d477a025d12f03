package org.snn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A training recipe: a named, versioned set of {@code snn train} settings (docs/RECIPES.md). A recipe is a
 * properties file whose keys are {@code snn train} flags without their dashes ({@code epochs=20}, {@code
 * net=conv32k3p1,lif,...}) plus {@code recipe=1}, the format's version. A flag that takes no value is given as
 * {@code true}. The built-in recipes live in {@code /recipes/NAME.properties} on the class path.
 */
final class Recipe {
  /** The only format version this snn reads. */
  static final String VERSION = "1";

  /** The built-in recipes, in the order 'snn train --help' lists them. */
  static final List<String> BUILT_IN = List.of("fmnist-mlp", "fmnist-conv", "cifar10-conv", "nmnist-conv");

  /** Flags a recipe may not set: where the model goes and whether files are overwritten stay the user's. */
  private static final Set<String> NOT_IN_RECIPES = Set.of("out", "force", "recipe", "plugins", "resume",
      "checkpoint", "help", "version");

  private final String source;
  private final Map<String, String> settings;

  private Recipe(String source, Map<String, String> settings) {
    this.source = source;
    this.settings = Collections.unmodifiableMap(settings);
  }

  /** Where the recipe was read from: its built-in name, or its file. */
  String source() {
    return source;
  }

  /** The settings, flag name without dashes to value, in file order. */
  Map<String, String> settings() {
    return settings;
  }

  /**
   * Reads a built-in recipe by name (case-insensitive), or else the file {@code nameOrFile}.
   *
   * @param known the long names (with dashes) of the flags {@code snn train} takes
   * @throws UsageException for a missing file, a bad version, a flag snn train does not take or one a recipe may
   *     not set, each naming the recipe and the key
   */
  static Recipe load(String nameOrFile, Set<String> known) {
    String name = nameOrFile.strip().toLowerCase(Locale.ROOT);
    String text;
    String source;
    if (BUILT_IN.contains(name)) {
      source = name;
      try (InputStream in = Recipe.class.getResourceAsStream("/recipes/" + name + ".properties")) {
        if (in == null) {
          throw new IllegalStateException("the built-in recipe " + name + " is missing from this snn's jar");
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the built-in recipe " + name + ": " + e.getMessage(), e);
      }
    } else {
      Path file = Path.of(nameOrFile);
      if (!Files.isRegularFile(file)) {
        throw new UsageException("--recipe " + nameOrFile + ": neither a built-in recipe (" + String.join(", ",
            BUILT_IN) + ") nor a file");
      }
      source = file.toString();
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UsageException("--recipe " + file + ": cannot read it: " + e.getMessage());
      }
    }
    return parse(source, text, known);
  }

  /** Parses the text of a recipe read from {@code source}; see {@link #load}. */
  static Recipe parse(String source, String text, Set<String> known) {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Reader r = new StringReader(text)) {
      OrderedProperties p = new OrderedProperties(settings);
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("recipe " + source + ": not a properties file: " + e.getMessage());
    }
    String version = settings.remove("recipe");
    if (version == null) {
      throw new UsageException("recipe " + source + ": no 'recipe' key; the first line should be recipe=" + VERSION
          + " (the format's version)");
    }
    if (!VERSION.equals(version.strip())) {
      throw new UsageException("recipe " + source + ": recipe=" + version + " but this snn reads recipe=" + VERSION);
    }
    settings.remove("description");
    for (String key : settings.keySet()) {
      if (NOT_IN_RECIPES.contains(key)) {
        throw new UsageException("recipe " + source + ": '" + key + "' cannot be set in a recipe; give --" + key
            + " on the command line");
      }
      if (!known.contains("--" + key)) {
        Set<String> names = new TreeSet<>();
        for (String k : known) {
          if (!NOT_IN_RECIPES.contains(k.substring(2))) {
            names.add(k.substring(2));
          }
        }
        throw new UsageException("recipe " + source + ": unknown key '" + key + "'; the keys are snn train's flags"
            + " without dashes: " + String.join(", ", names));
      }
    }
    return new Recipe(source, settings);
  }

  /**
   * The settings as command-line arguments ({@code --epochs 20 ...}); a flag set to true stands alone.
   *
   * @param left these flags are left out (the command line gives another flag in their place)
   */
  List<String> arguments(Set<String> flagsWithoutValue, Set<String> left) {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String flag = "--" + e.getKey();
      if (left.contains(flag)) {
        continue;
      }
      if (flagsWithoutValue.contains(flag)) {
        if (Boolean.parseBoolean(e.getValue().strip())) {
          args.add(flag);
        }
      } else {
        args.add(flag);
        args.add(e.getValue().strip());
      }
    }
    return args;
  }

  /** {@link java.util.Properties} that records its keys in file order. */
  private static final class OrderedProperties extends java.util.Properties {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> into;

    OrderedProperties(Map<String, String> into) {
      this.into = into;
    }

    @Override
    public synchronized Object put(Object key, Object value) {
      String k = key.toString().strip();
      if (into.containsKey(k)) {
        throw new IllegalArgumentException("'" + k + "' is given twice");
      }
      into.put(k, value.toString());
      return super.put(key, value);
    }
  }
}
