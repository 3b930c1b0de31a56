package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import dev.corslint.scan.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  private ReportFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ReportFixture(root);
  }

  private static String sarif(ScanResult result) {
    return new SarifReport().render(result);
  }

  private static JsonNode run(String sarif) throws IOException {
    return JSON.readTree(sarif).path("runs").path(0);
  }

  @Test
  void fullReportIsValidSarif() {
    String sarif = sarif(fixture.full());
    assertThat(SarifSchema.validate(sarif)).as("schema %s", SarifSchema.source()).isEmpty();
  }

  @Test
  void emptyReportIsValidAndStillHasAnEmptyResultsArray() throws IOException {
    String sarif = sarif(fixture.empty());
    assertThat(SarifSchema.validate(sarif)).isEmpty();
    JsonNode results = run(sarif).get("results");
    // An absent array would mean "not analysed" to code scanning, which would keep old alerts open.
    assertThat(results).isNotNull();
    assertThat(results.isArray()).isTrue();
    assertThat(results).isEmpty();
  }

  @Test
  void theSchemaCheckCatchesAnInvalidLog() throws IOException {
    // Guards against a validator that accepts anything.
    var log = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(sarif(fixture.full()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) log.path("runs").path(0).path("results").path(0))
        .put("level", "fatal");
    log.put("version", "9.9.9");
    assertThat(SarifSchema.validate(log.toString())).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void headerNamesSchemaVersionAndTool() throws IOException {
    JsonNode log = JSON.readTree(sarif(fixture.full()));
    assertThat(log.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    assertThat(log.path("runs")).hasSize(1);
    JsonNode driver = log.path("runs").path(0).path("tool").path("driver");
    assertThat(driver.path("name").asText()).isEqualTo("corslint");
    assertThat(driver.path("version").asText()).isEqualTo(ToolInfo.version()).isNotBlank();
    assertThat(driver.path("semanticVersion").asText()).isEqualTo(ToolInfo.version());
    assertThat(driver.path("informationUri").asText()).isEqualTo("https://corslint.dev");
    JsonNode run = log.path("runs").path(0);
    assertThat(run.path("automationDetails").path("id").asText()).isEqualTo("corslint/");
    assertThat(run.path("columnKind").asText()).isEqualTo("utf16CodeUnits");
  }

  @Test
  void everyResultAndEveryRuleStatesItsLevel() throws IOException {
    JsonNode run = run(sarif(fixture.full()));
    List<String> resultLevels = new ArrayList<>();
    run.path("results").forEach(r -> resultLevels.add(r.path("level").asText(null)));
    // "warning" is the schema default, which java-sarif would silently drop.
    assertThat(resultLevels).containsExactly("warning", "error", "note", "error");

    List<String> ruleLevels = new ArrayList<>();
    run.path("tool").path("driver").path("rules")
        .forEach(r -> ruleLevels.add(r.path("defaultConfiguration").path("level").asText(null)));
    assertThat(ruleLevels).containsExactly("error", "warning", "note");
  }

  @Test
  void rulesFollowTheMetadataOrderAndResultsPointAtThem() throws IOException {
    JsonNode run = run(sarif(fixture.full()));
    JsonNode rules = run.path("tool").path("driver").path("rules");
    assertThat(rules).extracting(r -> r.path("id").asText())
        .containsExactly("origin-reflection", "missing-vary-origin", "excessive-max-age");
    for (JsonNode result : run.path("results")) {
      JsonNode rule = rules.path(result.path("ruleIndex").asInt(-1));
      assertThat(rule.path("id").asText()).isEqualTo(result.path("ruleId").asText());
    }
  }

  @Test
  void ruleDescriptorsCarryWhatCodeScanningReads() throws IOException {
    JsonNode rules = run(sarif(fixture.full())).path("tool").path("driver").path("rules");
    JsonNode reflection = rules.path(0);
    assertThat(reflection.path("name").asText()).isEqualTo("OriginReflection");
    assertThat(reflection.path("shortDescription").path("text").asText())
        .isEqualTo(ReportFixture.ORIGIN_REFLECTION.shortDescription());
    assertThat(reflection.path("fullDescription").path("text").asText())
        .isEqualTo(ReportFixture.ORIGIN_REFLECTION.fullDescription());
    assertThat(reflection.path("helpUri").asText()).isEqualTo("https://corslint.dev/rules/origin-reflection");
    JsonNode properties = reflection.path("properties");
    assertThat(properties.path("tags")).extracting(JsonNode::asText)
        .containsExactly("security", "external/cwe/cwe-942");
    assertThat(properties.path("precision").asText()).isEqualTo("high");
    assertThat(properties.path("security-severity").isTextual()).isTrue();
    assertThat(properties.path("security-severity").asText()).isEqualTo("9.1");

    JsonNode vary = rules.path(1);
    assertThat(vary.path("properties").has("security-severity")).isFalse();
    assertThat(vary.path("properties").path("precision").asText()).isEqualTo("very-high");
  }

  @Test
  void helpHasMarkdownWithTheLinkLastAndPlainTextWithoutMarkup() throws IOException {
    JsonNode help = run(sarif(fixture.full())).path("tool").path("driver").path("rules").path(0).path("help");
    String markdown = help.path("markdown").asText();
    assertThat(markdown).startsWith("## Why it matters").contains("```nginx");
    List<String> markdownLines = markdown.lines().toList();
    assertThat(markdownLines.get(markdownLines.size() - 1))
        .contains("(https://corslint.dev/rules/origin-reflection)");

    String text = help.path("text").asText();
    assertThat(text)
        .doesNotContain("```", "**", "##", "`Origin`", "[the Fetch standard]")
        .contains("Why it matters")
        .contains("Reflecting any Origin lets https://attacker.example read every response.")
        .contains("the Fetch standard (https://fetch.spec.whatwg.org/#http-cors-protocol)")
        .contains("    add_header Access-Control-Allow-Origin $http_origin;")
        .endsWith("https://corslint.dev/rules/origin-reflection");
  }

  @Test
  void locationsAreRelativeToSrcrootWithExactRegions() throws IOException {
    JsonNode run = run(sarif(fixture.full()));
    JsonNode base = run.path("originalUriBaseIds").path("%SRCROOT%").path("uri");
    assertThat(base.asText()).startsWith("file:/").endsWith("/");
    assertThat(Path.of(java.net.URI.create(base.asText()))).isEqualTo(root.toAbsolutePath().normalize());

    JsonNode reflection = run.path("results").path(1);
    assertThat(reflection.path("ruleId").asText()).isEqualTo("origin-reflection");
    JsonNode physical = reflection.path("locations").path(0).path("physicalLocation");
    assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("nginx/site.conf");
    assertThat(physical.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
    JsonNode region = physical.path("region");
    assertThat(region.path("startLine").asInt()).isEqualTo(4);
    assertThat(region.path("startColumn").asInt()).isEqualTo(9);
    assertThat(region.path("endLine").asInt()).isEqualTo(4);
    assertThat(region.path("endColumn").asInt()).isEqualTo(60);
    assertThat(reflection.path("message").path("text").asText()).contains("https://attacker.example");
    for (JsonNode result : run.path("results")) {
      String uri = result.path("locations").path(0).path("physicalLocation").path("artifactLocation")
          .path("uri").asText();
      assertThat(uri).doesNotStartWith("/").doesNotStartWith("file:").doesNotContain(root.toString());
    }
  }

  @Test
  void relatedLocationsHaveIdsAndTheirOwnMessages() throws IOException {
    JsonNode reflection = run(sarif(fixture.full())).path("results").path(1);
    JsonNode related = reflection.path("relatedLocations");
    assertThat(related).hasSize(1);
    assertThat(related.path(0).path("id").asInt()).isEqualTo(1);
    assertThat(related.path(0).path("message").path("text").asText()).isEqualTo("credentials allowed here");
    assertThat(related.path(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(5);
    assertThat(run(sarif(fixture.full())).path("results").path(0).has("relatedLocations")).isFalse();
  }

  @Test
  void pathsThatAreNotUriSafeArePercentEncoded() throws IOException {
    fixture.write("conf d/caf\u00e9 #1.conf", "add_header Access-Control-Allow-Origin *;\n");
    Finding finding =
        new Finding("excessive-max-age", Level.NOTE, "m", new SourceSpan("conf d/caf\u00e9 #1.conf", 1, 1, 1, 11),
            List.of(), null, "");
    String sarif = sarif(fixture.result(List.of(finding), List.of()));
    assertThat(SarifSchema.validate(sarif)).isEmpty();
    assertThat(run(sarif).path("results").path(0).path("locations").path(0).path("physicalLocation")
            .path("artifactLocation").path("uri").asText())
        .isEqualTo("conf%20d/caf%C3%A9%20%231.conf");
  }

  @Test
  void aPointSpanLeavesTheEndOpen() throws IOException {
    Finding point =
        new Finding("excessive-max-age", Level.NOTE, "m", SourceSpan.at(ReportFixture.NGINX, 6, 9), List.of(),
            null, "");
    JsonNode region = run(sarif(fixture.result(List.of(point), List.of()))).path("results").path(0)
        .path("locations").path(0).path("physicalLocation").path("region");
    assertThat(region.path("startLine").asInt()).isEqualTo(6);
    assertThat(region.path("startColumn").asInt()).isEqualTo(9);
    assertThat(region.has("endColumn")).isFalse();
  }

  @Test
  void noticesBecomeToolExecutionNotifications() throws IOException {
    JsonNode invocations = run(sarif(fixture.full())).path("invocations");
    assertThat(invocations).hasSize(1);
    JsonNode invocation = invocations.path(0);
    assertThat(invocation.path("executionSuccessful").isBoolean()).isTrue();
    assertThat(invocation.path("executionSuccessful").asBoolean()).isTrue();
    JsonNode notifications = invocation.path("toolExecutionNotifications");
    assertThat(notifications).extracting(n -> n.path("level").asText())
        .containsExactly("warning", "error", "note");
    assertThat(notifications.path(1).path("message").path("text").asText())
        .isEqualTo("Could not parse: unexpected '}'.");
    JsonNode location = notifications.path(1).path("locations").path(0).path("physicalLocation");
    assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("broken/other.conf");
    assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
    assertThat(location.path("region").path("startLine").asInt()).isEqualTo(12);
    assertThat(notifications.path(2).has("locations")).isFalse();
  }

  @Test
  void writesOnlyOurOwnFingerprint() throws IOException {
    for (JsonNode result : run(sarif(fixture.full())).path("results")) {
      JsonNode fingerprints = result.path("partialFingerprints");
      assertThat(fingerprints.size()).isEqualTo(1);
      assertThat(fingerprints.path("corslint/v1").asText()).matches("[0-9a-f]{64}");
      assertThat(result.has("fingerprints")).isFalse();
    }
    assertThat(sarif(fixture.full())).doesNotContain("primaryLocationLineHash");
  }

  @Test
  void fingerprintsSurviveLinesInsertedAbove() throws IOException {
    List<String> before = fingerprints(sarif(fixture.full()));

    fixture.write(ReportFixture.NGINX, "\n# a comment someone added\n" + ReportFixture.NGINX_TEXT);
    List<Finding> moved =
        fixture.full().findings().stream()
            .map(f -> f.location().file().equals(ReportFixture.NGINX) ? ReportFixture.shift(f, 2) : f)
            .toList();
    String after = sarif(fixture.result(moved, List.of()));

    assertThat(run(after).path("results").path(1).path("locations").path(0).path("physicalLocation")
            .path("region").path("startLine").asInt())
        .isEqualTo(6);
    assertThat(fingerprints(after)).isEqualTo(before);
  }

  @Test
  void fingerprintsTellFindingsApart() throws IOException {
    List<String> fingerprints = fingerprints(sarif(fixture.full()));
    assertThat(fingerprints).doesNotHaveDuplicates();

    // The same mistake twice on identical lines: the occurrence counter separates them.
    fixture.write("twice.conf", "add_header Access-Control-Allow-Origin $http_origin;\n"
        + "add_header Access-Control-Allow-Origin $http_origin;\n");
    Finding first = new Finding("origin-reflection", Level.ERROR, "m", new SourceSpan("twice.conf", 1, 1, 1, 11),
        List.of(), null, "k");
    Finding second = new Finding("origin-reflection", Level.ERROR, "m", new SourceSpan("twice.conf", 2, 1, 2, 11),
        List.of(), null, "k");
    assertThat(fingerprints(sarif(fixture.result(List.of(first, second), List.of())))).doesNotHaveDuplicates();
  }

  @Test
  void editingTheFlaggedLineChangesItsFingerprint() throws IOException {
    String before = fingerprints(sarif(fixture.full())).get(1);
    fixture.write(ReportFixture.NGINX,
        ReportFixture.NGINX_TEXT.replace("$http_origin always;", "$http_origin;"));
    String after = fingerprints(sarif(fixture.full())).get(1);
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void indentationChangesDoNotChangeFingerprints() throws IOException {
    List<String> before = fingerprints(sarif(fixture.full()));
    fixture.write(ReportFixture.NGINX, ReportFixture.NGINX_TEXT.replace("        add_header", "\t\tadd_header  "));
    assertThat(fingerprints(sarif(fixture.full()))).isEqualTo(before);
  }

  @Test
  void aMissingSourceFileStillProducesValidSarif() {
    Finding gone = new Finding("excessive-max-age", Level.NOTE, "m", new SourceSpan("gone.conf", 3, 1, 3, 5),
        List.of(), null, "");
    String sarif = sarif(fixture.result(List.of(gone), ReportFixture.notices()));
    assertThat(SarifSchema.validate(sarif)).isEmpty();
    assertThat(fingerprints(sarif)).hasSize(1);
  }

  @Test
  void outputStreamGetsUtf8() {
    Finding finding = new Finding("excessive-max-age", Level.NOTE, "Origin \u201chttps://caf\u00e9.example\u201d",
        SourceSpan.at(ReportFixture.NGINX, 1, 1), List.of(), null, "");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      new SarifReport().writeUtf8(fixture.result(List.of(finding), List.of()), bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\u201chttps://caf\u00e9.example\u201d");
  }

  @Test
  void writesAFileCreatingItsDirectory() throws IOException {
    Path file = root.resolve("target/reports/corslint.sarif");
    new SarifReport().write(fixture.full(), file);
    String written = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
    assertThat(written).isEqualTo(sarif(fixture.full()));
    assertThat(SarifSchema.validate(written)).isEmpty();
  }

  private static List<String> fingerprints(String sarif) {
    try {
      List<String> out = new ArrayList<>();
      run(sarif).path("results").forEach(r -> out.add(r.path("partialFingerprints").path("corslint/v1").asText()));
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
