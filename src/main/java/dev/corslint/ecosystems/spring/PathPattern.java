package dev.corslint.ecosystems.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Spring path pattern as Spring MVC 6 ({@code PathPatternParser}) reads mapping paths, CORS registrations and
 * security matchers: {@code /api/items/{id}}, {@code /api/**}, {@code /files/*.json}, {@code /{*rest}}. A
 * trailing {@code /**} also matches the path without it ({@code /api/**} matches {@code /api}).
 */
final class PathPattern {

  private final String source;
  private final List<Segment> segments;

  private PathPattern(String source, List<Segment> segments) {
    this.source = source;
    this.segments = segments;
  }

  static PathPattern of(String raw) {
    String s = raw == null ? "" : raw.strip();
    if (!s.startsWith("/")) s = "/" + s;
    List<Segment> out = new ArrayList<>();
    for (String part : split(s)) out.add(Segment.of(part));
    return new PathPattern(s, out);
  }

  /** Joins a class-level and a method-level mapping path the way {@code @RequestMapping} combines them. */
  static String join(String prefix, String path) {
    String p = prefix == null ? "" : prefix.strip();
    String q = path == null ? "" : path.strip();
    if (p.isEmpty() || p.equals("/")) return q.isEmpty() ? (p.isEmpty() ? "/" : p) : (q.startsWith("/") ? q : "/" + q);
    if (!p.startsWith("/")) p = "/" + p;
    if (q.isEmpty()) return p;
    if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p + (q.startsWith("/") ? q : "/" + q);
  }

  String source() {
    return source;
  }

  boolean matches(String path) {
    String p = path == null || path.isEmpty() ? "/" : path;
    int q = p.indexOf('?');
    if (q >= 0) p = p.substring(0, q);
    return match(0, split(p), 0);
  }

  private boolean match(int si, List<String> parts, int pi) {
    if (si == segments.size()) return pi == parts.size();
    Segment seg = segments.get(si);
    if (seg.multi) {
      // '**' or '{*rest}': any number of segments, including none
      for (int k = pi; k <= parts.size(); k++) {
        if (match(si + 1, parts, k)) return true;
      }
      return false;
    }
    if (pi >= parts.size()) return false;
    return seg.matches(parts.get(pi)) && match(si + 1, parts, pi + 1);
  }

  /** A concrete request path inside this pattern, for probes. */
  String samplePath() {
    StringBuilder out = new StringBuilder();
    for (Segment seg : segments) {
      if (seg.multi) continue;
      out.append('/').append(seg.sample());
    }
    String s = out.toString();
    if (s.isEmpty()) return segments.stream().anyMatch(x -> x.multi) && !source.equals("/**") ? "/x" : "/";
    return s;
  }

  /** Fewer wildcards and captures, then longer literal text: Spring's notion of the more specific match. */
  int specificity() {
    int score = 0;
    for (Segment seg : segments) {
      if (seg.multi) score -= 1000;
      else score += seg.literal ? 100 : 10;
    }
    return score;
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.split("/", -1)) out.add(part);
    // "/a/b" → ["", "a", "b"]: drop the empty element before the first slash
    if (!out.isEmpty() && out.get(0).isEmpty()) out.remove(0);
    if (out.size() == 1 && out.get(0).isEmpty()) out.clear();
    return out;
  }

  @Override
  public String toString() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathPattern p && p.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  private record Segment(String text, boolean multi, boolean literal, Pattern regex) {

    static Segment of(String text) {
      if (text.equals("**") || (text.startsWith("{*") && text.endsWith("}"))) return new Segment(text, true, false, null);
      if (!text.contains("*") && !text.contains("?") && !text.contains("{")) return new Segment(text, false, true, null);
      StringBuilder re = new StringBuilder();
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '*') {
          re.append("[^/]*");
          i++;
        } else if (c == '?') {
          re.append("[^/]");
          i++;
        } else if (c == '{') {
          int close = closingBrace(text, i);
          String body = text.substring(i + 1, close);
          int colon = body.indexOf(':');
          re.append(colon < 0 ? "[^/]+" : "(?:" + body.substring(colon + 1) + ")");
          i = close + 1;
        } else {
          re.append(Pattern.quote(String.valueOf(c)));
          i++;
        }
      }
      Pattern p;
      try {
        p = Pattern.compile(re.toString());
      } catch (PatternSyntaxException e) {
        p = Pattern.compile(Pattern.quote(text));
      }
      return new Segment(text, false, false, p);
    }

    private static int closingBrace(String text, int open) {
      int depth = 0;
      for (int i = open; i < text.length(); i++) {
        if (text.charAt(i) == '{') depth++;
        else if (text.charAt(i) == '}' && --depth == 0) return i;
      }
      return text.length();
    }

    boolean matches(String part) {
      if (literal) return text.equals(part);
      return regex.matcher(part).matches();
    }

    String sample() {
      if (literal) return text;
      String s = text.replaceAll("\\{[^}]*}", "1").replace("*", "x").replace("?", "x");
      return s.isEmpty() ? "x" : s;
    }
  }
}
