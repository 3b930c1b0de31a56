package dev.corslint.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InlineSuppressionsTest {

  private static final Set<String> KNOWN = Set.of("origin-reflection", "wildcard-origin");

  private static boolean suppressed(String rule, int line, String... text) {
    Finding f = new Finding(rule, Level.ERROR, "m", SourceSpan.at("a.conf", line, 1), List.of(), "s", "");
    return InlineSuppressions.suppressed(f, file -> List.of(text));
  }

  @Test
  void sameLineAndNextLineInEachCommentSyntax() {
    assertThat(suppressed("origin-reflection", 1, "add_header X y; # corslint-disable-line origin-reflection")).isTrue();
    assertThat(suppressed("origin-reflection", 2, "// corslint-disable-next-line origin-reflection", "x")).isTrue();
    assertThat(suppressed("origin-reflection", 2, "/* corslint-disable-next-line wildcard-origin, origin-reflection */",
        "x")).isTrue();
    assertThat(suppressed("origin-reflection", 2, "<!-- corslint-disable-next-line origin-reflection -->", "x")).isTrue();
  }

  @Test
  void theKindMustFitTheLine() {
    assertThat(suppressed("origin-reflection", 2, "# corslint-disable-line origin-reflection", "x")).isFalse();
    assertThat(suppressed("origin-reflection", 1, "x # corslint-disable-next-line origin-reflection")).isFalse();
    assertThat(suppressed("origin-reflection", 3, "# corslint-disable-next-line origin-reflection", "y", "x")).isFalse();
  }

  @Test
  void otherRulesStayAndNoIdsMeansEveryRule() {
    assertThat(suppressed("origin-reflection", 1, "x # corslint-disable-line wildcard-origin")).isFalse();
    assertThat(suppressed("origin-reflection", 1, "x # corslint-disable-line")).isTrue();
    assertThat(suppressed("origin-reflection", 1, "x # corslint-disable-line -- legacy")).isFalse();
  }

  @Test
  void idsIgnoreCaseAndTrailingWords() {
    assertThat(suppressed("origin-reflection", 1, "x # corslint-disable-line Origin-Reflection")).isTrue();
    assertThat(suppressed("origin-reflection", 1, "x # corslint-disable-line origin-reflection because legacy"))
        .isTrue();
  }

  @Test
  void idsThatNameNoRuleAreNoticesAtTheirColumn() {
    List<Notice> notices = InlineSuppressions.unknownRules("a.conf", List.of(
        "# corslint-disable-next-line orign-reflection, wildcard-origin",
        "add_header X y;",
        "x // corslint-disable-line Wildcard-Origin, no_such",
        "# corslint-disable-line",
        "no directive here"), KNOWN);
    assertThat(notices).extracting(n -> n.span().line() + ":" + n.span().column() + " " + n.message())
        .containsExactly(
            "1:30 corslint-disable-next-line names 'orign-reflection', which is not a rule id, so it suppresses"
                + " nothing (did you mean 'origin-reflection'?); 'corslint rules' lists the rule ids",
            "3:45 corslint-disable-line names 'no_such', which is not a rule id, so it suppresses nothing;"
                + " 'corslint rules' lists the rule ids");
    assertThat(notices.get(0).span().endColumn()).isEqualTo(30 + "orign-reflection".length());
  }
}
