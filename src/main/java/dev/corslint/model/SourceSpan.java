package dev.corslint.model;

import java.util.Objects;

/**
 * A region of a scanned file. {@code file} is relative to the scan root with '/' separators, so that
 * reports are portable; lines and columns are 1-based and the end column is exclusive.
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn)
    implements Comparable<SourceSpan> {

  public SourceSpan {
    Objects.requireNonNull(file, "file");
    line = Math.max(1, line);
    column = Math.max(1, column);
    endLine = Math.max(line, endLine);
    endColumn = endLine == line ? Math.max(column, endColumn) : Math.max(1, endColumn);
  }

  public static SourceSpan at(String file, int line, int column) {
    return new SourceSpan(file, line, column, line, column);
  }

  public static SourceSpan file(String file) {
    return new SourceSpan(file, 1, 1, 1, 1);
  }

  @Override
  public int compareTo(SourceSpan o) {
    int c = file.compareTo(o.file);
    if (c != 0) return c;
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
