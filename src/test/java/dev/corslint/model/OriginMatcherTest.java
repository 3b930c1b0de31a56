package dev.corslint.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class OriginMatcherTest {

  private static final SourceSpan AT = SourceSpan.at("f", 1, 1);

  private static OriginMatcher regex(String source, RegexFlavor flavor, RegexFlavor.Mode mode) {
    return new OriginMatcher.Regex(GuardedRegex.compile(source, flavor, mode, false).regex().orElseThrow(), AT);
  }

  @Test
  void matchModesFollowTheServersEngine() {
    String unanchoredEnd = "^https://example\\.com";
    assertThat(regex(unanchoredEnd, RegexFlavor.PYTHON, RegexFlavor.Mode.START).accepts("https://example.com.attacker.example"))
        .as("re.match anchors only the start").isEqualTo(Tri.YES);
    assertThat(regex(unanchoredEnd, RegexFlavor.JAVA, RegexFlavor.Mode.FULL).accepts("https://example.com.attacker.example"))
        .as("fullmatch").isEqualTo(Tri.NO);
    assertThat(regex("example\\.com$", RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH).accepts("https://attackerexample.com"))
        .isEqualTo(Tri.YES);
  }

  @Test
  void pythonSyntaxIsTranslated() {
    OriginMatcher m = regex("^https://(?P<sub>[a-z]+)\\.example\\.com\\Z", RegexFlavor.PYTHON, RegexFlavor.Mode.START);
    assertThat(m.accepts("https://app.example.com")).isEqualTo(Tri.YES);
    assertThat(m.accepts("https://app.example.com.evil")).isEqualTo(Tri.NO);
  }

  @Test
  void catastrophicPatternAnswersUnknownInsteadOfHanging() {
    // Java memoizes (a+)+ but not bounded repetitions of a greedy wildcard: this one takes seconds unguarded.
    OriginMatcher m = regex("(.*a){12}$", RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH);
    assertThat(m.accepts("a".repeat(40) + "!")).isEqualTo(Tri.UNKNOWN);
    assertThat(m.accepts("a".repeat(12))).isEqualTo(Tri.YES);
  }

  @Test
  void invalidPatternIsReportedNotThrown() {
    GuardedRegex.Result r = GuardedRegex.compile("^https://(example\\.com", RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH, false);
    assertThat(r.regex()).isEmpty();
    assertThat(r.error()).isNotBlank();
  }

  @Test
  void exactComparisonIsByteForByteUnlessLenient() {
    assertThat(new OriginMatcher.Exact("https://example.com/", AT).accepts("https://example.com")).isEqualTo(Tri.NO);
    assertThat(new OriginMatcher.Exact("https://Example.com/", AT, true).accepts("https://example.com")).isEqualTo(Tri.YES);
  }

  @Test
  void intendedOriginsKeepTheLiteralHost() {
    assertThat(regex("^https?://(www\\.)?example\\.com$", RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH).intendedOrigins())
        .containsExactly("https://example.com");
    assertThat(regex("^https://[a-z0-9-]+\\.example\\.com$", RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH).intendedOrigins())
        .containsExactly("https://app.example.com");
    assertThat(regex("^https://(app|admin)\\.example\\.org$|^https://partner\\.net$", RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH)
        .intendedOrigins()).containsExactly("https://app.example.org", "https://partner.net");
  }

  @Test
  void anyOfFlattensAndCombines() {
    OriginMatcher m = OriginMatcher.anyOf(List.of(
        new OriginMatcher.Exact("https://a.example", AT),
        OriginMatcher.anyOf(List.of(new OriginMatcher.Opaque("env", AT), new OriginMatcher.None()))));
    assertThat(m.leaves()).hasSize(2);
    assertThat(m.accepts("https://a.example")).isEqualTo(Tri.YES);
    assertThat(m.accepts("https://b.example")).isEqualTo(Tri.UNKNOWN);
    assertThat(OriginMatcher.anyOf(List.of())).isInstanceOf(OriginMatcher.None.class);
  }

  @Property(tries = 300)
  void anyPatternOnAnyInputAnswersWithoutThrowing(
      @ForAll @StringLength(max = 30) String pattern, @ForAll @StringLength(max = 60) String origin) {
    GuardedRegex.Result r = GuardedRegex.compile(pattern, RegexFlavor.PYTHON, RegexFlavor.Mode.START, true);
    r.regex().ifPresent(g -> assertThat(new OriginMatcher.Regex(g, AT).accepts(origin)).isNotNull());
    r.regex().ifPresent(g -> assertThat(new OriginMatcher.Regex(g, AT).intendedOrigins()).isNotNull());
  }
}
