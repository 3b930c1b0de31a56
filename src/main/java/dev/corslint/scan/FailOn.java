package dev.corslint.scan;

import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import java.util.List;
import java.util.Locale;

/** The level at which findings fail a run: the CLI's exit code 1, the Maven goal's build failure. */
public enum FailOn {
  ERROR,
  WARNING,
  NOTE,
  NONE;

  /** Whether a finding of {@code level} reaches this threshold. */
  public boolean fails(Level level) {
    return this != NONE && level.atLeast(Level.valueOf(name()));
  }

  /** The findings that reach this threshold, in their order. */
  public List<Finding> failing(List<Finding> findings) {
    return findings.stream().filter(f -> fails(f.level())).toList();
  }

  /** The name users type, in lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Accepts any case; throws {@link IllegalArgumentException} naming the accepted values otherwise. */
  public static FailOn parse(String text) {
    String t = text == null ? "" : text.strip();
    for (FailOn f : values()) {
      if (f.id().equalsIgnoreCase(t)) return f;
    }
    throw new IllegalArgumentException("'" + text + "' is not a threshold (expected error, warning, note or none)");
  }
}
