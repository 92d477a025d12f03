package org.snn4j.core.train;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/** Bytes of the primitive arrays an object graph reaches (header included), walked by reflection, for tests. */
final class ReachableArrays {
  private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
  private long bytes;

  /** Adds what {@code root} reaches and was not reached before. */
  ReachableArrays walk(Object root) {
    visit(root);
    return this;
  }

  long bytes() {
    return bytes;
  }

  private void visit(Object o) {
    if (o == null || o instanceof Class<?> || seen.put(o, true) != null) {
      return;
    }
    Class<?> c = o.getClass();
    if (c.isArray()) {
      Class<?> element = c.getComponentType();
      if (element.isPrimitive()) {
        int size = element == long.class || element == double.class ? 8
            : element == byte.class || element == boolean.class ? 1 : element == short.class || element == char.class
                ? 2 : 4;
        bytes += 16 + (long) size * Array.getLength(o);
      } else {
        for (Object e : (Object[]) o) {
          visit(e);
        }
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.values().forEach(this::visit);
      return;
    }
    if (o instanceof Collection<?> list) {
      list.forEach(this::visit);
      return;
    }
    if (c.getName().startsWith("java.")) {
      return; // threads, locks, strings: not what training allocates per size
    }
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        try {
          f.setAccessible(true);
          visit(f.get(o));
        } catch (ReflectiveOperationException | RuntimeException e) {
          // a field this test cannot read holds nothing training allocates
        }
      }
    }
  }
}
