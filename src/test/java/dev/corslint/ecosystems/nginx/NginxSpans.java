package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;

/** Spans of snippets in a test configuration, computed from the text so that tests state them exactly. */
final class NginxSpans {

  private NginxSpans() {}

  /** The span of the unique single-line occurrence of {@code snippet} in {@code text}. */
  static SourceSpan of(String file, String text, String snippet) {
    int at = text.indexOf(snippet);
    if (at < 0 || text.indexOf(snippet, at + 1) >= 0) {
      throw new IllegalArgumentException("snippet must occur exactly once: " + snippet);
    }
    return of(file, text, at, snippet.length());
  }

  /** The span of the {@code n}-th (0-based) occurrence of {@code snippet}. */
  static SourceSpan nth(String file, String text, String snippet, int n) {
    int at = -1;
    for (int i = 0; i <= n; i++) {
      at = text.indexOf(snippet, at + 1);
      if (at < 0) throw new IllegalArgumentException("fewer than " + (n + 1) + " occurrences of " + snippet);
    }
    return of(file, text, at, snippet.length());
  }

  private static SourceSpan of(String file, String text, int at, int length) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int col = at - lineStart + 1;
    return new SourceSpan(file, line, col, line, col + length);
  }
}
