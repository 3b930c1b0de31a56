package dev.corslint.ecosystems.nginx;

import dev.corslint.model.GuardedRegex;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.Tri;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A PCRE pattern from the configuration (location, {@code if}, {@code map}, {@code rewrite}), run the way
 * nginx runs it: searched anywhere in the subject, optionally case-insensitive. The decision goes through
 * {@link GuardedRegex} (bounded work); captures are read afterwards with a plain matcher, which repeats work
 * the guarded run has just shown to be bounded.
 */
final class NginxRegex {

  private final String source;
  private final boolean ignoreCase;
  private final GuardedRegex guarded;
  private final Pattern pattern;
  private final Map<String, String> javaToPcreNames;

  private NginxRegex(String source, boolean ignoreCase, GuardedRegex guarded, Pattern pattern,
      Map<String, String> names) {
    this.source = source;
    this.ignoreCase = ignoreCase;
    this.guarded = guarded;
    this.pattern = pattern;
    this.javaToPcreNames = names;
  }

  /** The result of a match: whether it matched, and the captures when it did. */
  record Match(Tri matched, List<String> groups, Map<String, String> named) {
    static final Match NO = new Match(Tri.NO, List.of(), Map.of());
    static final Match UNKNOWN = new Match(Tri.UNKNOWN, List.of(), Map.of());
  }

  /** Either a compiled regex or why it could not be compiled. */
  record Compiled(NginxRegex regex, String error) {}

  static Compiled compile(String source, boolean ignoreCase) {
    Map<String, String> names = new HashMap<>();
    String java;
    try {
      java = translate(source, names);
    } catch (RuntimeException e) {
      return new Compiled(null, "cannot translate the pattern");
    }
    GuardedRegex.Result r = GuardedRegex.compile(java, RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH, ignoreCase);
    Optional<GuardedRegex> g = r.regex();
    if (g.isEmpty()) return new Compiled(null, r.error());
    try {
      Pattern p = Pattern.compile(java, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
      return new Compiled(new NginxRegex(source, ignoreCase, g.get(), p, names), null);
    } catch (PatternSyntaxException | StackOverflowError e) {
      return new Compiled(null, "pattern not supported");
    }
  }

  String source() {
    return source;
  }

  boolean ignoreCase() {
    return ignoreCase;
  }

  GuardedRegex guarded() {
    return guarded;
  }

  Match match(String input) {
    Tri t = guarded.matches(input);
    if (t != Tri.YES) return t == Tri.NO ? Match.NO : Match.UNKNOWN;
    try {
      Matcher m = pattern.matcher(input);
      if (!m.find()) return Match.UNKNOWN;
      List<String> groups = new ArrayList<>();
      for (int i = 0; i <= m.groupCount(); i++) groups.add(m.group(i) == null ? "" : m.group(i));
      Map<String, String> named = new HashMap<>();
      for (Map.Entry<String, String> e : javaToPcreNames.entrySet()) {
        String v = m.group(e.getKey());
        named.put(e.getValue(), v == null ? "" : v);
      }
      return new Match(Tri.YES, groups, named);
    } catch (RuntimeException | StackOverflowError e) {
      return new Match(Tri.YES, List.of(input), Map.of());
    }
  }

  /**
   * Rewrites PCRE syntax that Java spells differently: {@code (?P<name>)}, group names with underscores
   * (Java allows letters and digits only), POSIX classes, and a '{' that does not start a quantifier (PCRE
   * reads it literally, Java rejects it).
   */
  static String translate(String s, Map<String, String> names) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    boolean inClass = false;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n) {
        out.append(c).append(s.charAt(++i));
        continue;
      }
      if (inClass) {
        if (c == '[' && s.startsWith("[:", i)) {
          int end = s.indexOf(":]", i + 2);
          if (end > 0) {
            String posix = posixClass(s.substring(i + 2, end));
            if (posix != null) {
              out.append(posix);
              i = end + 1;
              continue;
            }
          }
        }
        if (c == ']') inClass = false;
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        if (i + 1 < n && s.charAt(i + 1) == '^') out.append(s.charAt(++i));
        // PCRE reads a ']' right after '[' or '[^' literally
        if (i + 1 < n && s.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
        continue;
      }
      if (c == '(' && i + 3 < n && s.charAt(i + 1) == '?') {
        int nameStart = -1;
        char close = '>';
        if (s.startsWith("(?P<", i)) {
          nameStart = i + 4;
        } else if (s.charAt(i + 2) == '<' && s.charAt(i + 3) != '=' && s.charAt(i + 3) != '!') {
          nameStart = i + 3;
        } else if (s.charAt(i + 2) == '\'') {
          nameStart = i + 3;
          close = '\'';
        }
        int nameEnd = nameStart < 0 ? -1 : s.indexOf(close, nameStart);
        if (nameEnd > nameStart) {
          String javaName = "g" + (names.size() + 1) + "n";
          names.put(javaName, s.substring(nameStart, nameEnd));
          out.append("(?<").append(javaName).append('>');
          i = nameEnd;
          continue;
        }
      }
      if (c == '(' && s.startsWith("(?P=", i)) {
        int end = s.indexOf(')', i);
        if (end > 0) {
          String name = s.substring(i + 4, end);
          String javaName = javaName(names, name);
          out.append("\\k<").append(javaName).append('>');
          i = end;
          continue;
        }
      }
      if (c == '{' && !isQuantifier(s, i)) {
        out.append("\\{");
        continue;
      }
      if (c == '}' && !closesQuantifier(s, i)) {
        out.append("\\}");
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String javaName(Map<String, String> names, String pcre) {
    for (Map.Entry<String, String> e : names.entrySet()) if (e.getValue().equals(pcre)) return e.getKey();
    return pcre;
  }

  private static boolean isQuantifier(String s, int open) {
    int close = s.indexOf('}', open);
    if (close < 0 || open == 0) return false;
    return s.substring(open + 1, close).matches("\\d+(,\\d*)?");
  }

  private static boolean closesQuantifier(String s, int close) {
    int open = s.lastIndexOf('{', close);
    if (open < 0 || open > 0 && s.charAt(open - 1) == '\\') return false;
    return isQuantifier(s, open) && s.indexOf('}', open) == close;
  }

  private static String posixClass(String name) {
    return switch (name) {
      case "alpha" -> "\\p{Alpha}";
      case "digit" -> "\\p{Digit}";
      case "alnum" -> "\\p{Alnum}";
      case "upper" -> "\\p{Upper}";
      case "lower" -> "\\p{Lower}";
      case "space" -> "\\s";
      case "punct" -> "\\p{Punct}";
      case "xdigit" -> "\\p{XDigit}";
      case "word" -> "\\w";
      case "blank" -> "\\p{Blank}";
      case "cntrl" -> "\\p{Cntrl}";
      case "print" -> "\\p{Print}";
      case "graph" -> "\\p{Graph}";
      default -> null;
    };
  }

  @Override
  public String toString() {
    return source;
  }
}
