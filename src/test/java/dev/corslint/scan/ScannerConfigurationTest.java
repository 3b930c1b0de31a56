package dev.corslint.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.corslint.model.Notice;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import dev.corslint.testing.StubCorsExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner applies .corslint.yml, file selections and inline suppressions to real rule findings (from a
 * stub extractor, so that no ecosystem's parser is involved).
 */
class ScannerConfigurationTest {

  @TempDir Path root;

  private void write(String file, String text) throws IOException {
    Path p = root.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private ScanResult scan() {
    return StubCorsExtractor.scanner().scan(List.of(root), null, FileSelection.all());
  }

  private static List<String> rulesAndFiles(List<Finding> findings) {
    return findings.stream().map(f -> f.ruleId() + " " + f.location().file() + ":" + f.location().line()).toList();
  }

  @Test
  void withoutConfigurationEveryFindingReports() throws IOException {
    write("api/site.stub", "cors: reflect path=/api/\ncors: * path=/api/public/\n");
    ScanResult r = scan();
    assertThat(rulesAndFiles(r.findings()))
        .containsExactly("origin-reflection api/site.stub:1", "wildcard-origin api/site.stub:2");
    assertThat(r.configFile()).isNull();
    assertThat(r.suppressed()).isEmpty();
    assertThat(r.baseline()).isNull();
  }

  @Test
  void suppressedFindingsAreKeptApartAndCounted() throws IOException {
    write("site.stub", """
        # corslint-disable-next-line origin-reflection
        cors: reflect path=/api/
        cors: * path=/api/public/   # corslint-disable-line wildcard-origin
        cors: reflect path=/v2/     # corslint-disable-line wildcard-origin
        """);
    ScanResult r = scan();
    assertThat(rulesAndFiles(r.findings())).containsExactly("origin-reflection site.stub:4");
    assertThat(rulesAndFiles(r.suppressed()))
        .containsExactly("origin-reflection site.stub:2", "wildcard-origin site.stub:3");
    assertThat(r.allFindings()).hasSize(3);
  }

  @Test
  void aSuppressionNamingNoRuleIsANotice() throws IOException {
    write("site.stub", "# corslint-disable-next-line origin-reflections\ncors: reflect path=/api/\n");
    write("other.txt", "# corslint-disable-line nothing-read-here\n");
    ScanResult r = scan();
    assertThat(rulesAndFiles(r.findings())).containsExactly("origin-reflection site.stub:2");
    assertThat(r.notices()).extracting(n -> n.span().file() + ":" + n.span().line() + " " + n.message())
        .containsExactly("site.stub:1 corslint-disable-next-line names 'origin-reflections', which is not a rule id,"
            + " so it suppresses nothing (did you mean 'origin-reflection'?); 'corslint rules' lists the rule ids");
  }

  @Test
  void rulesCanBeSwitchedOffAndRelevelled() throws IOException {
    write("site.stub", "cors: reflect path=/api/\ncors: * path=/api/public/\n");
    write(".corslint.yml", "rules:\n  origin-reflection: warning\n  wildcard-origin: off\n");
    ScanResult r = scan();
    assertThat(r.findings()).extracting(Finding::ruleId, Finding::level)
        .containsExactly(tuple("origin-reflection", Level.WARNING));
    assertThat(r.configFile()).isEqualTo(".corslint.yml");
    assertThat(r.configurationNotices()).isEmpty();
  }

  @Test
  void publicPathsSilenceTheWildcardThere() throws IOException {
    write("site.stub", "cors: * path=/api/public/feed\ncors: * path=/api/private/\n");
    write(".corslint.yml", "public-paths: [\"/api/public/**\"]\n");
    assertThat(rulesAndFiles(scan().findings())).containsExactly("wildcard-origin site.stub:2");
  }

  @Test
  void excludedFilesAreNotScanned() throws IOException {
    write("deploy/site.stub", "cors: reflect path=/api/\n");
    write("legacy/old.stub", "cors: reflect path=/old/\n");
    write("test/fixtures/bad.stub", "cors: reflect path=/x/\n");
    write(".corslint.yml", "exclude: [legacy, \"**/fixtures/**\"]\n");
    ScanResult r = scan();
    assertThat(rulesAndFiles(r.findings())).containsExactly("origin-reflection deploy/site.stub:1");
    assertThat(r.filesScanned()).isEqualTo(1);
  }

  @Test
  void callerSelectionsAddToTheConfiguration() throws IOException {
    write("deploy/site.stub", "cors: reflect path=/api/\n");
    write("module/site.stub", "cors: reflect path=/api/\n");
    write("other/site.stub", "cors: reflect path=/api/\n");
    write(".corslint.yml", "exclude: [other/**]\n");
    ScanResult r = StubCorsExtractor.scanner().scan(List.of(root), null,
        new FileSelection(List.of("deploy/**", "module/**", "other/**"), List.of("module")));
    assertThat(rulesAndFiles(r.findings())).containsExactly("origin-reflection deploy/site.stub:1");
  }

  @Test
  void configurationProblemsAreNoticesWithTheirLines() throws IOException {
    write("site.stub", "cors: reflect path=/api/\n");
    write(".corslint.yml", "rules:\n  origin-reflection: warn\nexculde: [x]\n");
    ScanResult r = scan();
    assertThat(r.configurationNotices()).extracting(n -> n.span().line()).containsExactly(2, 3);
    assertThat(r.notices()).containsAll(r.configurationNotices());
    // The bad level is ignored: the rule keeps its own.
    assertThat(r.findings()).extracting(Finding::level).containsExactly(Level.ERROR);
  }

  @Test
  void aConfigurationOutsideTheRootIsNamedByItsFileName(@TempDir Path elsewhere) throws IOException {
    write("site.stub", "cors: reflect path=/api/\n");
    Path config = elsewhere.resolve("team-corslint.yml");
    Files.writeString(config, "rules: {origin-reflection: off}\nbogus: 1\n");
    ScanResult r = StubCorsExtractor.scanner().scan(List.of(root), config, FileSelection.all());
    assertThat(r.findings()).isEmpty();
    assertThat(r.configFile()).isEqualTo("team-corslint.yml");
    assertThat(r.configurationNotices()).extracting(Notice::message)
        .singleElement().asString().startsWith("unknown configuration key 'bogus'");
  }

  @Test
  void aMissingConfigurationFileIsAnErrorNotice() throws IOException {
    write("site.stub", "cors: reflect path=/api/\n");
    ScanResult r = StubCorsExtractor.scanner().scan(List.of(root), root.resolve("nope.yml"), FileSelection.all());
    assertThat(r.findings()).hasSize(1);
    assertThat(r.notices()).extracting(Notice::message).anyMatch(m -> m.startsWith("configuration file not found"));
  }
}
