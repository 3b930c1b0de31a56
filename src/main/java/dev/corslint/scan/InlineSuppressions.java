package dev.corslint.scan;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppression comments, the same in every language's comment syntax:
 * {@code corslint-disable-line <rule-id>[, <rule-id>]} on the finding's line and
 * {@code corslint-disable-next-line <rule-id>...} on the line above. Without ids they silence every rule.
 * Ids are compared without case; an id that names no rule silences nothing and is reported.
 */
final class InlineSuppressions {

  static final String MARKER = "corslint-disable-";

  private static final Pattern DIRECTIVE =
      Pattern.compile("corslint-disable-(next-line|line)\\b(?:[ \\t]+([\\w-]+(?:[ \\t]*,[ \\t]*[\\w-]+)*))?");
  private static final Pattern ID = Pattern.compile("[\\w-]+");

  private InlineSuppressions() {}

  /** Whether {@code f} is silenced by a comment, given a way to read a file's lines (empty when unreadable). */
  static boolean suppressed(Finding f, Function<String, List<String>> lines) {
    List<String> text = lines.apply(f.location().file());
    int line = f.location().line();
    return silences(text, line - 1, "line", f.ruleId()) || silences(text, line - 2, "next-line", f.ruleId());
  }

  private static boolean silences(List<String> text, int index, String kind, String ruleId) {
    if (index < 0 || index >= text.size()) return false;
    String line = text.get(index);
    if (!line.contains(MARKER)) return false;
    Matcher m = DIRECTIVE.matcher(line);
    while (m.find()) {
      if (!m.group(1).equals(kind)) continue;
      if (m.group(2) == null) return true;
      for (String id : m.group(2).split(",")) {
        if (id.strip().toLowerCase(Locale.ROOT).equals(ruleId)) return true;
      }
    }
    return false;
  }

  /** A notice for every id in a suppression comment of {@code file} that names no rule in {@code known}. */
  static List<Notice> unknownRules(String file, List<String> lines, Set<String> known) {
    List<Notice> notices = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.contains(MARKER)) continue;
      Matcher m = DIRECTIVE.matcher(line);
      while (m.find()) {
        if (m.group(2) == null) continue;
        Matcher id = ID.matcher(m.group(2));
        while (id.find()) {
          String rule = id.group();
          if (known.contains(rule.toLowerCase(Locale.ROOT))) continue;
          int column = m.start(2) + id.start() + 1;
          notices.add(Notice.warning(
              "corslint-disable-" + m.group(1) + " names '" + rule + "', which is not a rule id, so it suppresses"
                  + " nothing" + ScanConfig.suggestion(rule, known) + "; 'corslint rules' lists the rule ids",
              new SourceSpan(file, i + 1, column, i + 1, column + rule.length())));
        }
      }
    }
    return notices;
  }
}
