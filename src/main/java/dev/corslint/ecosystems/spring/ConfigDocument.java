package dev.corslint.ecosystems.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One document of a Spring Boot configuration file ({@code application.yml} may hold several, separated by
 * {@code ---}; {@code .properties} files by {@code #---}): its properties flattened to Spring's canonical keys,
 * and the profile condition under which it applies.
 *
 * @param file the file, relative to the scan root
 * @param fileProfile the profile in the file name ({@code application-dev.yml}), or null
 * @param onProfile the document's {@code spring.config.activate.on-profile} (or legacy {@code spring.profiles}), or null
 * @param properties canonical key to value, in file order
 * @param precedence higher wins: later documents, profile files, .properties over .yml
 */
record ConfigDocument(
    String file, String fileProfile, String onProfile, Map<String, Entry> properties, int precedence) {

  ConfigDocument {
    properties = new LinkedHashMap<>(properties);
  }

  /** Whether this document applies when exactly {@code active} profiles are active. */
  boolean appliesTo(Set<String> active) {
    if (fileProfile != null && !active.contains(fileProfile)) return false;
    return onProfile == null || ProfileExpression.matches(onProfile, active);
  }

  /** Every profile this document names, for building profile variants. */
  List<String> profilesNamed() {
    List<String> out = new ArrayList<>();
    if (fileProfile != null) out.add(fileProfile);
    if (onProfile != null) out.addAll(ProfileExpression.names(onProfile));
    return out;
  }

  /**
   * Spring's canonical form of a property name: segments separated by dots, lower case, without dashes or
   * underscores, list indices as their own {@code [n]} segment, bracketed map keys kept verbatim.
   */
  static String canonical(String key) {
    StringBuilder out = new StringBuilder();
    StringBuilder seg = new StringBuilder();
    int i = 0;
    while (i < key.length()) {
      char c = key.charAt(i);
      if (c == '[') {
        int close = key.indexOf(']', i);
        if (close < 0) close = key.length() - 1;
        flush(out, seg);
        String inner = key.substring(i, Math.min(close + 1, key.length()));
        if (out.length() > 0) out.append('.');
        out.append(inner.endsWith("]") ? inner : inner + "]");
        i = close + 1;
      } else if (c == '.') {
        flush(out, seg);
        i++;
      } else {
        if (c != '-' && c != '_') seg.append(Character.toLowerCase(c));
        i++;
      }
    }
    flush(out, seg);
    return out.toString();
  }

  private static void flush(StringBuilder out, StringBuilder seg) {
    if (seg.length() == 0) return;
    if (out.length() > 0) out.append('.');
    out.append(seg);
    seg.setLength(0);
  }

  /** A bracketed map key without its brackets: {@code [/**]} is {@code /**}. */
  static String unbracket(String segment) {
    return segment.startsWith("[") && segment.endsWith("]") ? segment.substring(1, segment.length() - 1) : segment;
  }

  /** Spring Boot profile expressions: names joined by {@code ,} or {@code |}, {@code &}, {@code !} and parentheses. */
  static final class ProfileExpression {
    private ProfileExpression() {}

    static boolean matches(String expression, Set<String> active) {
      for (String alternative : expression.split("[,|]")) {
        boolean all = true;
        for (String term : alternative.split("&")) {
          String t = term.replace("(", "").replace(")", "").strip();
          if (t.isEmpty()) continue;
          boolean negated = t.startsWith("!");
          String name = (negated ? t.substring(1) : t).strip().toLowerCase(Locale.ROOT);
          if (active.contains(name) == negated) {
            all = false;
            break;
          }
        }
        if (all) return true;
      }
      return false;
    }

    static List<String> names(String expression) {
      List<String> out = new ArrayList<>();
      for (String part : expression.split("[,|&()!\\s]+")) {
        if (!part.isBlank()) out.add(part.strip().toLowerCase(Locale.ROOT));
      }
      return out;
    }
  }
}
