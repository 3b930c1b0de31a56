package dev.corslint.ecosystems.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * Request paths that reach a given location (verified with {@link NginxLocationLookup}, so that a probe sent
 * to a real nginx lands where the policy says), synthesized from the location's prefix or regex.
 */
final class NginxSamplePaths {

  private NginxSamplePaths() {}

  static String forLocation(NginxLocation loc) {
    List<String> candidates = new ArrayList<>();
    if (loc.isRegex()) {
      String s = synthesize(loc.path);
      if (s.startsWith(".")) candidates.add("/a" + s);
      candidates.add(s.startsWith("/") ? s : "/" + s);
      candidates.add("/a/" + s);
      candidates.add(literalPart(loc.path));
    } else {
      String p = loc.path.startsWith("/") ? loc.path : "/" + loc.path;
      candidates.add(p);
      candidates.add(p.endsWith("/") ? p + "corslint" : p + "/corslint");
      candidates.add(p + "x");
    }
    for (String c : candidates) {
      NginxLocationLookup.Found f = NginxLocationLookup.find(loc.server, c);
      if (f.location() == loc && f.rc() != NginxLocationLookup.AUTO_REDIRECT) return c;
    }
    return candidates.get(0);
  }

  /** A path that matches no location of the server, or "/" when every path is taken. */
  static String forServer(NginxServer server) {
    for (String c : List.of("/", "/corslint", "/corslint/probe", "/.corslint")) {
      if (NginxLocationLookup.find(server, c).location() == null) return c;
    }
    return null;
  }

  private static String literalPart(String regex) {
    StringBuilder sb = new StringBuilder("/");
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '/' || c == '-' || c == '_') {
        if (c != '/' || sb.charAt(sb.length() - 1) != '/') sb.append(c);
      }
    }
    return sb.toString();
  }

  /** One string the regex matches, built from the first alternative of every choice. */
  static String synthesize(String regex) {
    try {
      return sequence(firstAlternative(regex), 0);
    } catch (RuntimeException e) {
      return literalPart(regex);
    }
  }

  private static String firstAlternative(String s) {
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') i++;
      else if (inClass) {
        if (c == ']') inClass = false;
      } else if (c == '[') inClass = true;
      else if (c == '(') depth++;
      else if (c == ')') depth--;
      else if (c == '|' && depth == 0) return s.substring(0, i);
    }
    return s;
  }

  private static String sequence(String s, int depth) {
    if (depth > 20) return "";
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
        atom = switch (e) {
          case 'd' -> "1";
          case 'w', 'S', 'D' -> "a";
          case 'W', 's' -> "-";
          case 'b', 'B', 'A', 'z', 'Z', 'G' -> "";
          default -> String.valueOf(e);
        };
        next = i + 2;
      } else if (c == '[') {
        int end = classEnd(s, i);
        atom = classSample(s.substring(i + 1, Math.min(end, s.length())));
        next = end + 1;
      } else if (c == '(') {
        int end = groupEnd(s, i);
        String inner = s.substring(i + 1, Math.min(end, s.length()));
        if (inner.startsWith("?=") || inner.startsWith("?!") || inner.startsWith("?<=") || inner.startsWith("?<!")) {
          atom = "";
        } else {
          if (inner.startsWith("?:")) inner = inner.substring(2);
          else if (inner.startsWith("?P<") || inner.startsWith("?<")) inner = inner.substring(inner.indexOf('>') + 1);
          else if (inner.startsWith("?")) inner = inner.substring(Math.max(inner.indexOf(')') + 1, 1));
          atom = sequence(firstAlternative(inner), depth + 1);
        }
        next = end + 1;
      } else if (c == '.') {
        atom = "a";
        next = i + 1;
      } else {
        atom = String.valueOf(c);
        next = i + 1;
      }
      int after = next;
      int times = 1;
      if (next < s.length()) {
        char q = s.charAt(next);
        if (q == '*' || q == '?') {
          times = 0;
          after = next + 1;
        } else if (q == '+') {
          after = next + 1;
        } else if (q == '{') {
          int close = s.indexOf('}', next);
          String body = close > next ? s.substring(next + 1, close) : "";
          if (body.matches("\\d+(,\\d*)?")) {
            times = Integer.parseInt(body.split(",")[0]);
            after = close + 1;
          }
        }
        if (after < s.length() && after > next && (s.charAt(after) == '?' || s.charAt(after) == '+')) after++;
      }
      for (int k = 0; k < Math.min(times, 8); k++) out.append(atom);
      i = after;
    }
    return out.toString();
  }

  private static String classSample(String body) {
    if (body.startsWith("^")) return "a".equals(body.substring(1)) ? "b" : "a";
    if (body.isEmpty()) return "a";
    char c = body.charAt(0);
    if (c == '\\' && body.length() > 1) {
      char e = body.charAt(1);
      return e == 'd' ? "1" : e == 'w' ? "a" : String.valueOf(e);
    }
    return String.valueOf(c);
  }

  private static int classEnd(String s, int open) {
    int i = open + 1;
    if (i < s.length() && s.charAt(i) == '^') i++;
    if (i < s.length() && s.charAt(i) == ']') i++;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') i++;
      else if (c == ']') return i;
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
