package dev.corslint.ecosystems.nginx;

import static dev.corslint.ecosystems.nginx.NginxTestFiles.extract;
import static dev.corslint.ecosystems.nginx.NginxTestFiles.policy;
import static dev.corslint.ecosystems.nginx.NginxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Extraction;
import dev.corslint.model.Notice;
import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxIncludeResolverTest {

  @TempDir Path root;

  @Test
  void globIncludesAreReadInTheIncludingContextAndNotAsEntries() {
    write(root, "nginx/nginx.conf", """
        events {}
        http {
          map $http_origin $cors { default ""; "https://a.example" $http_origin; }
          include conf.d/*.conf;
        }
        """);
    write(root, "nginx/conf.d/api.conf", """
        server {
          listen 80;
          server_name api.example;
          location /api/ { add_header Access-Control-Allow-Origin $cors always; proxy_pass http://app; }
        }
        """);
    write(root, "nginx/conf.d/web.conf", """
        server {
          listen 80;
          server_name web.example;
          location / { root /srv; }
        }
        """);
    Extraction e = extract(root);
    assertThat(e.notices()).isEmpty();
    assertThat(e.policies()).extracting(p -> p.scope().description())
        .containsExactly("server api.example location /api/", "server web.example location /");
    // the map of nginx.conf is visible to the included server
    assertThat(policy(e, "/api/").respond(Request.actual("/api/", "GET", "https://a.example"))
        .value("Access-Control-Allow-Origin")).contains("https://a.example");
    assertThat(policy(e, "/api/").scope().span().file()).isEqualTo("nginx/conf.d/api.conf");
  }

  @Test
  void aSnippetIncludedInALocationAppliesThere() {
    String snippet = NginxTestFiles.resource("cors-snippet.conf");
    write(root, "etc/snippets/cors.conf", snippet);
    write(root, "etc/nginx.conf", """
        server {
          listen 80;
          location /api/ {
            include snippets/cors.conf;
            proxy_pass http://app;
          }
        }
        """);
    Extraction e = extract(root);
    assertThat(e.policies()).hasSize(1);
    assertThat(e.policies().get(0).respond(Request.actual("/api/", "GET", "https://x.example")).headers())
        .extracting(h -> h.name() + ": " + h.value().get().orElse("?") + " @" + h.value().where().orElseThrow())
        .containsExactly(
            "Access-Control-Allow-Origin: https://x.example @etc/snippets/cors.conf:1:1",
            "Access-Control-Allow-Credentials: true @etc/snippets/cors.conf:2:1",
            "Vary: Origin @etc/snippets/cors.conf:3:1");
  }

  @Test
  void relativeIncludesOfAConfDFragmentStartAtTheConfigurationPrefix() {
    write(root, "deploy/conf.d/default.conf", """
        server {
          listen 80;
          location / { include snippets/cors.conf; }
        }
        """);
    write(root, "deploy/snippets/cors.conf", "add_header Access-Control-Allow-Origin *;\n");
    Extraction e = extract(root);
    assertThat(e.notices()).isEmpty();
    assertThat(e.policies().get(0).respond(Request.actual("/", "GET", "https://x.example"))
        .value("Access-Control-Allow-Origin")).contains("*");
  }

  @Test
  void anAbsolutePathIsMappedOntoTheSameTailNextToTheEntry() {
    write(root, "deploy/nginx/nginx.conf", "http { include /etc/nginx/conf.d/*.conf; }\n");
    write(root, "deploy/nginx/conf.d/x.conf", """
        server { listen 80; location /x/ { add_header Access-Control-Allow-Origin *; } }
        """);
    Extraction e = extract(root);
    assertThat(e.notices()).isEmpty();
    assertThat(e.policies()).extracting(p -> p.scope().description()).containsExactly("server :80 location /x/");
  }

  @Test
  void anAbsolutePathWithoutCounterpartIsRefusedWithANotice() {
    write(root, "nginx.conf", "http {\n  include /opt/vendor/other/*.conf;\n  server { listen 80; }\n}\n");
    Extraction e = extract(root);
    // a glob matching nothing is legal in nginx: a note
    assertThat(e.notices()).containsExactly(Notice.note(
        "absolute include \"/opt/vendor/other/*.conf\" has no counterpart in the repository next to nginx.conf;"
            + " not read", new SourceSpan("nginx.conf", 2, 3, 2, 36)));
    assertThat(e.policies()).hasSize(1);
  }

  @Test
  void aMissingAbsoluteFileIsAWarning() {
    write(root, "nginx.conf", "http {\n  include /etc/nginx/cors/allow.conf;\n  server { listen 80; }\n}\n");
    Extraction e = extract(root);
    assertThat(e.notices()).extracting(Notice::level, Notice::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Notice.Level.WARNING, "absolute include \"/etc/nginx/cors/allow.conf\" "
            + "has no counterpart in the repository next to nginx.conf; not read"));
  }

  @Test
  void anIncludeLoopIsRefusedWithANoticeNamingTheCycle() {
    write(root, "conf/nginx.conf", "http {\n  include a.conf;\n}\n");
    write(root, "conf/a.conf", "include b.conf;\nserver { listen 80; }\n");
    write(root, "conf/b.conf", "include a.conf;\n");
    Extraction e = extract(root);
    assertThat(e.notices()).extracting(Notice::message)
        .containsExactly("include loop conf/a.conf -> conf/b.conf -> conf/a.conf; not followed");
    assertThat(e.notices().get(0).span()).isEqualTo(new SourceSpan("conf/b.conf", 1, 1, 1, 16));
    assertThat(e.policies()).hasSize(1);
  }

  @Test
  void aPathOutsideTheScanRootIsRefused() {
    write(root, "nginx.conf", "http {\n  include ../../../etc/passwd;\n  server { listen 80; }\n}\n");
    Extraction e = extract(root);
    assertThat(e.notices()).extracting(Notice::message)
        .containsExactly("include \"../../../etc/passwd\" is outside the scan root; not read");
    assertThat(e.policies()).hasSize(1);
  }

  @Test
  void aMissingFileIsANotice() {
    write(root, "nginx.conf", "server { listen 80; include missing.conf; }\n");
    Extraction e = extract(root);
    assertThat(e.notices()).extracting(Notice::message)
        .containsExactly("include \"missing.conf\" not found in the repository (looked for missing.conf)");
  }

  @Test
  void includeChainsDeeperThanTheLimitStop() {
    for (int i = 0; i < 30; i++) write(root, "c/f" + i + ".inc", "include f" + (i + 1) + ".inc;\n");
    write(root, "c/nginx.conf", "server { listen 80; include f0.inc; }\n");
    Extraction e = extract(root);
    assertThat(e.notices()).extracting(Notice::message).anyMatch(m -> m.contains("nested deeper than"));
    assertThat(e.policies()).hasSize(1);
  }

  @Test
  void aFileIncludedByTwoServersIsReadInBoth() {
    write(root, "n/cors.inc", "add_header Access-Control-Allow-Origin https://app.example;\n");
    write(root, "n/nginx.conf", """
        http {
          server { listen 80; server_name one; location / { include cors.inc; } }
          server { listen 80; server_name two; location / { include cors.inc; } }
        }
        """);
    Extraction e = extract(root);
    assertThat(e.policies()).hasSize(2);
    for (var p : e.policies()) {
      assertThat(p.respond(Request.actual("/", "GET", "https://app.example")).value(
          "Access-Control-Allow-Origin")).contains("https://app.example");
      assertThat(p.respond(Request.actual("/", "GET", "https://app.example")).status().isKnown()).isTrue();
    }
    assertThat(e.policies().get(0).respond(Request.actual("/", "GET", null)).status())
        .isEqualTo(Value.known(200, new SourceSpan("n/nginx.conf", 2, 40, 2, 52)));
  }
}
