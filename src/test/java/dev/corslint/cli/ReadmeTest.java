package dev.corslint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's rule table is rendered from rules/*.yml; it must not drift from them. */
class ReadmeTest {

  @Test
  void ruleTableMatchesTheRuleMetadata() throws Exception {
    CommandLine cli = CorslintCommand.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("rules", "--markdown")).isZero();
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).as("README rule table; regenerate with `corslint rules --markdown`")
        .contains(out.toString().strip().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void readmeHoldsTheTwoSetUpCommands() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains("mvn -B -q package -DskipTests && target/corslint scan test-fixtures/")
        .contains("mvn -B verify");
    assertThat(Files.readString(Path.of(".ci/run"))).contains("mvn -B verify");
  }

  /** Every worked example in the README is exactly what the command prints today. */
  @Test
  void workedExamplesMatchWhatTheCommandsPrint() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int examples = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("$ corslint ")) continue;
      String[] args = lines.get(i).substring("$ corslint ".length()).split(" ");
      StringBuilder expected = new StringBuilder();
      for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("```"); j++) expected.append(lines.get(j)).append('\n');
      CommandLine cli = CorslintCommand.commandLine();
      StringWriter out = new StringWriter();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(new StringWriter()));
      cli.execute(args);
      assertThat(out.toString().strip()).as(lines.get(i)).isEqualTo(expected.toString().strip());
      examples++;
    }
    assertThat(examples).isGreaterThanOrEqualTo(7);
  }
}
