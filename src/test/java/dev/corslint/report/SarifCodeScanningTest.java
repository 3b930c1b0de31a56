package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import dev.corslint.rules.RuleCatalog;
import dev.corslint.rules.RuleMetadata;
import dev.corslint.scan.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GitHub code scanning needs beyond a valid log: suppressions, limits, categories, rule metadata. */
class SarifCodeScanningTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  private ReportFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ReportFixture(root);
  }

  private static JsonNode run(String sarif) throws IOException {
    return JSON.readTree(sarif).path("runs").path(0);
  }

  private static void assertValid(String sarif) throws Exception {
    assertThat(SarifSchema.validate(sarif)).as("schema %s", SarifSchema.source()).isEmpty();
    Optional<Path> tool = SarifMultitool.find();
    if (tool.isPresent()) {
      assertThat(SarifMultitool.problems(tool.get(), sarif)).isEmpty();
    }
  }

  /** The full fixture with its first finding (missing-vary-origin) suppressed inline. */
  private ScanResult withOneSuppressed() {
    List<Finding> all = fixture.full().findings();
    return new ScanResult(root, all.subList(1, all.size()), ReportFixture.notices(), ReportFixture.rules(), 12, 4,
        List.of(all.get(0)), null, null);
  }

  private static List<String> fingerprints(JsonNode run) {
    List<String> out = new ArrayList<>();
    run.path("results").forEach(r -> out.add(r.path("partialFingerprints").path(Fingerprints.KEY).asText()));
    return out;
  }

  @Test
  void suppressedFindingsAreLeftOutByDefault() throws Exception {
    String sarif = new SarifReport().render(withOneSuppressed());
    assertValid(sarif);
    JsonNode results = run(sarif).path("results");
    assertThat(results).hasSize(3);
    assertThat(results).noneMatch(r -> r.has("suppressions"));
    assertThat(sarif).doesNotContain("missing-vary-origin\",\n      \"ruleIndex");
  }

  @Test
  void onRequestSuppressedFindingsAreWrittenAsInSourceSuppressions() throws Exception {
    String sarif = new SarifReport().withSuppressed(true).render(withOneSuppressed());
    assertValid(sarif);
    JsonNode results = run(sarif).path("results");
    assertThat(results).hasSize(4);
    JsonNode suppressed = results.path(0);
    assertThat(suppressed.path("ruleId").asText()).isEqualTo("missing-vary-origin");
    assertThat(suppressed.path("suppressions")).hasSize(1);
    assertThat(suppressed.path("suppressions").path(0).path("kind").asText()).isEqualTo("inSource");
    for (int i = 1; i < 4; i++) assertThat(results.path(i).has("suppressions")).isFalse();
  }

  @Test
  void fingerprintsDoNotDependOnWhatIsSuppressedOrShown() throws Exception {
    List<String> unsuppressed = fingerprints(run(new SarifReport().render(fixture.full())));
    List<String> shownWithSuppressed = fingerprints(run(new SarifReport().withSuppressed(true).render(withOneSuppressed())));
    List<String> shownWithout = fingerprints(run(new SarifReport().render(withOneSuppressed())));
    assertThat(shownWithSuppressed).isEqualTo(unsuppressed);
    assertThat(shownWithout).isEqualTo(unsuppressed.subList(1, 4));
  }

  @Test
  void identicalFindingsKeepTheirFingerprintsWhenOneIsSuppressed() throws Exception {
    fixture.write("twice.conf", "add_header Access-Control-Allow-Origin $http_origin;\n"
        + "add_header Access-Control-Allow-Origin $http_origin;\n");
    Finding first = new Finding("origin-reflection", Level.ERROR, "m", new SourceSpan("twice.conf", 1, 1, 1, 11),
        List.of(), null, "k");
    Finding second = new Finding("origin-reflection", Level.ERROR, "m", new SourceSpan("twice.conf", 2, 1, 2, 11),
        List.of(), null, "k");
    List<String> both = fingerprints(run(new SarifReport().render(fixture.result(List.of(first, second), List.of()))));
    ScanResult firstSuppressed =
        new ScanResult(root, List.of(second), List.of(), ReportFixture.rules(), 1, 1, List.of(first), null, null);
    assertThat(fingerprints(run(new SarifReport().render(firstSuppressed)))).containsExactly(both.get(1));
  }

  @Test
  void aRunOverTheLimitKeepsTheMostSevereAndSaysSo() throws Exception {
    String sarif = new SarifReport().withResultLimit(2).render(fixture.full());
    assertValid(sarif);
    JsonNode run = run(sarif);
    assertThat(run.path("results")).extracting(r -> r.path("level").asText()).containsExactly("error", "error");
    assertThat(run.path("results")).extracting(r -> r.path("locations").path(0).path("physicalLocation")
        .path("artifactLocation").path("uri").asText()).containsExactly("nginx/site.conf", "web/app.js");
    JsonNode notifications = run.path("invocations").path(0).path("toolExecutionNotifications");
    assertThat(notifications).anySatisfy(n -> {
      assertThat(n.path("level").asText()).isEqualTo("warning");
      assertThat(n.path("message").path("text").asText())
          .startsWith("2 of 4 results written, the most severe first: code scanning accepts at most 25000 per run.");
    });
    assertThatThrownBy(() -> new SarifReport().withResultLimit(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHugeScanStaysWithinGithubsUploadLimits() throws Exception {
    StringBuilder text = new StringBuilder();
    List<Finding> findings = new ArrayList<>();
    for (int i = 1; i <= 30_000; i++) {
      text.append("add_header Access-Control-Allow-Origin $http_origin; # site ").append(i).append('\n');
      findings.add(new Finding("origin-reflection", i % 3 == 0 ? Level.ERROR : Level.WARNING,
          "Any origin is echoed back in Access-Control-Allow-Origin: a page on https://attacker.example can read"
              + " responses from server api location /v" + i + "/ with the user's cookies.",
          new SourceSpan("big.conf", i, 1, i, 52), List.of(), "s" + i, ""));
    }
    fixture.write("big.conf", text.toString());
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      new SarifReport().writeUtf8(fixture.result(findings, List.of()), gzip);
    }
    String sarif;
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.toByteArray()))) {
      sarif = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    JsonNode results = run(sarif).path("results");
    assertThat(results).hasSize(SarifReport.GITHUB_RESULT_LIMIT);
    // All 10,000 errors are among them.
    long errors = 0;
    for (JsonNode r : results) if (r.path("level").asText().equals("error")) errors++;
    assertThat(errors).isEqualTo(10_000);
    assertThat(gzipped.size()).as("gzip bytes").isLessThan(10 * 1024 * 1024);
  }

  @Test
  void theAutomationIdNamesTheCategory() throws IOException {
    assertThat(run(new SarifReport().render(fixture.full())).path("automationDetails").path("id").asText())
        .isEqualTo("corslint/");
    assertThat(run(new SarifReport().withAutomationId("corslint/services/api/").render(fixture.full()))
            .path("automationDetails").path("id").asText())
        .isEqualTo("corslint/services/api/");
    assertThatThrownBy(() -> new SarifReport().withAutomationId(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Every bundled rule, as code scanning reads it. */
  @Test
  void everyBundledRuleCarriesWhatCodeScanningShows() throws Exception {
    ScanResult empty = new ScanResult(root, List.of(), List.of(), RuleCatalog.bundled().asMap(), 0, 0);
    String sarif = new SarifReport().render(empty);
    assertValid(sarif);
    JsonNode rules = run(sarif).path("tool").path("driver").path("rules");
    assertThat(rules).hasSize(RuleCatalog.bundled().all().size());
    for (JsonNode rule : rules) {
      String id = rule.path("id").asText();
      RuleMetadata meta = RuleCatalog.bundled().get(id).orElseThrow();
      String uri = "https://corslint.dev/rules/" + id;
      assertThat(rule.path("name").asText()).as(id).matches("[A-Z][A-Za-z]+");
      assertThat(rule.path("shortDescription").path("text").asText()).as(id).isNotBlank();
      assertThat(rule.path("fullDescription").path("text").asText()).as(id).isNotBlank();
      assertThat(rule.path("helpUri").asText()).as(id).isEqualTo(uri);
      assertThat(rule.path("help").path("text").asText()).as(id).isNotBlank().contains(uri);
      // GitHub shows help.markdown and ignores helpUri.
      assertThat(rule.path("help").path("markdown").asText()).as(id).contains("(" + uri + ")");
      assertThat(rule.path("defaultConfiguration").path("level").asText()).as(id)
          .isEqualTo(meta.level().sarifName());
      JsonNode properties = rule.path("properties");
      assertThat(properties.path("precision").asText()).as(id).isIn("very-high", "high", "medium", "low");
      List<String> tags = new ArrayList<>();
      properties.path("tags").forEach(t -> tags.add(t.asText()));
      assertThat(tags).as(id).hasSizeLessThanOrEqualTo(10).doesNotHaveDuplicates();
      if (meta.isSecurity()) {
        assertThat(tags).as(id).contains("security").anyMatch(t -> t.matches("external/cwe/cwe-\\d+"));
        JsonNode severity = properties.path("security-severity");
        assertThat(severity.isTextual()).as(id).isTrue();
        assertThat(Double.parseDouble(severity.asText())).as(id).isBetween(0.1, 10.0);
      } else {
        assertThat(tags).as(id).doesNotContain("security");
        assertThat(properties.has("security-severity")).as(id).isFalse();
      }
    }
  }

  @Test
  void neverWritesGithubsOwnFingerprint() {
    String sarif = new SarifReport().withSuppressed(true).render(withOneSuppressed());
    assertThat(sarif).doesNotContain("primaryLocationLineHash");
    assertThat(Set.of(sarif.split("\"corslint/v1\"")).size()).isGreaterThan(1);
  }
}
