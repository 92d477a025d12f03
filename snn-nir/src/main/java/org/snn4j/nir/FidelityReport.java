package org.snn4j.nir;

import java.util.ArrayList;
import java.util.List;

/**
 * What an export or import kept exactly and what it did not: every place where snn4j's discrete network and the NIR
 * graph differ in meaning, or a value was rounded, or something a framework needs is not in NIR, is one entry. The
 * CLI prints it; nothing is approximated without an entry here.
 */
public final class FidelityReport {
  /** How an entry relates the two sides. */
  public enum Kind {
    /** Maps exactly: the same spikes on the same input. */
    EXACT("exact"),
    /** Maps, but values were rounded or a semantic detail differs; the entry says which and how much. */
    DIFFERS("differs"),
    /** Has no place in NIR (training-only settings, the encoder, T): dropped, or defaulted on import. */
    NOT_IN_NIR("not in NIR");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The word the report prints: {@code exact}, {@code differs}, {@code not in NIR}. */
    public String label() {
      return label;
    }
  }

  /** One entry. */
  public record Entry(Kind kind, String text) {
    @Override
    public String toString() {
      return kind.label() + ": " + text;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /** Adds an entry. */
  public void add(Kind kind, String text) {
    Entry e = new Entry(kind, text);
    if (!entries.contains(e)) {
      entries.add(e);
    }
  }

  /** The entries, in the order they were found. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The entries of one kind. */
  public List<Entry> entries(Kind kind) {
    List<Entry> list = new ArrayList<>();
    for (Entry e : entries) {
      if (e.kind() == kind) {
        list.add(e);
      }
    }
    return list;
  }

  /** Whether some entry differs in meaning or value. */
  public boolean hasDifferences() {
    return !entries(Kind.DIFFERS).isEmpty();
  }

  /** One line per entry, {@code differs: ...}, differences first. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (Kind k : new Kind[] {Kind.DIFFERS, Kind.NOT_IN_NIR, Kind.EXACT}) {
      for (Entry e : entries(k)) {
        lines.add(e.toString());
      }
    }
    return lines;
  }

  @Override
  public String toString() {
    return String.join("\n", lines());
  }
}
