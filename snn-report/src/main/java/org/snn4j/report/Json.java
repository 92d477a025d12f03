package org.snn4j.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON has no NaN or infinity: a number that is not finite is written as null. */
final class Json {
  private Json() {}

  static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
