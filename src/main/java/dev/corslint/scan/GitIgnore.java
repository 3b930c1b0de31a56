package dev.corslint.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The patterns of one {@code .gitignore}, as git reads them: blank lines and {@code #} comments skipped, a
 * leading {@code !} re-includes, a trailing {@code /} matches folders only, a pattern with a {@code /} before its
 * end is anchored to the file's folder and one without matches a name at any depth, {@code *}, {@code ?},
 * {@code [...]} and {@code **} as in git. The last matching pattern decides; a file in an ignored folder stays
 * ignored because the walk never enters the folder. Only files inside the scan root are read: a
 * {@code .gitignore} above the root, {@code .git/info/exclude} and global excludes are not.
 */
final class GitIgnore {

  private record Rule(Pattern pattern, boolean anchored, boolean directoryOnly, boolean negated) {}

  /** The folder this file sits in, relative to the scan root ("" for the root). */
  private final String base;
  private final List<Rule> rules;

  private GitIgnore(String base, List<Rule> rules) {
    this.base = base;
    this.rules = rules;
  }

  static GitIgnore parse(String base, String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.endsWith("\\ ") ? raw : raw.stripTrailing();
      if (line.isEmpty() || line.startsWith("#")) continue;
      boolean negated = line.startsWith("!");
      if (negated) line = line.substring(1);
      if (line.startsWith("\\")) line = line.substring(1);
      boolean directoryOnly = line.endsWith("/");
      if (directoryOnly) line = line.substring(0, line.length() - 1);
      boolean anchored = line.contains("/");
      if (line.startsWith("/")) line = line.substring(1);
      if (line.isEmpty()) continue;
      try {
        rules.add(new Rule(Pattern.compile(regex(line)), anchored, directoryOnly, negated));
      } catch (PatternSyntaxException e) {
        // git ignores a pattern it cannot read; so do we
      }
    }
    return new GitIgnore(base, List.copyOf(rules));
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * Whether this file says {@code relative} (below the root) is ignored: TRUE or FALSE when a pattern matches,
   * null when none does.
   */
  Boolean decides(String relative, boolean directory) {
    String path;
    if (base.isEmpty()) {
      path = relative;
    } else if (relative.startsWith(base + "/")) {
      path = relative.substring(base.length() + 1);
    } else {
      return null;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    Boolean decision = null;
    for (Rule r : rules) {
      if (r.directoryOnly() && !directory) continue;
      if (r.pattern().matcher(r.anchored() ? path : name).matches()) decision = !r.negated();
    }
    return decision;
  }

  /** The pattern as a regular expression over a '/'-separated path. */
  private static String regex(String glob) {
    StringBuilder re = new StringBuilder();
    int n = glob.length();
    for (int i = 0; i < n; i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean doubleStar = i + 1 < n && glob.charAt(i + 1) == '*';
        boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
        if (doubleStar && atSegmentStart && (i + 2 == n || glob.charAt(i + 2) == '/')) {
          if (i + 2 == n) {
            re.append(".*"); // "dir/**": everything inside
          } else {
            re.append("(?:.*/)?"); // "**/x" and "a/**/b": zero or more folders
            i++;
          }
          i++;
        } else {
          re.append("[^/]*");
          if (doubleStar) i++;
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 2);
        if (close < 0) {
          re.append("\\[");
        } else {
          String set = glob.substring(i + 1, close);
          if (set.startsWith("!")) set = "^" + set.substring(1);
          re.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = close;
        }
      } else if (c == '\\' && i + 1 < n) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
