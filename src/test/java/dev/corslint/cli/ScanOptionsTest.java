package dev.corslint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corslint.report.SarifSchema;
import dev.corslint.testing.StubCorsExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The scan command's options for CI: formats, baselines, suppressions, selections and configuration, with
 * real rule findings from a stub extractor ({@code *.stub} files).
 */
class ScanOptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  @TempDir Path out;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = CorslintCommand.commandLine(StubCorsExtractor::scanner);
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    int exit = cli.execute(args);
    return new Run(exit, stdout.toString(), stderr.toString());
  }

  private void write(String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void insecure() throws IOException {
    write("deploy/api.stub", "# the API\ncors: reflect path=/api/\n");
  }

  @Test
  void githubFormatPrintsAnnotations() throws IOException {
    insecure();
    Run r = run("scan", "--format", "github", dir.toString());
    assertThat(r.exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
    assertThat(r.out()).startsWith("::error file=")
        .contains("deploy/api.stub,line=2,col=1,")
        .contains("title=corslint origin-reflection%3A Request origin reflected without a check::Any origin");
    assertThat(r.out().lines().filter(l -> l.startsWith("::"))).hasSize(1);
  }

  @Test
  void aBaselineMakesKnownFindingsPassAndNewOnesFail() throws IOException {
    insecure();
    Path baseline = out.resolve("baseline.sarif");
    Run write = run("scan", "--write-baseline", baseline.toString(), dir.toString());
    // Writing a baseline accepts what is there.
    assertThat(write.exit()).isZero();
    assertThat(write.err()).contains("baseline of 1 finding written to " + baseline);
    assertThat(SarifSchema.validate(Files.readString(baseline))).isEmpty();

    Run known = run("scan", "--baseline", baseline.toString(), dir.toString());
    assertThat(known.exit()).isZero();
    assertThat(known.out()).isEqualTo("No CORS problems found in 1 file (1 known from the baseline).\n");

    // Lines added above do not make it new; a new scope does.
    write("deploy/api.stub", "# the API\n\n# proxied to app:8080\ncors: reflect path=/api/\ncors: reflect path=/v2/\n");
    Run next = run("scan", "--baseline", baseline.toString(), dir.toString());
    assertThat(next.exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
    assertThat(next.out()).contains("deploy/api.stub:5:1: error [origin-reflection]")
        .doesNotContain("deploy/api.stub:4:1")
        .contains("1 problem (1 error, 0 warnings, 0 notes) in 1 file (1 known from the baseline)");
  }

  @Test
  void sarifWithABaselineMarksNewAndUnchanged() throws IOException {
    insecure();
    Path baseline = out.resolve("baseline.sarif");
    run("scan", "--write-baseline", baseline.toString(), dir.toString());
    write("web/more.stub", "cors: reflect path=/web/\n");
    Path sarif = out.resolve("scan.sarif");
    Run r = run("scan", "--baseline", baseline.toString(), "--format", "sarif", "--output", sarif.toString(),
        dir.toString());
    assertThat(r.exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
    assertThat(r.err()).contains("1 problem (1 error, 0 warnings, 0 notes) in 1 file (1 known from the baseline);"
        + " report written to " + sarif);
    JsonNode results = JSON.readTree(sarif.toFile()).path("runs").path(0).path("results");
    assertThat(results).extracting(n -> n.path("baselineState").asText()).containsExactly("unchanged", "new");
  }

  @Test
  void writingToAFileSummarisesOnStderr() throws IOException {
    write("notes.txt", "nothing here\n");
    Path sarif = out.resolve("scan.sarif");
    Run r = run("scan", "--format", "sarif", "--output", sarif.toString(), dir.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("corslint: No CORS problems found in 0 files; report written to " + sarif + "\n");
  }

  @Test
  void aMissingOrBrokenBaselineIsAUsageError() throws IOException {
    insecure();
    Run missing = run("scan", "--baseline", out.resolve("nope.sarif").toString(), dir.toString());
    assertThat(missing.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
    assertThat(missing.err()).contains("baseline file not found").contains("--write-baseline");
    Path broken = out.resolve("broken.sarif");
    Files.writeString(broken, "{\"runs\": 1");
    Run bad = run("scan", "--baseline", broken.toString(), dir.toString());
    assertThat(bad.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
    assertThat(bad.err()).contains("is not a SARIF baseline");
  }

  @Test
  void suppressedFindingsReachSarifOnlyOnRequest() throws IOException {
    write("api.stub", "cors: reflect path=/api/   # corslint-disable-line origin-reflection\n");
    Run plain = run("scan", "--format", "sarif", dir.toString());
    assertThat(plain.exit()).isZero();
    assertThat(JSON.readTree(plain.out()).path("runs").path(0).path("results")).isEmpty();
    Run with = run("scan", "--format", "sarif", "--include-suppressed", dir.toString());
    assertThat(with.exit()).isZero();
    JsonNode results = JSON.readTree(with.out()).path("runs").path(0).path("results");
    assertThat(results).hasSize(1);
    assertThat(results.path(0).path("suppressions").path(0).path("kind").asText()).isEqualTo("inSource");
    assertThat(SarifSchema.validate(with.out())).isEmpty();
    assertThat(run("scan", dir.toString()).out()).contains("(1 suppressed inline)");
  }

  @Test
  void includeAndExcludeSelectFiles() throws IOException {
    insecure();
    write("legacy/old.stub", "cors: reflect path=/old/\n");
    Run all = run("scan", dir.toString());
    assertThat(all.out()).contains("legacy/old.stub").contains("deploy/api.stub");
    Run excluded = run("scan", "--exclude", "legacy", dir.toString());
    assertThat(excluded.out()).doesNotContain("legacy/old.stub").contains("deploy/api.stub");
    Run included = run("scan", "--include", "legacy/**", dir.toString());
    assertThat(included.out()).contains("legacy/old.stub").doesNotContain("deploy/api.stub");
    Run bad = run("scan", "--exclude", "[oops", dir.toString());
    assertThat(bad.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
    assertThat(bad.err()).contains("'[oops': not a valid glob");
  }

  @Test
  void theConfigurationAppliesAndItsProblemsAreShown() throws IOException {
    insecure();
    write("public/feed.stub", "cors: * path=/feed/\n");
    write("legacy/old.stub", "cors: reflect path=/old/\n");
    write(".corslint.yml", """
        public-paths: ["/feed/**"]
        rules:
          origin-reflection: warning
        exclude: [legacy/**]
        exculde: [x]
        """);
    Run r = run("scan", dir.toString());
    // Now a warning, so the default threshold passes.
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("deploy/api.stub:2:1: warning [origin-reflection]")
        .doesNotContain("wildcard-origin").doesNotContain("legacy/old.stub")
        .contains("notice: .corslint.yml:5: unknown configuration key 'exculde' ignored (did you mean 'exclude'?)");
    assertThat(run("scan", "--fail-on", "warning", dir.toString()).exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);

    Run sarif = run("scan", "--format", "sarif", dir.toString());
    // The SARIF goes to stdout; the configuration problem to stderr, where a person sees it.
    assertThat(sarif.err()).contains("corslint: .corslint.yml:5: unknown configuration key 'exculde'");
  }

  @Test
  void anotherConfigurationFileCanBeNamed() throws IOException {
    insecure();
    Path config = out.resolve("strict.yml");
    Files.writeString(config, "rules: {origin-reflection: off}\n");
    assertThat(run("scan", "--config", config.toString(), dir.toString()).exit()).isZero();
    assertThat(run("scan", dir.toString()).exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
  }

  @Test
  void failOnThresholds() throws IOException {
    write("public.stub", "cors: * path=/x/\n");
    // wildcard-origin is a note.
    assertThat(run("scan", dir.toString()).exit()).isZero();
    assertThat(run("scan", "--fail-on", "warning", dir.toString()).exit()).isZero();
    assertThat(run("scan", "--fail-on", "NOTE", dir.toString()).exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
    assertThat(run("scan", "--fail-on", "fatal", dir.toString()).exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
  }
}
