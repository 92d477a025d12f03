package org.snn4j.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Builds one line of JSON, fields in insertion order: the machine-readable summary the CLI prints last. */
final class JsonLine {
  private final StringBuilder sb = new StringBuilder("{");

  JsonLine put(String key, String value) {
    key(key);
    if (value == null) {
      sb.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  JsonLine put(String key, long value) {
    key(key).append(value);
    return this;
  }

  JsonLine put(String key, boolean value) {
    key(key).append(value);
    return this;
  }

  JsonLine put(String key, double value) {
    key(key).append(number(value));
    return this;
  }

  JsonLine put(String key, double[] values) {
    key(key).append('[');
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ",").append(number(values[i]));
    }
    sb.append(']');
    return this;
  }

  JsonLine put(String key, int[] values) {
    key(key).append('[');
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ",").append(values[i]);
    }
    sb.append(']');
    return this;
  }

  private static String number(double v) {
    if (!Double.isFinite(v)) {
      return "null";
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private StringBuilder key(String key) {
    if (sb.length() > 1) {
      sb.append(',');
    }
    quote(key);
    return sb.append(':');
  }

  private void quote(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  @Override
  public String toString() {
    return sb + "}";
  }
}
