package dev.corslint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.report.SarifSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = CorslintCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path reflectingConfig() throws Exception {
    Path conf = dir.resolve("api.conf");
    Files.writeString(conf, """
        server {
            listen 443 ssl;
            server_name api.example.com;
            location /api/ {
                add_header Access-Control-Allow-Origin $http_origin always;
                add_header Access-Control-Allow-Credentials true always;
                add_header Vary Origin always;
                proxy_pass http://app:8080;
            }
        }
        """);
    return conf;
  }

  @Test
  void findingsAtTheThresholdExitWithOne() throws Exception {
    reflectingConfig();
    Run r = run("scan", dir.toString());
    assertThat(r.exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
    assertThat(r.out()).contains("api.conf:5:").contains("[origin-reflection]").contains("https://attacker.example");
  }

  @Test
  void failOnNoneAlwaysExitsZero() throws Exception {
    reflectingConfig();
    assertThat(run("scan", "--fail-on", "none", dir.toString()).exit()).isZero();
  }

  @Test
  void cleanTreeExitsZero() throws Exception {
    Files.writeString(dir.resolve("site.conf"), """
        server {
            listen 443 ssl;
            server_name www.example.com;
            location / { root /srv/www; }
        }
        """);
    Run r = run("scan", dir.toString());
    assertThat(r.exit()).isZero();
  }

  @Test
  void sarifOutputValidatesAgainstTheSchema() throws Exception {
    reflectingConfig();
    Path out = dir.resolve("out/report.sarif");
    Run r = run("scan", "--format", "sarif", "--output", out.toString(), dir.toString());
    assertThat(r.exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
    String sarif = Files.readString(out);
    assertThat(SarifSchema.validate(sarif)).isEmpty();
    assertThat(sarif).contains("\"ruleId\": \"origin-reflection\"");
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhy() {
    Run badFormat = run("scan", "--format", "xml", dir.toString());
    assertThat(badFormat.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
    assertThat(badFormat.err()).contains("unknown format 'xml'");
    Run badOption = run("scan", "--frobnicate");
    assertThat(badOption.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
    assertThat(badOption.err()).contains("Unknown option");
    Run missing = run("scan", dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
    assertThat(missing.err()).contains("no such file or directory");
    assertThat(run().exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
  }

  @Test
  void unreadableFilesAreNoticesNotErrors() throws Exception {
    reflectingConfig();
    Files.write(dir.resolve("binary.conf"), new byte[] {'s', 'e', 'r', 'v', 'e', 'r', ' ', '{', 0, 1, 2});
    Files.writeString(dir.resolve("broken.conf"), "server { location / { add_header X \"unterminated; }\n");
    Run r = run("scan", "--verbose", dir.toString());
    assertThat(r.exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
    assertThat(r.out()).contains("[origin-reflection]").contains("broken.conf");
  }

  @Test
  void rulesListsEveryRuleAndShowsHelp() {
    Run list = run("rules");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("origin-reflection").contains("excessive-max-age").contains("add-header-inheritance");
    Run one = run("rules", "wildcard-with-credentials");
    assertThat(one.out()).contains("## How to fix");
    assertThat(run("rules", "no-such-rule").exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
  }
}
