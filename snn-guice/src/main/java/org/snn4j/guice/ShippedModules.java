package org.snn4j.guice;

import com.google.inject.Binding;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinderBinding;
import com.google.inject.multibindings.MultibinderBinding;
import com.google.inject.multibindings.MultibindingsTargetVisitor;
import com.google.inject.multibindings.OptionalBinderBinding;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.snn4j.api.PluginKind;
import org.snn4j.plugins.PluginRegistry;

/**
 * Checks the Guice modules that plugin jars ship before they are installed, so that one bad module is left out
 * with a message instead of failing the whole injector: a module whose {@code configure} fails, one that binds a
 * plugin under an invalid name or under a name another plugin already has, and one whose bindings cannot be
 * satisfied. A module must be self-contained: it may use the application's and snn4j's bindings, not another
 * plugin module's.
 */
final class ShippedModules {
  private ShippedModules() {}

  /**
   * The modules that passed, recorded so that their {@code configure} runs once; a line in {@code problems} for
   * each that did not.
   *
   * @param taken for each kind, the names already bound and by whom; updated with the accepted modules' names
   * @param base builds the application's module around a list of plugin modules, for a trial injector
   */
  static List<Module> vet(List<Module> found, List<PluginKind<?>> kinds, Map<PluginKind<?>, Map<String, String>> taken,
      Function<List<Module>, Module> base, List<String> problems) {
    List<Module> accepted = new ArrayList<>();
    for (Module m : found) {
      String who = "Guice module " + m.getClass().getName() + " from " + PluginRegistry.origin(m);
      List<Element> elements = Elements.getElements(m);
      String error = firstError(elements);
      if (error != null) {
        problems.add(who + ": its configure() failed (" + error + "); it was not installed");
        continue;
      }
      Map<PluginKind<?>, List<String>> names = contributions(elements, kinds);
      String clash = clash(names, taken, who);
      if (clash != null) {
        problems.add(clash + "; it was not installed");
        continue;
      }
      Module recorded = Elements.getModule(elements);
      try {
        Guice.createInjector(Stage.TOOL, base.apply(List.of(recorded)));
      } catch (CreationException e) {
        problems.add(who + ": its bindings do not work (" + firstLine(e.getErrorMessages().iterator().next())
            + "); it was not installed");
        continue;
      }
      names.forEach((kind, list) -> list.forEach(n -> taken.get(kind).put(n, who)));
      accepted.add(recorded);
    }
    return accepted;
  }

  /** The MapBinder names each kind's map gets from these elements. */
  static Map<PluginKind<?>, List<String>> contributions(List<Element> elements, List<PluginKind<?>> kinds) {
    Map<PluginKind<?>, List<String>> names = new LinkedHashMap<>();
    for (Element e : elements) {
      if (e instanceof Binding<?> b) {
        b.acceptTargetVisitor(new MapEntries(elements, kinds, names));
      }
    }
    return names;
  }

  private static String clash(Map<PluginKind<?>, List<String>> names, Map<PluginKind<?>, Map<String, String>> taken,
      String who) {
    for (Map.Entry<PluginKind<?>, List<String>> e : names.entrySet()) {
      PluginKind<?> kind = e.getKey();
      for (String name : e.getValue()) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*")) {
          return who + " binds a " + kind.name() + " under the invalid name '" + name + "' (use lower-case letters,"
              + " digits, '.', '_' and '-')";
        }
        String holder = taken.get(kind).get(name);
        if (holder != null) {
          return who + " binds " + kind.name() + " '" + name + "', which " + holder + " already provides; remove"
              + " one of the jars";
        }
      }
    }
    return null;
  }

  private static String firstError(List<Element> elements) {
    for (Element e : elements) {
      if (e instanceof Message m) {
        return firstLine(m);
      }
    }
    return null;
  }

  private static String firstLine(Message m) {
    Throwable cause = m.getCause();
    String text = cause != null && cause.getMessage() != null
        ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : m.getMessage();
    text = text.strip();
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl).strip();
  }

  /** Collects the keys of MapBinder maps from String to a plugin kind's interface. */
  private static final class MapEntries extends DefaultBindingTargetVisitor<Object, Void>
      implements MultibindingsTargetVisitor<Object, Void> {
    private final List<Element> elements;
    private final List<PluginKind<?>> kinds;
    private final Map<PluginKind<?>, List<String>> names;

    MapEntries(List<Element> elements, List<PluginKind<?>> kinds, Map<PluginKind<?>, List<String>> names) {
      this.elements = elements;
      this.kinds = kinds;
      this.names = names;
    }

    @Override
    public Void visit(MapBinderBinding<?> map) {
      if (!map.getKeyTypeLiteral().equals(TypeLiteral.get(String.class))) {
        return null;
      }
      for (PluginKind<?> kind : kinds) {
        if (map.getValueTypeLiteral().equals(TypeLiteral.get(kind.type()))) {
          for (Map.Entry<?, Binding<?>> entry : map.getEntries(elements)) {
            names.computeIfAbsent(kind, k -> new ArrayList<>()).add(String.valueOf(entry.getKey()));
          }
        }
      }
      return null;
    }

    @Override
    public Void visit(MultibinderBinding<?> multibinding) {
      return null;
    }

    @Override
    public Void visit(OptionalBinderBinding<?> optionalbinding) {
      return null;
    }
  }
}
