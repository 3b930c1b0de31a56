package dev.corslint.report;

/**
 * Makes scanned text safe to print. A scanned file, or a message quoting it, could hold escape sequences
 * that drive the user's terminal, or bidirectional controls that make a line read differently from what
 * it is ("Trojan Source"); both are shown as U+FFFD instead.
 */
final class Terminal {

  static final char REPLACEMENT = '\uFFFD';

  private Terminal() {}

  /** Replaces control characters, keeping line breaks (messages may have several lines) and tabs. */
  static String safe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c == '\n' || c == '\t' || !isUnsafe(c) ? c : REPLACEMENT);
    }
    return out.toString();
  }

  static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c';
  }
}
