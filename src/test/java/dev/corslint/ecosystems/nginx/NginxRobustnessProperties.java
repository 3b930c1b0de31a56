package dev.corslint.ecosystems.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceFile;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Bad input never breaks the nginx extractor, and files after a bad one are still read. */
class NginxRobustnessProperties {

  private static final String REAL = NginxTestFiles.resource("cors-api.conf");

  private static final String VALID = """
      server {
          listen 80;
          server_name after.example;
          location /after/ { add_header Access-Control-Allow-Origin https://app.example always; }
      }
      """;

  private static Extraction extract(InMemorySourceTree tree) {
    NginxExtractor x = new NginxExtractor();
    List<SourceFile> accepted = tree.files().stream().filter(f -> x.accepts(f, tree.head(f))).toList();
    return x.extract(accepted, tree);
  }

  /** Hands every file to the extractor, accepted or not, so that garbage reaches the parser. */
  private static Extraction extractAll(InMemorySourceTree tree) {
    return new NginxExtractor().extract(tree.files(), tree);
  }

  /** Runs every policy against a few requests; none may throw. */
  private static void exercise(Extraction e) {
    for (CorsPolicy p : e.policies()) {
      p.scope();
      p.allowedOrigins().accepts("https://attacker.example");
      p.credentials();
      p.usages();
      String path = p.samplePath();
      Response r1 = p.respond(Request.actual(path, "GET", "https://app.example"));
      Response r2 = p.respond(Request.preflight(path, "null", "DELETE", List.of("authorization")));
      Response r3 = p.respond(Request.actual(path, "POST", null).withHandlerStatus(502));
      assertThat(List.of(r1, r2, r3)).doesNotContainNull();
    }
  }

  @Property(tries = 200)
  void randomTextNeverBreaksTheParser(@ForAll @StringLength(max = 3000) String text) {
    ParsedFile p = NginxParser.parse(text, "random.conf");
    assertThat(p).isNotNull();
    exercise(extractAll(new InMemorySourceTree().put("conf.d/random.conf", text)));
  }

  @Property(tries = 200)
  void tokenSoupNeverBreaksTheExtractor(@ForAll("soup") String text) {
    Extraction e = extractAll(new InMemorySourceTree().put("nginx.conf", text).put("z/nginx.conf", VALID));
    exercise(e);
    assertThat(e.policies()).anyMatch(p -> p.scope().description().contains("after.example"));
  }

  @Property(tries = 200)
  void truncatedRealConfigurationsParseAndTheNextFileStillYieldsItsPolicies(
      @ForAll @IntRange(min = 0, max = 100_000) int cut) {
    String truncated = REAL.substring(0, cut % (REAL.length() + 1));
    Extraction e = extract(new InMemorySourceTree()
        .put("a/nginx.conf", truncated)
        .put("b/nginx.conf", VALID));
    exercise(e);
    assertThat(e.policies()).anySatisfy(p -> {
      assertThat(p.scope().description()).isEqualTo("server after.example location /after/");
      assertThat(p.respond(Request.actual("/after/", "GET", "https://app.example"))
          .value("Access-Control-Allow-Origin")).contains("https://app.example");
    });
  }

  @Property(tries = 200)
  void mangledRealConfigurationsNeverBreakTheExtractor(@ForAll("mangled") String text) {
    Extraction e = extract(new InMemorySourceTree().put("nginx.conf", text).put("z/nginx.conf", VALID));
    exercise(e);
    assertThat(e.policies()).anyMatch(p -> p.scope().description().contains("after.example"));
  }

  @Property(tries = 50)
  void deepNestingNeverOverflows(@ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll boolean closed) {
    StringBuilder sb = new StringBuilder("server { listen 80;\n");
    sb.append("location /a { if ($x) { ".repeat(depth / 2 + 1));
    if (closed) sb.append("}".repeat(depth + 2));
    Extraction e = extract(new InMemorySourceTree().put("nginx.conf", sb.toString()).put("z/nginx.conf", VALID));
    exercise(e);
    assertThat(e.policies()).anyMatch(p -> p.scope().description().contains("after.example"));
  }

  @Provide
  Arbitrary<String> soup() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("{", "}", ";", "\"", "'", "\\", "#", "$", "(", ")", "~", "~*", "=", "\n", " "),
        Arbitraries.of("server", "http", "location", "if", "map", "limit_except", "add_header", "more_set_headers",
            "proxy_pass", "return", "rewrite", "set", "include", "try_files", "listen", "server_name", "default",
            "content_by_lua_block", "more_clear_headers", "proxy_hide_header", "deny", "auth_basic", "break"),
        Arbitraries.of("$http_origin", "$request_method", "OPTIONS", "204", "always", "*", "/api/", "@app",
            "Access-Control-Allow-Origin", "\"~^https://(a|b)\\.x$\"", "^/(v1|v2)/", "last", "all", "/",
            "'-s' '500'", "\"[unclosed\"", "snippets/*.conf", "/etc/nginx/x.conf", "../../x"),
        Arbitraries.strings().ofMaxLength(6));
    return token.list().ofMaxSize(300).map(ts -> String.join(" ", ts));
  }

  @Provide
  Arbitrary<String> mangled() {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, REAL.length());
    Arbitrary<String> insert = Arbitraries.of("{", "}", ";", "\"", "'", "\\", "#", "", "{{{{", "}}}}", "\"\"'");
    return Combinators.combine(pos, pos, insert).as((a, b, s) -> {
      int from = Math.min(a, b);
      int to = Math.max(a, b);
      return REAL.substring(0, from) + s + REAL.substring(Math.min(REAL.length(), from + (to - from) % 40));
    });
  }
}
