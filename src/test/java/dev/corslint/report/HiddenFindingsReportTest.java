package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.scan.ScanResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text and JSON say how many findings suppressions and a baseline took out, and show configuration notices. */
class HiddenFindingsReportTest {

  @TempDir Path root;
  private ReportFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ReportFixture(root);
  }

  /** The full fixture: one finding suppressed, two more known from a baseline, one left. */
  private ScanResult partlyHidden() {
    List<Finding> all = fixture.full().findings();
    ScanResult suppressed = new ScanResult(root, all.subList(1, 4), List.of(), ReportFixture.rules(), 12, 4,
        List.of(all.get(0)), null, null);
    return Baseline.of(Set.copyOf(Fingerprints.of(fixture.result(all.subList(1, 3), List.of())))).apply(suppressed);
  }

  @Test
  void theTextSummarySaysWhatIsNotShown() {
    String text = new TextReport(false, false).render(partlyHidden());
    assertThat(text).endsWith(
        "1 problem (1 error, 0 warnings, 0 notes) in 1 file (1 suppressed inline, 2 known from the baseline)\n");
    assertThat(text).startsWith("web/app.js:3:17: error [origin-reflection]");
  }

  @Test
  void aCleanSummaryToo() {
    ScanResult none = Baseline.of(Set.copyOf(Fingerprints.of(fixture.full()))).apply(fixture.full());
    assertThat(TextReport.plainSummary(none)).isEqualTo("No CORS problems found in 12 files (4 known from the baseline).");
    assertThat(new TextReport(true, false).render(none))
        .contains("No CORS problems found").contains("(12 files scanned, 4 known from the baseline)");
  }

  @Test
  void theJsonSummaryCountsThem() throws Exception {
    JsonNode summary = new ObjectMapper().readTree(new JsonReport().render(partlyHidden())).path("summary");
    assertThat(summary.path("errors").asInt()).isEqualTo(1);
    assertThat(summary.path("suppressed").asInt()).isEqualTo(1);
    assertThat(summary.path("baselined").asInt()).isEqualTo(2);
    JsonNode plain = new ObjectMapper().readTree(new JsonReport().render(fixture.full())).path("summary");
    assertThat(plain.path("suppressed").isInt()).isTrue();
    assertThat(plain.path("baselined").asInt()).isZero();
  }

  @Test
  void configurationNoticesAreShownEvenWhenOthersAreOnlyCounted() {
    List<Notice> notices = List.of(
        Notice.warning("unknown configuration key 'exculde' ignored", SourceSpan.at(".corslint.yml", 3, 1)),
        Notice.error("Could not parse: unexpected '}'.", SourceSpan.at("broken/other.conf", 12, 1)));
    ScanResult result = new ScanResult(root, List.of(), notices, ReportFixture.rules(), 3, 0, List.of(), null,
        ".corslint.yml");
    assertThat(new TextReport(false, false).render(result)).isEqualTo(
        "notice: .corslint.yml:3: unknown configuration key 'exculde' ignored\n"
            + "and 1 more notice (run with --verbose to see them)\n"
            + "No CORS problems found in 3 files.\n");
    assertThat(new TextReport(false, true).render(result)).contains("notice: broken/other.conf:12:");
  }

  @Test
  void findingTextsAreTheReportsBlocks() {
    ScanResult full = fixture.full();
    List<String> blocks = new TextReport(false, false).findingTexts(full);
    assertThat(blocks).hasSize(4);
    String report = new TextReport(false, false).render(full);
    for (String block : blocks) {
      assertThat(report).contains(block + "\n\n");
      assertThat(block).doesNotEndWith("\n");
    }
    assertThat(blocks.get(1)).startsWith("nginx/site.conf:4:9: error [origin-reflection]")
        .contains(" 4 |         add_header Access-Control-Allow-Origin $http_origin always;")
        .contains("  = note: nginx/site.conf:5:9: credentials allowed here");
  }
}
