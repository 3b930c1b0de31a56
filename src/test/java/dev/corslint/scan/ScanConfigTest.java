package dev.corslint.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Notice;
import dev.corslint.rules.Level;
import dev.corslint.rules.RuleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanConfigTest {

  private static final Set<String> RULES = RuleCatalog.bundled().asMap().keySet();

  private final List<Notice> notices = new ArrayList<>();

  private ScanConfig parse(String yaml) {
    return ScanConfig.parse(yaml, ".corslint.yml", RULES, notices);
  }

  /** "line: message" for each notice. */
  private List<String> problems() {
    return notices.stream().map(n -> n.span().line() + ": " + n.message()).toList();
  }

  @Test
  void readsEveryKey() {
    ScanConfig c = parse("""
        public-paths: ["/api/public/**", "/assets/**"]
        trusted-origins: ["https://partner.example"]
        development-origins: [http://localhost:5173]
        rules:
          wildcard-origin: off
          missing-vary-origin: error
          excessive-max-age: "off"
          null-origin-allowed: Warning
          malformed-origin: false
        exclude: ["legacy/**", "**/fixtures/**"]
        """);
    assertThat(notices).isEmpty();
    assertThat(c.settings().publicPaths()).containsExactly("/api/public/**", "/assets/**");
    assertThat(c.settings().trustedOrigins()).containsExactly("https://partner.example");
    assertThat(c.settings().developmentOrigins()).containsExactly("http://localhost:5173");
    assertThat(c.ruleLevels())
        .containsEntry("wildcard-origin", Optional.empty())
        .containsEntry("missing-vary-origin", Optional.of(Level.ERROR))
        .containsEntry("excessive-max-age", Optional.empty())
        .containsEntry("null-origin-allowed", Optional.of(Level.WARNING))
        .containsEntry("malformed-origin", Optional.empty());
    assertThat(c.exclude()).containsExactly("legacy/**", "**/fixtures/**");
    assertThat(c.excludes("legacy/a.conf")).isTrue();
    assertThat(c.selection().selects("src/fixtures/x.js")).isFalse();
    assertThat(c.selection().selects("deploy/x.conf")).isTrue();
  }

  @Test
  void aSingleStringIsAListOfOne() {
    ScanConfig c = parse("exclude: legacy/**\ntrusted-origins: https://partner.example\n");
    assertThat(notices).isEmpty();
    assertThat(c.exclude()).containsExactly("legacy/**");
    assertThat(c.settings().trustedOrigins()).containsExactly("https://partner.example");
  }

  @Test
  void emptyFileAndEmptyKeysMeanDefaults() {
    assertThat(parse("")).isEqualTo(ScanConfig.defaults());
    assertThat(parse("# nothing yet\n")).isEqualTo(ScanConfig.defaults());
    ScanConfig c = parse("exclude:\nrules:\n");
    assertThat(c.exclude()).isEmpty();
    assertThat(c.ruleLevels()).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void unknownKeysAreReportedWithTheirLineAndANearMiss() {
    parse("""
        rules:
          wildcard-origin: off
        public_paths: ["/api/public/**"]
        excludes: ["legacy/**"]
        colour: true
        """);
    assertThat(problems()).containsExactly(
        "3: unknown configuration key 'public_paths' ignored (did you mean 'public-paths'?)"
            + " (known keys: public-paths, trusted-origins, development-origins, rules, exclude)",
        "4: unknown configuration key 'excludes' ignored (did you mean 'exclude'?)"
            + " (known keys: public-paths, trusted-origins, development-origins, rules, exclude)",
        "5: unknown configuration key 'colour' ignored"
            + " (known keys: public-paths, trusted-origins, development-origins, rules, exclude)");
    assertThat(notices).allMatch(n -> n.level() == Notice.Level.WARNING)
        .allMatch(n -> n.span().file().equals(".corslint.yml"));
    assertThat(notices.get(0).span().column()).isEqualTo(1);
    assertThat(notices.get(0).span().endColumn()).isEqualTo(13);
  }

  @Test
  void wrongTypesAreReportedAndIgnoredWhileTheRestApplies() {
    ScanConfig c = parse("""
        exclude:
          path: legacy
        public-paths:
          - /api/public/**
          - [nested]
        rules: [wildcard-origin]
        trusted-origins: ["https://partner.example"]
        """);
    assertThat(problems()).containsExactly(
        "2: 'exclude' must be a list of strings, such as [\"a\", \"b\"]; ignored",
        "5: 'public-paths' entries must be strings; this entry is ignored",
        "6: 'rules' must map rule ids to off, note, warning or error; ignored");
    assertThat(c.exclude()).isEmpty();
    assertThat(c.settings().publicPaths()).containsExactly("/api/public/**");
    assertThat(c.settings().trustedOrigins()).containsExactly("https://partner.example");
  }

  @Test
  void levelsAndRuleIdsAreChecked() {
    ScanConfig c = parse("""
        rules:
          wildcard-origin: critical
          origin-reflection: {level: error}
          orign-reflection: off
          no-such-rule: warning
          missing-vary-origin: note
        """);
    assertThat(problems()).containsExactly(
        "2: rule 'wildcard-origin': level 'critical' is not off, note, warning or error; ignored",
        "3: rule 'origin-reflection': the level must be off, note, warning or error; ignored",
        "4: unknown rule 'orign-reflection' ignored (did you mean 'origin-reflection'?);"
            + " 'corslint rules' lists the rule ids",
        "5: unknown rule 'no-such-rule' ignored; 'corslint rules' lists the rule ids");
    assertThat(c.ruleLevels()).containsOnlyKeys("missing-vary-origin");
  }

  @Test
  void withoutKnownRulesAnyIdIsAccepted() {
    ScanConfig c = ScanConfig.parse("rules: {future-rule: off}\n", "c.yml", null, notices);
    assertThat(notices).isEmpty();
    assertThat(c.ruleLevels()).containsEntry("future-rule", Optional.empty());
  }

  @Test
  void originsThatCanNeverMatchAreReportedWithTheFix() {
    ScanConfig c = parse("""
        trusted-origins:
          - https://partner.example/
          - partner2.example
          - https://ok.example
        development-origins: ["http://LOCALHOST:3000"]
        """);
    assertThat(problems()).containsExactly(
        "2: 'trusted-origins': 'https://partner.example/' ends with a slash, so it never equals the Origin a browser"
            + " sends (did you mean 'https://partner.example'?)",
        "3: 'trusted-origins': 'partner2.example' has no scheme, so it never equals the Origin a browser sends"
            + " (did you mean 'https://partner2.example'?)",
        "5: 'development-origins': 'http://LOCALHOST:3000' has upper-case letters, so it never equals the Origin a"
            + " browser sends (did you mean 'http://localhost:3000'?)");
    // Kept as written: the notice is the fix, not a silent rewrite.
    assertThat(c.settings().trustedOrigins()).hasSize(3);
  }

  @Test
  void invalidGlobsAreDroppedWithANotice() {
    ScanConfig c = parse("exclude: [\"legacy/**\", \"[oops\"]\npublic-paths: [\"{/a\", \"api/public/**\"]\n");
    assertThat(problems()).hasSize(3);
    assertThat(problems().get(0)).startsWith("1: 'exclude': '[oops' is not a valid glob");
    assertThat(problems().get(1)).startsWith("2: 'public-paths': '{/a' is not a valid glob");
    assertThat(problems().get(2)).isEqualTo(
        "2: 'public-paths': 'api/public/**' is not a request path, which starts with '/' (did you mean"
            + " '/api/public/**'?)");
    assertThat(c.exclude()).containsExactly("legacy/**");
    assertThat(c.settings().publicPaths()).containsExactly("api/public/**");
  }

  @Test
  void duplicateKeysAreReported() {
    ScanConfig c = parse("exclude: [a/**]\nexclude: [b/**]\n");
    assertThat(problems()).containsExactly("2: 'exclude' appears more than once; the last one applies");
    assertThat(c.exclude()).containsExactly("b/**");
  }

  @Test
  void brokenYamlIsAnErrorWithItsLineAndDefaultsApply() {
    ScanConfig c = parse("rules:\n  wildcard-origin: off\nexclude: [\"unterminated\n");
    assertThat(c).isEqualTo(ScanConfig.defaults());
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).level()).isEqualTo(Notice.Level.ERROR);
    assertThat(notices.get(0).message()).startsWith("configuration not read, defaults apply:");
    assertThat(notices.get(0).span().line()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aDocumentThatIsNotAMappingIsAnError() {
    assertThat(parse("- rules\n- exclude\n")).isEqualTo(ScanConfig.defaults());
    assertThat(problems()).containsExactly(
        "1: configuration must be a mapping of keys such as 'rules' and 'exclude'; defaults apply");
  }

  @Test
  void loadReadsTheFileAndReportsAMissingOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".corslint.yml");
    Files.writeString(file, "rules: {wildcard-origin: off}\n");
    assertThat(ScanConfig.load(file, ".corslint.yml", RULES, notices).ruleLevels())
        .containsEntry("wildcard-origin", Optional.empty());
    assertThat(ScanConfig.load(dir.resolve("gone.yml"), "gone.yml", notices)).isEqualTo(ScanConfig.defaults());
    assertThat(notices).singleElement().extracting(Notice::level).isEqualTo(Notice.Level.ERROR);
  }

  @Test
  void suggestionsOnlyForNearMisses() {
    assertThat(ScanConfig.suggestion("trustedOrigins", ScanConfig.KEYS)).isEqualTo(" (did you mean 'trusted-origins'?)");
    assertThat(ScanConfig.suggestion("public-path", ScanConfig.KEYS)).isEqualTo(" (did you mean 'public-paths'?)");
    assertThat(ScanConfig.suggestion("exculde", ScanConfig.KEYS)).isEqualTo(" (did you mean 'exclude'?)");
    assertThat(ScanConfig.suggestion("x", ScanConfig.KEYS)).isEmpty();
    assertThat(ScanConfig.suggestion("cache", ScanConfig.KEYS)).isEmpty();
  }
}
