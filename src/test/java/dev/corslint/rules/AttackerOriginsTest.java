package dev.corslint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.GuardedRegex;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Known bypass classes, each caught by a look-alike that the real pattern accepts. */
class AttackerOriginsTest {

  private static String firstAccepted(String pattern, RegexFlavor.Mode mode) {
    OriginMatcher m = new OriginMatcher.Regex(
        GuardedRegex.compile(pattern, RegexFlavor.PCRE, mode, false).regex().orElseThrow(), SourceSpan.at("f", 1, 1));
    for (String intended : m.intendedOrigins()) {
      for (AttackerOrigins.Candidate c : AttackerOrigins.lookAlikes(intended)) {
        if (m.accepts(c.origin()) == Tri.YES) return c.origin();
      }
    }
    return null;
  }

  @Test
  void eachBypassClassIsFound() {
    assertThat(firstAccepted("^https://example\\.com", RegexFlavor.Mode.SEARCH)).isEqualTo("https://example.com.attacker.example");
    assertThat(firstAccepted("example\\.com$", RegexFlavor.Mode.SEARCH)).isEqualTo("https://attackerexample.com");
    assertThat(firstAccepted("^https://www.example.com$", RegexFlavor.Mode.SEARCH)).isEqualTo("https://wwwXexample.com");
    assertThat(AttackerOrigins.lookAlikes("https://example.com")).extracting(AttackerOrigins.Candidate::origin)
        .contains("https://example.com_.attacker.example", "https://example.com%60.attacker.example",
            "https://example.com`.attacker.example", "https://example.co", "https://attackerexample.com");
    assertThat(firstAccepted("^https://(www\\.)?example\\.com$", RegexFlavor.Mode.SEARCH)).isNull();
  }

  @Test
  void candidatesNeverRepeatTheIntendedOrigin() {
    List<AttackerOrigins.Candidate> c = AttackerOrigins.lookAlikes("https://example.com:8443");
    assertThat(c).extracting(AttackerOrigins.Candidate::origin)
        .doesNotContain("https://example.com:8443")
        .contains("https://example.com:8443.attacker.example", "https://exampleXcom:8443")
        .doesNotHaveDuplicates();
  }

  @Property(tries = 200)
  void aStrictPatternAcceptsNoLookAlike(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String label) {
    String host = label.toLowerCase() + ".example.org";
    String pattern = "^https://" + host.replace(".", "\\.") + "$";
    OriginMatcher m = new OriginMatcher.Regex(
        GuardedRegex.compile(pattern, RegexFlavor.PCRE, RegexFlavor.Mode.SEARCH, false).regex().orElseThrow(), SourceSpan.at("f", 1, 1));
    for (AttackerOrigins.Candidate c : AttackerOrigins.lookAlikes("https://" + host)) {
      assertThat(m.accepts(c.origin())).as(c.origin()).isEqualTo(Tri.NO);
    }
  }
}
