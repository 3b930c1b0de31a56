package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corslint.rules.Finding;
import dev.corslint.scan.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  @TempDir Path elsewhere;
  private ReportFixture fixture;
  private Path file;

  @BeforeEach
  void setUp() {
    fixture = new ReportFixture(root);
    file = elsewhere.resolve("corslint-baseline.sarif");
  }

  private ScanResult withSuppressed(List<Finding> findings, List<Finding> suppressed) {
    return new ScanResult(root, findings, List.of(), ReportFixture.rules(), 12, 4, suppressed, null, null);
  }

  @Test
  void aBaselineOfTheSameScanKnowsEveryFinding() throws IOException {
    ScanResult scan = fixture.full();
    Baseline.write(scan, file);
    assertThat(SarifSchema.validate(Files.readString(file))).isEmpty();

    Baseline baseline = Baseline.read(file);
    assertThat(baseline.size()).isEqualTo(4);
    assertThat(baseline.ignoredResults()).isZero();
    ScanResult applied = baseline.apply(scan);
    assertThat(applied.findings()).isEmpty();
    assertThat(applied.baselined()).containsExactlyElementsOf(scan.findings());
    assertThat(applied.baseline().entries()).isEqualTo(4);
    assertThat(TextReport.plainSummary(applied)).isEqualTo("No CORS problems found in 12 files (4 known from the baseline).");
  }

  @Test
  void onlyNewFindingsRemain() throws IOException {
    List<Finding> before = new ArrayList<>(fixture.full().findings());
    before.removeIf(f -> f.ruleId().equals("excessive-max-age"));
    Baseline.write(fixture.result(before, List.of()), file);

    ScanResult applied = Baseline.read(file).apply(fixture.full());
    assertThat(applied.findings()).extracting(Finding::ruleId).containsExactly("excessive-max-age");
    assertThat(applied.baselined()).hasSize(3);
  }

  @Test
  void findingsStillMatchAfterLinesMovedAbove() throws IOException {
    Baseline.write(fixture.full(), file);
    fixture.write(ReportFixture.NGINX, "# a comment\n\n# and another\n" + ReportFixture.NGINX_TEXT);
    List<Finding> moved = fixture.full().findings().stream()
        .map(f -> f.location().file().equals(ReportFixture.NGINX) ? ReportFixture.shift(f, 3) : f)
        .sorted(Finding.ORDER)
        .toList();
    ScanResult applied = Baseline.read(file).apply(fixture.result(moved, List.of()));
    assertThat(applied.findings()).isEmpty();
    assertThat(applied.baselined()).hasSize(4);
  }

  @Test
  void editingTheFlaggedLineMakesANewFinding() throws IOException {
    Baseline.write(fixture.full(), file);
    fixture.write(ReportFixture.NGINX, ReportFixture.NGINX_TEXT.replace("864000;", "864001;"));
    ScanResult applied = Baseline.read(file).apply(fixture.full());
    assertThat(applied.findings()).extracting(Finding::ruleId).containsExactly("excessive-max-age");
  }

  @Test
  void suppressedFindingsAreNotWrittenButKeepFingerprintsStable() throws IOException {
    ScanResult scan = fixture.full();
    Finding suppressed = scan.findings().get(0);
    List<Finding> rest = scan.findings().subList(1, scan.findings().size());
    Baseline.write(withSuppressed(rest, List.of(suppressed)), file);
    assertThat(Baseline.read(file).size()).isEqualTo(3);
    // Every finding keeps the fingerprint it has when nothing is suppressed.
    assertThat(Baseline.read(file).apply(scan).findings()).containsExactly(suppressed);
  }

  @Test
  void writingAgainKeepsWhatTheOldBaselineKnew() throws IOException {
    List<Finding> old = fixture.full().findings().subList(0, 2);
    Baseline.write(fixture.result(old, List.of()), file);
    ScanResult applied = Baseline.read(file).apply(fixture.full());
    assertThat(applied.findings()).hasSize(2);

    Path next = elsewhere.resolve("next.sarif");
    Baseline.write(applied, next);
    assertThat(Baseline.read(next).size()).isEqualTo(4);
    assertThat(JSON.readTree(next.toFile()).path("runs").path(0).path("results").path(0).has("baselineState"))
        .isFalse();
  }

  @Test
  void sarifOfABaselinedScanMarksNewAndUnchangedAndKeepsBoth() throws Exception {
    List<Finding> old = fixture.full().findings().subList(0, 2);
    ScanResult applied = Baseline.of(Set.copyOf(Fingerprints.of(fixture.result(old, List.of()))))
        .apply(fixture.full());
    String sarif = new SarifReport().render(applied);
    assertThat(SarifSchema.validate(sarif)).isEmpty();
    JsonNode results = JSON.readTree(sarif).path("runs").path(0).path("results");
    List<String> states = new ArrayList<>();
    results.forEach(r -> states.add(r.path("ruleId").asText() + " " + r.path("baselineState").asText()));
    // Code scanning would close the alerts of baselined results if they were left out.
    assertThat(states).containsExactly(
        "missing-vary-origin unchanged", "origin-reflection unchanged",
        "excessive-max-age new", "origin-reflection new");
    var tool = SarifMultitool.find();
    if (tool.isPresent()) {
      assertThat(SarifMultitool.problems(tool.get(), sarif)).isEmpty();
    }
  }

  @Test
  void anEmptyBaselineMarksEverythingNew() throws IOException {
    ScanResult applied = Baseline.of(Set.of()).apply(fixture.full());
    assertThat(applied.findings()).hasSize(4);
    assertThat(applied.baseline()).isNotNull();
    JsonNode results = JSON.readTree(new SarifReport().render(applied)).path("runs").path(0).path("results");
    results.forEach(r -> assertThat(r.path("baselineState").asText()).isEqualTo("new"));
  }

  @Test
  void anyCorslintSarifIsABaselineAndOtherToolsRunsAreSkipped() throws IOException {
    Files.writeString(file, """
        {"version": "2.1.0", "runs": [
          {"tool": {"driver": {"name": "othertool"}}, "results": [
            {"message": {"text": "x"}, "partialFingerprints": {"corslint/v1": "aaa"}}]},
          {"tool": {"driver": {"name": "corslint"}}, "results": [
            {"message": {"text": "y"}, "partialFingerprints": {"corslint/v1": "bbb"}},
            {"message": {"text": "gone"}, "baselineState": "absent", "partialFingerprints": {"corslint/v1": "ccc"}},
            {"message": {"text": "no fingerprint"}, "partialFingerprints": {"primaryLocationLineHash": "1:1"}},
            {"message": {"text": "no fingerprints at all"}}]}]}
        """);
    Baseline baseline = Baseline.read(file);
    assertThat(baseline.size()).isEqualTo(1);
    assertThat(baseline.ignoredResults()).isEqualTo(2);
  }

  @Test
  void whatIsNotABaselineIsRejectedWithTheReason() throws IOException {
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(IOException.class).hasMessageContaining("not a SARIF baseline");
    Files.writeString(file, "{\"version\": \"2.1.0\"}");
    assertThatThrownBy(() -> Baseline.read(file)).hasMessageContaining("no 'runs' array");
    Files.writeString(file, "[1, 2]");
    assertThatThrownBy(() -> Baseline.read(file)).hasMessageContaining("no 'runs' array");
    Files.writeString(file, "{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"eslint\"}}, \"results\": []}]}");
    assertThatThrownBy(() -> Baseline.read(file)).hasMessageContaining("none of its runs is by corslint");
    assertThatThrownBy(() -> Baseline.read(elsewhere.resolve("missing.sarif"))).isInstanceOf(IOException.class);
    Files.writeString(file, "{\"runs\": []}");
    assertThat(Baseline.read(file).size()).isZero();
  }
}
