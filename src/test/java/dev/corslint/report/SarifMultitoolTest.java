package dev.corslint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs only where the multitool is installed; CI sets CORSLINT_REQUIRE_LIVE=1 so that there it must run. */
class SarifMultitoolTest {

  @TempDir Path root;

  private static Path multitool() {
    Optional<Path> found = SarifMultitool.find();
    if ("1".equals(System.getenv("CORSLINT_REQUIRE_LIVE"))) {
      assertThat(found).as("SARIF multitool (CORSLINT_SARIF_MULTITOOL or node_modules)").isPresent();
    }
    assumeTrue(found.isPresent(), "SARIF multitool not installed");
    return found.get();
  }

  @Test
  void fullReportPassesSarifAndGithubRules() throws Exception {
    Path tool = multitool();
    ReportFixture fixture = new ReportFixture(root);
    assertThat(SarifMultitool.problems(tool, new SarifReport().render(fixture.full()))).isEmpty();
  }

  @Test
  void theCheckCatchesABrokenLog() throws Exception {
    Path tool = multitool();
    ReportFixture fixture = new ReportFixture(root);
    var log = (com.fasterxml.jackson.databind.node.ObjectNode)
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(new SarifReport().render(fixture.full()));
    var run = (com.fasterxml.jackson.databind.node.ObjectNode) log.path("runs").path(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) run.path("results").path(0)).remove("locations");
    ((com.fasterxml.jackson.databind.node.ObjectNode) run.path("originalUriBaseIds").path("%SRCROOT%"))
        .put("uri", "file:///no/slash");
    assertThat(SarifMultitool.problems(tool, log.toString()))
        .anyMatch(p -> p.startsWith("error GH"))
        .anyMatch(p -> p.startsWith("error SARIF1004"));
  }

  @Test
  void emptyReportPassesSarifAndGithubRules() throws Exception {
    Path tool = multitool();
    ReportFixture fixture = new ReportFixture(root);
    assertThat(SarifMultitool.problems(tool, new SarifReport().render(fixture.empty()))).isEmpty();
  }
}
