package dev.corslint.model;

/**
 * A message about the scan itself, never a finding: a file that cannot be read or parsed, an include that
 * loops or leaves the scan root, a value that cannot be known statically.
 *
 * @param level how much it matters to the completeness of the scan
 * @param message what happened and what corslint did about it
 * @param span the file and line concerned, or null for a scan-wide notice
 */
public record Notice(Level level, String message, SourceSpan span) {

  public enum Level {
    ERROR,
    WARNING,
    NOTE
  }

  public static Notice error(String message, SourceSpan span) {
    return new Notice(Level.ERROR, message, span);
  }

  public static Notice warning(String message, SourceSpan span) {
    return new Notice(Level.WARNING, message, span);
  }

  public static Notice note(String message, SourceSpan span) {
    return new Notice(Level.NOTE, message, span);
  }
}
