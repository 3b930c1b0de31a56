package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.scan.ScanResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubActionsReportTest {

  @TempDir Path workspace;
  private ReportFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ReportFixture(workspace);
  }

  private List<String> lines(ScanResult result, Path base, boolean verbose) {
    return new GithubActionsReport(base, verbose).render(result).lines().toList();
  }

  @Test
  void oneCommandPerFindingWithItsLevelPositionAndTitle() {
    List<String> lines = lines(fixture.full(), workspace, false);
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo(
        "::warning file=nginx/site.conf,line=4,col=9,endColumn=60,title=corslint missing-vary-origin%3A Vary%3A Origin"
            + " missing::Access-Control-Allow-Origin depends on the request but no Vary: Origin is sent."
            + "%0Ahttps://corslint.dev/rules/missing-vary-origin");
    assertThat(lines.get(1)).startsWith("::error file=nginx/site.conf,line=4,col=9,endColumn=60,"
        + "title=corslint origin-reflection%3A Origin reflected without a check::Any origin is reflected")
        // The related location follows on its own (encoded) line.
        .contains("%0Anginx/site.conf:5:9: credentials allowed here%0Ahttps://corslint.dev/rules/origin-reflection");
    assertThat(lines.get(2)).startsWith("::notice file=nginx/site.conf,line=6,");
    assertThat(lines.get(3)).startsWith("::error file=web/app.js,line=3,col=17,endColumn=29,");
    assertThat(lines.get(4)).isEqualTo("3 notices (run with --verbose to see them)");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("4 problems (2 errors, 1 warning, 1 note) in 2 files");
  }

  @Test
  void pathsAreRelativeToTheWorkspace() {
    Path sub = workspace.resolve("services/api");
    ReportFixture nested = new ReportFixture(sub);
    List<String> lines = lines(nested.full(), workspace, false);
    assertThat(lines.get(0)).startsWith("::warning file=services/api/nginx/site.conf,line=4,");
    assertThat(lines.get(1)).contains("%0Aservices/api/nginx/site.conf:5:9: credentials allowed here");
    // Outside the workspace, paths stay relative to the scan root.
    assertThat(lines(nested.full(), workspace.resolve("elsewhere"), false).get(0))
        .startsWith("::warning file=nginx/site.conf,");
  }

  @Test
  void multiLineSpansGiveAnEndLineAndNoEndColumn() {
    Finding f = new Finding("excessive-max-age", Level.NOTE, "m", new SourceSpan("nginx/site.conf", 2, 5, 4, 3),
        List.of(), "s", "");
    assertThat(lines(fixture.result(List.of(f), List.of()), workspace, false).get(0))
        .startsWith("::notice file=nginx/site.conf,line=2,endLine=4,col=5,title=");
  }

  @Test
  void scannedTextCannotInjectAWorkflowCommand() {
    Finding evil = new Finding("origin-reflection", Level.ERROR,
        "Origin 'x%0A::set-output name=a::b'\n::add-mask::secret\r\nend",
        new SourceSpan("we,ird:name.conf", 1, 1, 1, 2),
        List.of(new RelatedLocation(SourceSpan.at("a.conf", 1, 1), "line\nbreak")), "s", "");
    String out = new GithubActionsReport(workspace, false).render(fixture.result(List.of(evil), List.of()));
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("::error file=we%2Cird%3Aname.conf,line=1,col=1,endColumn=2,title=")
        .contains("Origin 'x%250A::set-output name=a::b'%0A::add-mask::secret\uFFFD%0Aend")
        .doesNotContain("\r");
    assertThat(lines.get(1)).doesNotStartWith("::");
  }

  @Test
  void configurationNoticesAreAlwaysAnnotatedOthersOnlyWhenVerbose() {
    List<Notice> notices = List.of(
        Notice.warning("unknown configuration key 'exculde' ignored", new SourceSpan(".corslint.yml", 3, 1, 3, 8)),
        Notice.error("Could not parse: unexpected '}'.", SourceSpan.at("broken/other.conf", 12, 1)),
        Notice.note("No Django settings module found.", null));
    ScanResult result = new ScanResult(workspace, List.of(), notices, ReportFixture.rules(), 3, 0, List.of(), null,
        ".corslint.yml");
    List<String> quiet = lines(result, workspace, false);
    assertThat(quiet).containsExactly(
        "::warning file=.corslint.yml,line=3,col=1,endColumn=8,title=corslint configuration::unknown configuration"
            + " key 'exculde' ignored",
        "and 2 more notices (run with --verbose to see them)",
        "No CORS problems found in 3 files.");
    List<String> verbose = lines(result, workspace, true);
    assertThat(verbose).hasSize(4);
    assertThat(verbose.get(1)).isEqualTo(
        "::warning file=broken/other.conf,line=12,col=1,title=corslint notice::Could not parse: unexpected '}'.");
    assertThat(verbose.get(2)).isEqualTo("::notice title=corslint notice::No Django settings module found.");
  }

  @Test
  void escapingFollowsTheRunnersRules() {
    assertThat(GithubActionsReport.data("100% a\r\nb")).isEqualTo("100%25 a%0D%0Ab");
    assertThat(GithubActionsReport.property("a:b,c%d\ne")).isEqualTo("a%3Ab%2Cc%25d%0Ae");
  }
}
