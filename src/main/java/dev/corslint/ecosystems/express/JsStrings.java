package dev.corslint.ecosystems.express;

import java.util.Optional;

/** JavaScript string and number literals, decoded as the engine would. */
final class JsStrings {

  private JsStrings() {}

  /** The value of a {@code string} node. */
  static String decode(JsNode string) {
    StringBuilder sb = new StringBuilder();
    for (JsNode c : string.children()) {
      if (c.is("string_fragment")) sb.append(c.text());
      else if (c.is("escape_sequence")) sb.append(unescape(c.text()));
    }
    if (string.children().isEmpty()) {
      String t = string.text();
      return t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
    }
    return sb.toString();
  }

  /** One escape sequence: a backslash and what follows it (newline, hex, unicode code point). */
  static String unescape(String esc) {
    if (esc.length() < 2 || esc.charAt(0) != '\\') return esc;
    char c = esc.charAt(1);
    try {
      switch (c) {
        case 'n': return "\n";
        case 't': return "\t";
        case 'r': return "\r";
        case 'b': return "\b";
        case 'f': return "\f";
        case 'v': return "\u000b";
        case '0': return esc.length() == 2 ? "\0" : esc.substring(1);
        case 'x': return String.valueOf((char) Integer.parseInt(esc.substring(2, 4), 16));
        case 'u':
          if (esc.length() > 2 && esc.charAt(2) == '{') {
            return new String(Character.toChars(Integer.parseInt(esc.substring(3, esc.length() - 1), 16)));
          }
          return String.valueOf((char) Integer.parseInt(esc.substring(2, 6), 16));
        case '\r':
        case '\n':
          return "";
        default:
          return esc.substring(1);
      }
    } catch (RuntimeException e) {
      return esc.substring(1);
    }
  }

  /** A numeric literal's value; empty for what is not a plain number. */
  static Optional<Double> number(String text) {
    String t = text.replace("_", "");
    if (t.endsWith("n")) t = t.substring(0, t.length() - 1);
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) return Optional.of((double) Long.parseLong(t.substring(2), 16));
      if (t.startsWith("0o") || t.startsWith("0O")) return Optional.of((double) Long.parseLong(t.substring(2), 8));
      if (t.startsWith("0b") || t.startsWith("0B")) return Optional.of((double) Long.parseLong(t.substring(2), 2));
      if (t.isEmpty()) return Optional.of(0.0);
      return Optional.of(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
