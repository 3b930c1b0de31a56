package dev.corslint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExplainCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = CorslintCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void allowedRequestExitsZeroBlockedExitsOne() {
    assertThat(run("explain", "test-fixtures/nginx", "--url", "https://api.example-tasks.io/api/tasks",
        "--origin", "https://board.example-tasks.io").exit()).isZero();
    Run blocked = run("explain", "test-fixtures/nginx", "--url", "https://api.example-tasks.io/api/tasks",
        "--origin", "https://board.example-tasks.io", "-H", "X-Custom-Header");
    assertThat(blocked.exit()).isEqualTo(CorslintCommand.EXIT_FINDINGS);
    assertThat(blocked.out()).contains("Verdict: blocked.");
  }

  @Test
  void jsonCarriesTheSameAnswerAsData() throws Exception {
    Run r = run("explain", "test-fixtures/nginx", "--url", "https://orders.example.net/orders/42",
        "--origin", "https://shop.example.net", "--method", "PUT", "--content-type", "application/json", "--format", "json");
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("preflight").asBoolean()).isTrue();
    JsonNode scope = json.get("scopes").get(0);
    assertThat(scope.get("verdict").asText()).isEqualTo("blocked");
    assertThat(scope.get("corsError").asText()).isEqualTo("PreflightInvalidStatus");
    assertThat(scope.get("preflight").get("status").asInt()).isEqualTo(403);
    assertThat(scope.get("fix").get("at").get("file").asText()).isEqualTo("orders-limit-except.conf");
  }

  @Test
  void jsonShowsBothLayersThroughAProxy() throws Exception {
    Run r = run("explain", "test-fixtures/layers/compose-express", "--url", "https://api.example-shop.com/orders/42",
        "--origin", "https://shop.example-shop.com", "--format", "json");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode scope = new ObjectMapper().readTree(r.out()).get("scopes").get(0);
    JsonNode layers = scope.get("layers");
    assertThat(layers.get("front").asText()).isEqualTo("nginx");
    assertThat(layers.get("application").asText()).isEqualTo("Express application in api/");
    JsonNode hop = layers.get("hops").get(0);
    assertThat(hop.get("application").get("headers").get(0).get("span").get("file").asText()).isEqualTo("api/server.js");
    assertThat(hop.get("changes").get(0).get("action").asText()).isEqualTo("added");
    assertThat(hop.get("changes").get(0).get("span").get("line").asInt()).isEqualTo(23);
    assertThat(scope.get("corsError").asText()).isEqualTo("MultipleAllowOriginValues");

    // a scope that is not behind a proxy has no layers at all in the data
    Run plain = run("explain", "test-fixtures/nginx", "--url", "https://api.example-tasks.io/api/tasks",
        "--origin", "https://board.example-tasks.io", "--format", "json");
    assertThat(new ObjectMapper().readTree(plain.out()).get("scopes").get(0).has("layers")).isFalse();
  }

  @Test
  void usageErrorsSayWhatIsWrong() {
    Run badOrigin = run("explain", "test-fixtures/nginx", "--url", "/x", "--origin", "https://app.example.com/");
    assertThat(badOrigin.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
    assertThat(badOrigin.err()).contains("is not an origin");
    Run missing = run("explain", "test-fixtures/nginx", "--origin", "https://a.example");
    assertThat(missing.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
    assertThat(missing.err()).contains("--url");
    Run badFormat = run("explain", "test-fixtures/nginx", "--url", "/x", "--origin", "https://a.example", "--format", "xml");
    assertThat(badFormat.exit()).isEqualTo(CorslintCommand.EXIT_ERROR);
  }
}
