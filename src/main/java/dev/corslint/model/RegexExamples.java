package dev.corslint.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an origin regex the way its author meant it: {@code ^https?://(www\.)?example\.com$} was written to
 * allow {@code https://example.com}. The examples are the base from which attacker look-alikes are derived,
 * so they must keep the literal host; wildcards become a plain label.
 */
final class RegexExamples {

  private RegexExamples() {}

  static List<String> intended(GuardedRegex regex) {
    List<String> out = new ArrayList<>();
    for (String alternative : splitTopLevel(regex.source())) {
      String example = render(alternative);
      if (!example.contains("://")) example = "https://" + example.replaceFirst("^/+", "");
      if (!out.contains(example) && example.length() > "https://".length()) out.add(example);
    }
    List<String> accepted = out.stream().filter(o -> regex.matches(o) == Tri.YES).toList();
    return accepted.isEmpty() ? out : accepted;
  }

  /** Splits at '|' outside groups and classes. */
  static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        if (c == ']') inClass = false;
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  /** One plausible string the pattern was written for. */
  static String render(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      String atom;
      boolean wild = false;
      int next;
      if (c == '^' || c == '$') {
        i++;
        continue;
      } else if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        next = i + 2;
        switch (e) {
          case 'A', 'z', 'Z', 'b', 'B' -> {
            i = next;
            continue;
          }
          case 'd' -> atom = "1";
          case 'w', 'S' -> {
            atom = "a";
            wild = true;
          }
          case 's' -> atom = "";
          default -> atom = String.valueOf(e);
        }
      } else if (c == '[') {
        int end = classEnd(s, i);
        String body = s.substring(i + 1, Math.max(i + 1, end));
        atom = body.startsWith("^") || body.contains("a-z") || body.contains("\\w") ? "a" : firstLiteral(body);
        wild = true;
        next = end + 1;
      } else if (c == '(') {
        int end = groupEnd(s, i);
        String body = s.substring(i + 1, Math.max(i + 1, end));
        if (body.startsWith("?:") || body.startsWith("?i:")) body = body.substring(body.indexOf(':') + 1);
        else if (body.startsWith("?P<") || body.startsWith("?<")) body = body.substring(body.indexOf('>') + 1);
        else if (body.startsWith("?")) body = "";
        atom = render(splitTopLevel(body).get(0));
        next = end + 1;
      } else if (c == '.') {
        // A lone unescaped dot in an origin pattern is meant as a dot; repeated, it is a wildcard.
        next = i + 1;
        char q0 = next < s.length() ? s.charAt(next) : 0;
        wild = q0 == '*' || q0 == '+' || q0 == '{';
        atom = wild ? "a" : ".";
      } else {
        atom = String.valueOf(c);
        next = i + 1;
      }
      // quantifier
      char q = next < s.length() ? s.charAt(next) : 0;
      int after = next;
      if (q == '?' || q == '*' || q == '+') {
        after = next + 1;
        if (after < s.length() && (s.charAt(after) == '?' || s.charAt(after) == '+')) after++;
      } else if (q == '{') {
        int close = s.indexOf('}', next);
        if (close > 0) {
          after = close + 1;
          q = s.substring(next + 1, close).startsWith("0") ? '*' : '+';
        }
      }
      if (q == '?' && !(atom.equals("s") && out.toString().endsWith("http"))) {
        atom = "";
      } else if (q == '*' || q == '+') {
        // A repeated wildcard stands for a label; '*' at the end of the host stands for nothing.
        boolean labelFollows = s.startsWith("\\.", after) || s.startsWith(".", after);
        if (wild) atom = q == '+' || labelFollows ? "app" : "";
        else if (q == '*' && atom.endsWith(".")) atom = "";
      } else if (wild) {
        atom = "a";
      }
      out.append(atom);
      i = after;
    }
    return out.toString();
  }

  private static String firstLiteral(String classBody) {
    for (int i = 0; i < classBody.length(); i++) {
      char c = classBody.charAt(i);
      if (c == '\\' && i + 1 < classBody.length()) return String.valueOf(classBody.charAt(i + 1));
      if (Character.isLetterOrDigit(c)) return String.valueOf(c);
    }
    return "a";
  }

  private static int classEnd(String s, int open) {
    for (int i = open + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') i++;
      else if (c == ']' && i > open + 1) return i;
    }
    return s.length();
  }

  private static int groupEnd(String s, int open) {
    int depth = 0;
    boolean inClass = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') i++;
      else if (inClass) {
        if (c == ']') inClass = false;
      } else if (c == '[') inClass = true;
      else if (c == '(') depth++;
      else if (c == ')' && --depth == 0) return i;
    }
    return s.length();
  }
}
