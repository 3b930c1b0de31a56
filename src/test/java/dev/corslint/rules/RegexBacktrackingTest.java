package dev.corslint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.GuardedRegex;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.Tri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexBacktrackingTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "^(a+)+$",
      "^https://([a-z0-9]+)*\\.example\\.com$",
      "^https://([a-z0-9-]+\\.?)+example\\.com$",
      "^https?://(\\w+)+\\.corp$",
      "^https://(?:[a-z]+){1,}\\.example\\.com$"})
  void exponentialPatternsAreFoundWithAnInputThatFails(String pattern) {
    RegexBacktracking.Attack attack = RegexBacktracking.analyze(pattern).orElseThrow();
    assertThat(attack.input().length()).isBetween(32, 60);
    // The crafted origin must fail to match: only then does a backtracking engine try every split.
    GuardedRegex g = GuardedRegex.compile(pattern, RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH, false).regex().orElseThrow();
    assertThat(g.matches(attack.input())).isEqualTo(Tri.NO);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "^https://([a-z0-9-]+\\.)*example\\.com$",
      "^https://[a-z0-9-]+\\.example\\.com$",
      "^https://(www\\.)?example\\.com$",
      "^https?://(app|admin)\\.example\\.com$",
      "[unbalanced"})
  void linearPatternsAreNotReported(String pattern) {
    assertThat(RegexBacktracking.analyze(pattern)).isEmpty();
  }

  @Test
  void attackStartsWithTheLiteralPrefix() {
    assertThat(RegexBacktracking.analyze("^https://([a-z0-9]+)*\\.example\\.com$").orElseThrow().input())
        .startsWith("https://aaaa").endsWith("!");
  }
}
