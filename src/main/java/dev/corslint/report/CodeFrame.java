package dev.corslint.report;

import dev.corslint.model.SourceSpan;

/**
 * One source line as a terminal shows it, with the caret line under a span: tabs expanded to stops of
 * {@value #TAB} columns, and columns (UTF-16 code units, as SARIF's {@code utf16CodeUnits}) mapped to screen
 * cells so the caret lands under the right character even after tabs and wide characters.
 */
final class CodeFrame {

  static final int TAB = 4;

  private final String display;
  /** Screen cell at which each code unit of the source line starts; one extra entry for the line end. */
  private final int[] cells;

  private CodeFrame(String display, int[] cells) {
    this.display = display;
    this.cells = cells;
  }

  static CodeFrame of(String line) {
    StringBuilder display = new StringBuilder();
    int[] cells = new int[line.length() + 1];
    int cell = 0;
    for (int i = 0; i < line.length(); i++) {
      cells[i] = cell;
      char c = line.charAt(i);
      if (c == '\t') {
        int spaces = TAB - cell % TAB;
        display.append(" ".repeat(spaces));
        cell += spaces;
      } else if (Terminal.isUnsafe(c)) {
        display.append(Terminal.REPLACEMENT);
        cell += 1;
      } else if (Character.isHighSurrogate(c) && i + 1 < line.length()) {
        int codePoint = line.codePointAt(i);
        display.appendCodePoint(codePoint);
        cell += width(codePoint);
        cells[++i] = cell; // a column inside a surrogate pair points after the character
      } else {
        display.append(c);
        cell += width(c);
      }
    }
    cells[line.length()] = cell;
    return new CodeFrame(display.toString(), cells);
  }

  String line() {
    return display;
  }

  /** Spaces up to the span's first cell, then '^' and '~' to its end on this line (at least one '^'). */
  String caret(SourceSpan span) {
    int start = cellAt(span.column());
    int end = span.endLine() == span.line() ? cellAt(span.endColumn()) : cells[cells.length - 1];
    int width = Math.max(1, end - start);
    return " ".repeat(start) + "^" + "~".repeat(width - 1);
  }

  private int cellAt(int column) {
    return cells[Math.min(Math.max(column, 1) - 1, cells.length - 1)];
  }

  /** Terminal cells of a character: 0 for combining marks and invisible formatting, 2 for wide East Asian. */
  static int width(int codePoint) {
    int type = Character.getType(codePoint);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
      return 0;
    }
    return isWide(codePoint) ? 2 : 1;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x1F900 && cp <= 0x1F9FF)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
