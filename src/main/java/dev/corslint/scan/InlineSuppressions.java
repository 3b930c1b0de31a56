package dev.corslint.scan;

import dev.corslint.rules.Finding;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Inline suppression comments, the same in every language's comment syntax:
 * {@code corslint-disable-line <rule-id>[, <rule-id>]} on the finding's line and
 * {@code corslint-disable-next-line <rule-id>...} on the line above. Without ids they silence every rule.
 */
final class InlineSuppressions {

  private static final Pattern DIRECTIVE =
      Pattern.compile("corslint-disable-(next-line|line)\\b([ \\t]+[a-z0-9-]+(?:[ \\t]*,[ \\t]*[a-z0-9-]+)*)?");

  private InlineSuppressions() {}

  /** Whether {@code f} is silenced by a comment, given a way to read a file's lines (empty when unreadable). */
  static boolean suppressed(Finding f, Function<String, List<String>> lines) {
    List<String> text = lines.apply(f.location().file());
    int line = f.location().line();
    return silences(text, line - 1, "line", f.ruleId()) || silences(text, line - 2, "next-line", f.ruleId());
  }

  private static boolean silences(List<String> text, int index, String kind, String ruleId) {
    if (index < 0 || index >= text.size()) return false;
    Matcher m = DIRECTIVE.matcher(text.get(index));
    while (m.find()) {
      if (!m.group(1).equals(kind)) continue;
      if (m.group(2) == null) return true;
      Set<String> ids = Arrays.stream(m.group(2).split(",")).map(String::strip).collect(Collectors.toSet());
      if (ids.contains(ruleId)) return true;
    }
    return false;
  }

}
