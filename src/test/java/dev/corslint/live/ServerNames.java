package dev.corslint.live;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Host names that select a server whose {@code server_name} is a regular expression. */
final class ServerNames {

  private ServerNames() {}

  /**
   * A host the regex accepts, built the way a person reads the pattern (groups and classes become a plain
   * label, escapes their character) and checked against the pattern; null when that reading is not accepted.
   */
  static String exampleForRegex(String regex) {
    String candidate = render(regex).toLowerCase(java.util.Locale.ROOT);
    try {
      return Pattern.compile(regex.replace("(?P<", "(?<")).matcher(candidate).find() ? candidate : null;
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  private static String render(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      String atom;
      int next;
      if (c == '^' || c == '$') {
        i++;
        continue;
      } else if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        atom = e == 'd' ? "1" : e == 'w' ? "app" : String.valueOf(e);
        next = i + 2;
      } else if (c == '[') {
        int end = s.indexOf(']', i + 2);
        end = end < 0 ? s.length() - 1 : end;
        atom = "app";
        next = end + 1;
      } else if (c == '(') {
        int end = groupEnd(s, i);
        String body = s.substring(i + 1, end);
        if (body.startsWith("?<") || body.startsWith("?P<")) body = body.substring(body.indexOf('>') + 1);
        else if (body.startsWith("?:")) body = body.substring(2);
        int bar = topLevelBar(body);
        atom = render(bar < 0 ? body : body.substring(0, bar));
        next = end + 1;
      } else if (c == '.') {
        atom = "app";
        next = i + 1;
      } else {
        atom = String.valueOf(c);
        next = i + 1;
      }
      // a quantifier keeps one instance of the atom
      while (next < s.length() && "?*+".indexOf(s.charAt(next)) >= 0) next++;
      if (next < s.length() && s.charAt(next) == '{') {
        int close = s.indexOf('}', next);
        if (close > 0) next = close + 1;
      }
      out.append(atom);
      i = next;
    }
    return out.toString();
  }

  private static int groupEnd(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') i++;
      else if (c == '(') depth++;
      else if (c == ')' && --depth == 0) return i;
    }
    return s.length() - 1;
  }

  private static int topLevelBar(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') i++;
      else if (c == '(') depth++;
      else if (c == ')') depth--;
      else if (c == '|' && depth == 0) return i;
    }
    return -1;
  }
}
