package dev.corslint.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corslint.report.SarifSchema;
import dev.corslint.testing.StubCorsExtractor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's behaviour, run directly with real rules over a stub extractor's {@code *.stub} files. */
class CheckMojoTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path basedir;
  private RecordingLog log = new RecordingLog(false);

  private void write(String file, String text) throws IOException {
    Path p = basedir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static MavenProject project(Path dir, String... modules) {
    MavenProject project = new MavenProject();
    project.setFile(dir.resolve("pom.xml").toFile());
    for (String m : modules) project.getModel().addModule(m);
    return project;
  }

  /** The goal as Maven configures it by default. */
  private CheckMojo mojo(Path dir, String... modules) {
    CheckMojo mojo = new CheckMojo();
    mojo.project = project(dir, modules);
    mojo.scanDirectory = dir.toFile();
    mojo.sarifFile = dir.resolve("target/corslint.sarif").toFile();
    mojo.failOn = "error";
    mojo.scanners = StubCorsExtractor::scanner;
    mojo.setLog(log);
    return mojo;
  }

  private void insecure() throws IOException {
    write("deploy/nginx/api.stub", "# the API\ncors: reflect path=/api/\n");
  }

  @Test
  void aCleanProjectPassesAndStillWritesSarif() throws Exception {
    write("deploy/site.stub", "# nothing configured\n");
    CheckMojo mojo = mojo(basedir);
    mojo.execute();
    assertThat(log.at("INFO")).contains("corslint: No CORS problems found in 1 file.",
        "corslint: SARIF report written to " + mojo.sarifFile);
    String sarif = Files.readString(mojo.sarifFile.toPath());
    assertThat(SarifSchema.validate(sarif)).isEmpty();
    assertThat(JSON.readTree(sarif).path("runs").path(0).path("results")).isEmpty();
  }

  @Test
  void anInsecureProjectFailsWithTheFindingInTheLogAndASummary() throws Exception {
    insecure();
    CheckMojo mojo = mojo(basedir);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("corslint found 1 CORS problem at or above 'error' in 1 file (listed above; SARIF in "
            + mojo.sarifFile + "). Fix it, silence a deliberate one with a 'corslint-disable-next-line <rule-id>'"
            + " comment, or set failOn (-Dcorslint.failOn=none) to report without failing.");
    // Like the text report, each line at the finding's level.
    assertThat(log.at("ERROR")).containsExactly(
        "deploy/nginx/api.stub:2:1: error [origin-reflection] Any origin is echoed back in"
            + " Access-Control-Allow-Origin: a page on https://attacker.example can read responses from stub /api/"
            + " (line 2) with the user's cookies. Check the origin against an allow list of exact origins.",
        " 2 | cors: reflect path=/api/",
        "   | ^~~~~~~~~~~~~~~~~~~~~~~~",
        "  = note: deploy/nginx/api.stub:2:1: credentials are allowed here");
    assertThat(log.at("INFO")).contains("corslint: 1 problem (1 error, 0 warnings, 0 notes) in 1 file");
    JsonNode results = JSON.readTree(mojo.sarifFile).path("runs").path(0).path("results");
    assertThat(results).hasSize(1);
    assertThat(results.path(0).path("ruleId").asText()).isEqualTo("origin-reflection");
  }

  @Test
  void failOnSetsTheThreshold() throws Exception {
    write("public.stub", "cors: * path=/feed/\n");
    CheckMojo mojo = mojo(basedir);
    mojo.execute();
    assertThat(log.at("INFO")).anyMatch(l -> l.startsWith("public.stub:1:1: note [wildcard-origin]"));
    mojo.failOn = "warning";
    mojo.execute();
    mojo.failOn = "NOTE";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("at or above 'note'");
    insecure();
    mojo.failOn = "none";
    mojo.execute();
    mojo.failOn = "critical";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage("corslint failOn: 'critical' is not a threshold (expected error, warning, note or none)");
  }

  @Test
  void skipDoesNothing() throws Exception {
    insecure();
    CheckMojo mojo = mojo(basedir);
    mojo.skip = true;
    mojo.execute();
    assertThat(log.lines).containsExactly("INFO corslint: skipped (corslint.skip)");
    assertThat(mojo.sarifFile).doesNotExist();
  }

  @Test
  void anAggregatorLeavesItsModulesDirectoriesToThem() throws Exception {
    write("pom.xml", "<project/>");
    write("api/pom.xml", "<project/>");
    write("api/deploy/nginx.stub", "cors: reflect path=/api/\n");
    write("web/pom.xml", "<project/>");
    write("web/nginx.stub", "cors: reflect path=/web/\n");
    write("deploy/gateway.stub", "# the gateway: nothing\n");
    CheckMojo parent = mojo(basedir, "api", "web");
    parent.execute();
    assertThat(log.at("INFO")).contains("corslint: No CORS problems found in 1 file.");

    CheckMojo api = mojo(basedir.resolve("api"));
    assertThatThrownBy(api::execute).isInstanceOf(MojoFailureException.class);
    assertThat(log.at("ERROR").get(0)).startsWith("deploy/nginx.stub:1:1: error [origin-reflection]");
  }

  @Test
  void eachModuleGetsItsOwnCodeScanningCategory() throws Exception {
    write("api/x.stub", "# none\n");
    CheckMojo top = mojo(basedir, "api");
    CheckMojo api = mojo(basedir.resolve("api"));
    MavenProject topProject = top.project;
    topProject.setExecutionRoot(true);
    MavenSession session = session(topProject, api.project);
    top.session = session;
    api.session = session;
    assertThat(top.automationId()).isEqualTo("corslint/");
    assertThat(api.automationId()).isEqualTo("corslint/api/");
    api.execute();
    assertThat(JSON.readTree(api.sarifFile).path("runs").path(0).path("automationDetails").path("id").asText())
        .isEqualTo("corslint/api/");
  }

  @SuppressWarnings("deprecation")
  private static MavenSession session(MavenProject... projects) {
    return new MavenSession(null, new DefaultMavenExecutionRequest(), new DefaultMavenExecutionResult(),
        List.of(projects));
  }

  @Test
  void includesAndExcludesSelectFiles() throws Exception {
    insecure();
    write("legacy/old.stub", "cors: reflect path=/old/\n");
    CheckMojo mojo = mojo(basedir);
    mojo.failOn = "none";
    mojo.excludes = List.of("legacy/**", " ");
    mojo.execute();
    assertThat(log.all()).contains("deploy/nginx/api.stub").doesNotContain("legacy/old.stub");
    log.lines.clear();
    mojo.excludes = null;
    mojo.includes = List.of("legacy/**");
    mojo.execute();
    assertThat(log.all()).doesNotContain("deploy/nginx/api.stub").contains("legacy/old.stub");
    mojo.includes = List.of("[bad");
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("corslint includes/excludes: '[bad': not a valid glob");
  }

  @Test
  void theConfigurationFileAppliesAndItsProblemsAreWarnings() throws Exception {
    insecure();
    write(".corslint.yml", "rules:\n  origin-reflection: warning\nexculde: [x]\n");
    CheckMojo mojo = mojo(basedir);
    mojo.execute();
    assertThat(log.at("WARN")).contains(
        "deploy/nginx/api.stub:2:1: warning [origin-reflection] Any origin is echoed back in"
            + " Access-Control-Allow-Origin: a page on https://attacker.example can read responses from stub /api/"
            + " (line 2) with the user's cookies. Check the origin against an allow list of exact origins.",
        "corslint configuration: .corslint.yml:3: unknown configuration key 'exculde' ignored"
            + " (did you mean 'exclude'?) (known keys: public-paths, trusted-origins, development-origins, rules,"
            + " exclude)");

    Path strict = basedir.resolve("ci/strict.yml");
    Files.createDirectories(strict.getParent());
    Files.writeString(strict, "rules: {}\n");
    mojo.configFile = strict.toFile();
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);
    mojo.configFile = new File(basedir.toFile(), "missing.yml");
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("corslint configFile not found:");
  }

  @Test
  void aBaselineAcceptsWhatIsThereAndFailsOnlyOnNewFindings() throws Exception {
    insecure();
    CheckMojo mojo = mojo(basedir);
    mojo.baselineFile = basedir.resolve("corslint-baseline.sarif").toFile();
    // No baseline yet: every finding counts, with a warning that says how to create one.
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);
    assertThat(log.at("WARN")).anyMatch(l -> l.contains("no baseline at") && l.contains("-Dcorslint.updateBaseline"));

    mojo.updateBaseline = true;
    mojo.execute();
    assertThat(log.at("INFO")).contains("corslint: baseline of 1 finding written to " + mojo.baselineFile);
    assertThat(mojo.baselineFile).exists();

    mojo.updateBaseline = false;
    log.lines.clear();
    mojo.execute();
    assertThat(log.at("ERROR")).isEmpty();
    assertThat(log.at("INFO")).contains("corslint: No CORS problems found in 1 file (1 known from the baseline).");

    write("deploy/nginx/api.stub", "# the API\n\ncors: reflect path=/api/\ncors: reflect path=/v2/\n");
    log.lines.clear();
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("found 1 CORS problem");
    assertThat(log.at("ERROR").get(0)).startsWith("deploy/nginx/api.stub:4:1: error [origin-reflection]");

    Files.writeString(mojo.baselineFile.toPath(), "garbage");
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("is not a SARIF baseline");
  }

  @Test
  void updatingABaselineNeedsItsFile() throws IOException {
    insecure();
    CheckMojo mojo = mojo(basedir);
    mojo.updateBaseline = true;
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("updateBaseline needs baselineFile");
  }

  @Test
  void suppressedFindingsAreCountedAndWrittenOnRequest() throws Exception {
    write("api.stub", "# corslint-disable-next-line origin-reflection\ncors: reflect path=/api/\n");
    CheckMojo mojo = mojo(basedir);
    mojo.execute();
    assertThat(log.at("INFO")).contains("corslint: No CORS problems found in 1 file (1 suppressed inline).");
    assertThat(JSON.readTree(mojo.sarifFile).path("runs").path(0).path("results")).isEmpty();
    mojo.includeSuppressed = true;
    mojo.execute();
    assertThat(JSON.readTree(mojo.sarifFile).path("runs").path(0).path("results").path(0).path("suppressions"))
        .hasSize(1);
  }

  @Test
  void noticesAreCountedAndListedInDebug() throws Exception {
    write("api.stub", "# corslint-disable-next-line no-such-rule\ncors: * path=/x/\n");
    mojo(basedir).execute();
    assertThat(log.at("INFO")).anyMatch(l -> l.startsWith("corslint: 1 notice (files not parsed"));
    log = new RecordingLog(true);
    mojo(basedir).execute();
    assertThat(log.at("DEBUG")).anyMatch(l -> l.startsWith("corslint notice: api.stub:1: corslint-disable-next-line"
        + " names 'no-such-rule'"));
  }

  @Test
  void aMissingScanDirectoryIsAConfigurationError() {
    CheckMojo mojo = mojo(basedir);
    mojo.scanDirectory = basedir.resolve("nope").toFile();
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("corslint scanDirectory is not a directory");
  }
}
