package dev.corslint.ecosystems.django.python;

import java.util.Locale;

/** Python string literal syntax: prefixes, quotes and escape sequences. */
final class PyStrings {

  private PyStrings() {}

  /** The prefix letters of a literal, lower case: {@code r}, {@code f}, {@code rb}... */
  static String prefix(String literal) {
    int i = 0;
    while (i < literal.length() && Character.isLetter(literal.charAt(i))) i++;
    return literal.substring(0, i).toLowerCase(Locale.ROOT);
  }

  /** The text between the quotes of a whole literal such as {@code r'''a\.b'''}. */
  static String body(String literal) {
    String p = prefix(literal);
    String rest = literal.substring(p.length());
    if (rest.length() >= 6 && (rest.startsWith("\"\"\"") || rest.startsWith("'''"))) {
      return rest.substring(3, Math.max(3, rest.length() - 3));
    }
    if (rest.length() >= 2) return rest.substring(1, rest.length() - 1);
    return "";
  }

  /** Applies Python's escape rules to {@code s}; unknown escapes keep their backslash, as Python does. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case '\n' -> { } // line continuation
        case '\\' -> out.append('\\');
        case '\'' -> out.append('\'');
        case '"' -> out.append('"');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> i = hex(s, i, 2, out);
        case 'u' -> i = hex(s, i, 4, out);
        case 'U' -> i = hex(s, i, 8, out);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') end++;
            out.append((char) Integer.parseInt(s.substring(i, end), 8));
            i = end - 1;
          } else {
            out.append('\\').append(e);
          }
        }
      }
    }
    return out.toString();
  }

  private static int hex(String s, int at, int digits, StringBuilder out) {
    int end = at + 1 + digits;
    if (end > s.length()) {
      out.append('\\').append(s.charAt(at));
      return at;
    }
    try {
      out.appendCodePoint(Integer.parseInt(s.substring(at + 1, end), 16));
      return end - 1;
    } catch (IllegalArgumentException ex) {
      out.append('\\').append(s.charAt(at));
      return at;
    }
  }
}
