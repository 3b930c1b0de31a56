package dev.corslint.ecosystems.express;

import dev.corslint.model.Tri;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route or mount path in Express's syntax, matched as Express matches it: case-insensitive, a trailing
 * slash optional, {@code :param}, Express 4's {@code *}, {@code :param?} and {@code :param(regex)}, Express 5's
 * {@code *name} and {@code {optional}}, RegExp paths and arrays of paths. A mount path ({@code app.use}) matches
 * a prefix at a segment boundary.
 */
final class ExpressPath {

  /** One alternative: a compiled pattern, or null when the path is not known statically. */
  private record Alternative(Pattern pattern, String display, String sample, boolean regex) {
    Alternative(Pattern pattern, String display, String sample) {
      this(pattern, display, sample, false);
    }
  }

  private final List<Alternative> alternatives;
  private final boolean prefix;

  private ExpressPath(List<Alternative> alternatives, boolean prefix) {
    this.alternatives = alternatives;
    this.prefix = prefix;
  }

  /** Everything: {@code app.use(handler)}. */
  static ExpressPath root() {
    return new ExpressPath(List.of(new Alternative(Pattern.compile("^"), "/", "/")), true);
  }

  static ExpressPath of(JsValue v, boolean prefix) {
    List<Alternative> alts = new ArrayList<>();
    collect(v, prefix, alts);
    return new ExpressPath(alts, prefix);
  }

  private static void collect(JsValue v, boolean prefix, List<Alternative> out) {
    if (v instanceof JsValue.Arr a) {
      for (JsValue x : a.items()) collect(x, prefix, out);
    } else if (v instanceof JsValue.Str s) {
      out.add(compile(s.value(), prefix));
    } else if (v instanceof JsValue.RegexLit r) {
      try {
        int flags = r.flags().contains("i") ? Pattern.CASE_INSENSITIVE : 0;
        Pattern p = Pattern.compile(r.pattern().replace("\\/", "/"), flags);
        out.add(new Alternative(p, "/" + r.pattern() + "/", sampleOfRegex(r.pattern(), p), true));
      } catch (PatternSyntaxException | StackOverflowError e) {
        out.add(new Alternative(null, "/" + r.pattern() + "/", null));
      }
    } else {
      out.add(new Alternative(null, "a path known only at run time", null));
    }
  }

  static Alternative compile(String path, boolean prefix) {
    StringBuilder re = new StringBuilder("^");
    StringBuilder sample = new StringBuilder();
    String p = path.isEmpty() ? "/" : path;
    if (prefix && p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
    int i = 0;
    int optionalDepth = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ':' && i + 1 < p.length() && isNameChar(p.charAt(i + 1))) {
        int j = i + 1;
        while (j < p.length() && isNameChar(p.charAt(j))) j++;
        String custom = null;
        if (j < p.length() && p.charAt(j) == '(') {
          int close = matchingParen(p, j);
          if (close > j) {
            custom = p.substring(j + 1, close);
            j = close + 1;
          }
        }
        char modifier = j < p.length() ? p.charAt(j) : 0;
        boolean optional = modifier == '?' || modifier == '*';
        boolean repeated = modifier == '*' || modifier == '+';
        if (modifier == '?' || repeated) j++;
        // :name* and :name+ (Next.js, path-to-regexp 6) take any number of segments
        String group = "(" + (custom != null ? custom : repeated ? ".+" : "[^/]+?") + ")";
        if (optional && re.length() > 1 && re.charAt(re.length() - 1) == '/') {
          re.setLength(re.length() - 1);
          re.append("(?:/").append(group).append(")?");
          if (sample.length() > 0 && sample.charAt(sample.length() - 1) == '/') sample.setLength(sample.length() - 1);
        } else {
          re.append(group).append(optional ? "?" : "");
          if (optionalDepth == 0 && !optional) sample.append("1");
        }
        i = j;
      } else if (c == '*') {
        int j = i + 1;
        while (j < p.length() && isNameChar(p.charAt(j))) j++;
        re.append(j > i + 1 ? "(.+)" : "(.*)");
        if (optionalDepth == 0) sample.append("x");
        i = j;
      } else if (c == '{') {
        re.append("(?:");
        optionalDepth++;
        i++;
      } else if (c == '}' && optionalDepth > 0) {
        re.append(")?");
        optionalDepth--;
        i++;
      } else if (c == '(') {
        int close = matchingParen(p, i);
        if (close < 0) return new Alternative(null, path, null);
        re.append("(?:").append(p, i + 1, close).append(")");
        i = close + 1;
      } else {
        if ("\\.[]^$|+?)".indexOf(c) >= 0) re.append('\\');
        re.append(c);
        if (optionalDepth == 0) sample.append(c);
        i++;
      }
    }
    if (prefix) {
      if (re.toString().equals("^/")) re.setLength(1);
      re.append("/?(?=/|$)");
    } else {
      re.append("/?$");
    }
    try {
      String s = sample.length() == 0 ? "/" : sample.toString();
      return new Alternative(Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE), path, s);
    } catch (PatternSyntaxException | StackOverflowError e) {
      return new Alternative(null, path, null);
    }
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static int matchingParen(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String sampleOfRegex(String pattern, Pattern compiled) {
    String s = pattern.replace("\\/", "/").replaceAll("^\\^", "").replaceAll("\\$$", "")
        .replace(".*", "x").replace(".+", "x").replace("\\.", ".").replaceAll("[()?]", "");
    if (!s.startsWith("/")) s = "/" + s;
    return compiled.matcher(s).find() ? s : null;
  }

  /** The result of matching: whether it matches, and for a mount path the rest of the path. */
  record Match(Tri matches, String rest) {
    static final Match NO = new Match(Tri.NO, null);
  }

  Match match(String path) {
    boolean unknown = false;
    for (Alternative a : alternatives) {
      if (a.pattern == null) {
        unknown = true;
        continue;
      }
      Matcher m = a.pattern.matcher(path);
      boolean found = a.regex ? m.find() : prefix ? m.lookingAt() : m.matches();
      if (found) {
        if (!prefix) return new Match(Tri.YES, "/");
        String rest = a.regex ? "/" : path.substring(m.end());
        return new Match(Tri.YES, rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest);
      }
    }
    return unknown ? new Match(Tri.UNKNOWN, null) : Match.NO;
  }

  /** A concrete path this pattern matches, for probes; null when none is known. */
  String sample() {
    for (Alternative a : alternatives) if (a.sample != null) return a.sample;
    return null;
  }

  boolean isRoot() {
    return alternatives.size() == 1 && alternatives.get(0).display.equals("/") && prefix;
  }

  String display() {
    List<String> out = new ArrayList<>();
    for (Alternative a : alternatives) out.add(a.display);
    return out.size() == 1 ? out.get(0) : out.toString();
  }

  @Override
  public String toString() {
    return display();
  }
}
