package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;
import java.util.Arrays;

/** The text of one scanned file with its line table, to turn offsets into report spans. */
final class JsSource {

  private final String relative;
  private final String text;
  private final int[] lineStarts;
  private JsModule module;

  JsSource(String relative, String text) {
    this.relative = relative;
    this.text = text;
    int n = 1;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
    lineStarts = new int[n];
    int k = 1;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lineStarts[k++] = i + 1;
  }

  JsModule module() {
    return module;
  }

  void attach(JsModule m) {
    this.module = m;
  }

  String relative() {
    return relative;
  }

  String text() {
    return text;
  }

  /** 1-based line of a UTF-16 offset. */
  int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** 1-based UTF-16 column of an offset. */
  int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }

  SourceSpan span(int start, int end) {
    return new SourceSpan(relative, lineOf(start), columnOf(start), lineOf(end), columnOf(end));
  }

  /** The text of a 1-based line, without its terminator. */
  String line(int line) {
    int s = lineStarts[line - 1];
    int e = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    return text.substring(s, Math.max(s, e));
  }
}
