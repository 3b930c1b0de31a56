package dev.corslint.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.live.NginxSyntax.Directive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rewriting and the syntax it relies on, without running nginx. */
class LoopbackRewriteTest {

  @Test
  void wordsKeepTheirRawTextAndNginxUnescaping() throws Exception {
    List<Directive> ds =
        NginxSyntax.parse(
            """
            map $http_origin $ok { "~^https://([a-z]+\\\\.)?x\\\\.io$" 1; default ""; }
            location ~* \\.(?:woff2?|ttf)$ { add_header A "${http_origin}" always; return 200 'it\\'s'; }
            """,
            "t.conf");
    assertThat(ds).hasSize(2);
    assertThat(ds.get(0).block().get(0).name()).isEqualTo("~^https://([a-z]+\\.)?x\\.io$");
    assertThat(ds.get(1).args()).containsExactly("~*", "\\.(?:woff2?|ttf)$");
    assertThat(ds.get(1).block().get(0).args()).containsExactly("A", "${http_origin}", "always");
    assertThat(ds.get(1).block().get(1).args()).containsExactly("200", "it's");
    assertThat(ds.get(1).line()).isEqualTo(2);
    assertThat(NginxSyntax.print(NginxSyntax.parse(NginxSyntax.print(ds), "again"))).isEqualTo(NginxSyntax.print(ds));
  }

  @Test
  void portKeysGroupListensByPort() {
    assertThat(LoopbackRewrite.portKey("80")).isEqualTo("80");
    assertThat(LoopbackRewrite.portKey("[::]:443")).isEqualTo("443");
    assertThat(LoopbackRewrite.portKey("[::]")).isEqualTo("80");
    assertThat(LoopbackRewrite.portKey("10.0.0.1:8080")).isEqualTo("8080");
    assertThat(LoopbackRewrite.portKey("example.com")).isEqualTo("80");
    assertThat(LoopbackRewrite.portKey("unix:/run/x.sock")).isEqualTo("unix:/run/x.sock");
  }

  @Test
  void proxyTargetsGoToTheStubButUpstreamNamesStay(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("a.conf"),
        """
        upstream backend { server app:3000 weight=2 resolve; }
        server {
            listen 443 ssl;
            location /a/ { proxy_pass https://app.internal:8443/v1/; }
            location /b/ { proxy_pass http://unix:/run/app.sock:/sub/; }
            location /c/ { proxy_pass http://backend; }
            location /d/ { fastcgi_pass php:9000; }
            location /e/ { root /var/www/e; }
        }
        """);
    AtomicInteger ports = new AtomicInteger(40000);
    LoopbackRewrite.Result r =
        new LoopbackRewrite(dir, dir.resolve("prefix"), 5555, ports::incrementAndGet, Path.of("/nonexistent"))
            .rewrite("a.conf");
    assertThat(r.config())
        .contains("server 127.0.0.1:5555 weight=2;")
        .contains("listen 127.0.0.1:40001;")
        .contains("proxy_pass http://127.0.0.1:5555/v1/;")
        .contains("proxy_pass http://127.0.0.1:5555/sub/;")
        .contains("proxy_pass http://backend;")
        .contains("proxy_pass http://127.0.0.1:5555;")
        .contains("root " + dir.resolve("prefix/www/root0") + ";")
        .contains("events {")
        .doesNotContain("ssl", "resolve", "fastcgi_pass", "/var/www");
    assertThat(r.servers()).singleElement().satisfies(s -> {
      assertThat(s.line()).isEqualTo(2);
      assertThat(s.endLine()).isEqualTo(9);
      assertThat(s.listens()).containsExactly(new LoopbackRewrite.Listen("443 ssl", 40001, false));
      assertThat(s.defaultForPort()).isTrue();
      assertThat(s.requestHost()).isEqualTo("unnamed.corslint.invalid");
    });
  }

  @Test
  void hostsSelectServersByExactWildcardRegexOrDefault(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("names.conf"),
        """
        server { listen 80; server_name ~^(?<tenant>[a-z0-9-]+)\\.apps\\.example\\.com$; }
        server { listen 80 default_server; server_name _; }
        server { listen 80; server_name *.cdn.example.com; }
        server { listen 80; }
        server { listen 8080; }
        """);
    AtomicInteger ports = new AtomicInteger(41000);
    List<LoopbackRewrite.Server> servers =
        new LoopbackRewrite(dir, dir.resolve("prefix"), 5555, ports::incrementAndGet, Path.of("/nonexistent"))
            .rewrite("names.conf")
            .servers();
    assertThat(servers).extracting(LoopbackRewrite.Server::requestHost)
        .containsExactly(
            "app.apps.example.com", "unnamed.corslint.invalid", "app.cdn.example.com", null, "unnamed.corslint.invalid");
    assertThat(ServerNames.exampleForRegex("^(www\\.)?(shop|store)\\.example\\.(com|net)$")).isEqualTo("www.shop.example.com");
  }
}
