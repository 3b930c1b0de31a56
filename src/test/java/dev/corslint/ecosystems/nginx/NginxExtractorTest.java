package dev.corslint.ecosystems.nginx;

import static dev.corslint.ecosystems.nginx.NginxTestFiles.extract;
import static dev.corslint.ecosystems.nginx.NginxTestFiles.policy;
import static dev.corslint.ecosystems.nginx.NginxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Environment;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NginxExtractorTest {

  @TempDir Path root;

  private static boolean accepts(String relative, String head) {
    return new NginxExtractor().accepts(
        new SourceFile(Path.of("/x/" + relative), relative, head.length()), head.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(Extractor.class).stream().map(ServiceLoader.Provider::type))
        .contains(NginxExtractor.class);
    assertThat(new NginxExtractor().ecosystem()).isEqualTo(Ecosystem.NGINX);
  }

  @Test
  void acceptsNginxFilesByNameAndContent() {
    assertThat(accepts("nginx.conf", "events {}\nhttp {\n")).isTrue();
    assertThat(accepts("deploy/conf.d/api.conf", "server {\n  listen 80;\n")).isTrue();
    assertThat(accepts("etc/sites-enabled/default", "# default site\nserver\n{\n")).isTrue();
    assertThat(accepts("docker/nginx/default", "server {\n")).isTrue();
    assertThat(accepts("templates/default.conf.template", "server { listen ${PORT}; }")).isTrue();
    assertThat(accepts("app.nginx", "location /api/ {\n add_header X 1;\n}")).isTrue();
    assertThat(accepts("conf/locations.conf", "location /api/ {\n  add_header Access-Control-Allow-Origin *;\n}"))
        .isTrue();
    assertThat(accepts("nginx/snippets/cors.conf",
        "add_header Access-Control-Allow-Origin $http_origin;\nadd_header Vary Origin;\n")).isTrue();
  }

  @Test
  void refusesOtherConfFiles() {
    assertThat(accepts("supervisord.conf", "[supervisord]\nnodaemon=true\n[program:web]\ncommand=nginx\n"))
        .isFalse();
    assertThat(accepts("apache/site.conf",
        "<VirtualHost *:80>\n  Header set Access-Control-Allow-Origin \"*\"\n  <Location /api>\n")).isFalse();
    assertThat(accepts("etc/resolv.conf", "nameserver 8.8.8.8\n")).isFalse();
    assertThat(accepts("src/server.js", "server {\n")).isFalse();
    assertThat(accepts("docker/Dockerfile.json", "{\"server\": {}}")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "nginx.dev.conf, DEVELOPMENT",
    "conf/local.conf, DEVELOPMENT",
    "dev/nginx.conf, DEVELOPMENT",
    "deploy/test/nginx.conf, DEVELOPMENT",
    "nginx-development.conf, DEVELOPMENT",
    "nginx.conf, PRODUCTION",
    "test-fixtures/nginx/api.conf, PRODUCTION",
    "deploy/latest/nginx.conf, PRODUCTION",
    "devops/nginx.conf, PRODUCTION"
  })
  void environmentFollowsTheFileName(String file, Environment expected) {
    write(root, file, "server { listen 80; location / { add_header Access-Control-Allow-Origin *; } }\n");
    Extraction e = extract(root);
    assertThat(e.policies()).hasSize(1);
    assertThat(e.policies().get(0).scope().environment()).isEqualTo(expected);
  }

  @Test
  void scopeDescribesServerAndLocation() {
    String conf = """
        http {
          server {
            listen 443 ssl;
            listen 80;
            server_name _ localhost api.example.com www.example.com;
            location /api/ { proxy_pass http://app; }
            location ~* \\.(js|css)$ { root /srv; }
            location = /health { return 200; }
            location ^~ /static/ { root /srv; }
          }
          server {
            listen 8080;
            location / { add_header Access-Control-Allow-Origin *; }
          }
          server {
            server_name "~^(?<sub>.+)\\.example\\.net$";
            location / { }
          }
        }
        """;
    Extraction e = extract(root, conf);
    assertThat(e.policies()).extracting(p -> p.scope().description()).containsExactly(
        "server _ location /api/",
        "server _ location ~* \\.(js|css)$",
        "server _ location = /health",
        "server _ location ^~ /static/",
        "server :8080 location /",
        "server ~^(?<sub>.+)\\.example\\.net$ location /");
    CorsPolicy api = e.policies().get(0);
    assertThat(api.scope().pathPattern()).isEqualTo("/api/");
    assertThat(api.scope().ecosystem()).isEqualTo(Ecosystem.NGINX);
    assertThat(api.scope().span()).isEqualTo(NginxSpans.of("nginx.conf", conf, "location /api/ {"));
    assertThat(api.scope().tls()).isEqualTo(Value.known(true, NginxSpans.of("nginx.conf", conf, "listen 443 ssl;")));
    assertThat(api.scope().host()).isEqualTo(Value.known("api.example.com",
        NginxSpans.of("nginx.conf", conf, "server_name _ localhost api.example.com www.example.com;")));
    CorsPolicy plain = e.policies().get(4);
    assertThat(plain.scope().tls()).isEqualTo(Value.known(false, NginxSpans.of("nginx.conf", conf, "listen 8080;")));
    assertThat(plain.scope().host()).isEqualTo(Value.absent());
    CorsPolicy noListen = e.policies().get(5);
    assertThat(noListen.scope().tls().is(false)).isTrue();
    assertThat(noListen.scope().host()).isEqualTo(Value.absent());
    assertThat(e.policies()).extracting(p -> p.scope().pathPattern())
        .containsExactly("/api/", "~* \\.(js|css)$", "= /health", "^~ /static/", "/", "/");
  }

  @Test
  void samplePathsReachTheirLocation() {
    String conf = """
        server {
          listen 80;
          location / { root /srv; }
          location = / { return 204; }
          location /api/ { proxy_pass http://app; }
          location ~* \\.(js|css)$ { root /srv; }
          location ~ ^/v(1|2)/items/[0-9]+$ { proxy_pass http://app; }
          location ~ "^/x{2}/(?<id>\\d{3})" { proxy_pass http://app; }
        }
        """;
    Extraction e = extract(root, conf);
    assertThat(e.policies()).extracting(CorsPolicy::samplePath)
        .containsExactly("/corslint", "/", "/api/", "/a.js", "/v1/items/1", "/xx/111");
  }

  @Test
  void serverPolicyWhenNoLocationOrWhenTheServerItselfConfiguresCors() {
    write(root, "a/nginx.conf", """
        server { listen 80; server_name bare.example; add_header Access-Control-Allow-Origin *; }
        """);
    write(root, "b/nginx.conf", """
        server {
          listen 80;
          server_name partial.example;
          add_header Access-Control-Allow-Origin *;
          location /api/ { proxy_pass http://app; }
        }
        """);
    write(root, "c/nginx.conf", """
        server {
          listen 80;
          server_name covered.example;
          add_header Access-Control-Allow-Origin *;
          location / { proxy_pass http://app; }
        }
        """);
    Extraction e = extract(root);
    assertThat(e.policies()).extracting(p -> p.scope().description()).containsExactly(
        "server bare.example (requests matching no location)",
        "server partial.example location /api/",
        "server partial.example (requests matching no location)",
        "server covered.example location /");
    CorsPolicy bare = policy(e, "bare.example");
    assertThat(bare.samplePath()).isEqualTo("/");
    assertThat(bare.allowedOrigins()).isInstanceOf(OriginMatcher.Wildcard.class);
    assertThat(policy(e, "partial.example (").samplePath()).isEqualTo("/");
  }

  @Test
  void aConfDFragmentWithTopLevelLocationsIsAnImplicitServerAndASnippetIsNoPolicy() {
    write(root, "conf.d/locations.conf", """
        location /api/ {
          add_header Access-Control-Allow-Origin https://app.example;
          proxy_pass http://app;
        }
        """);
    write(root, "snippets/cors.conf", "add_header Access-Control-Allow-Origin *;\nadd_header Vary Origin;\n");
    Extraction e = extract(root);
    assertThat(e.policies()).extracting(p -> p.scope().description())
        .containsExactly("server (conf.d/locations.conf) location /api/");
    CorsPolicy p = e.policies().get(0);
    assertThat(p.scope().tls()).isEqualTo(Value.absent());
    assertThat(p.respond(Request.actual("/api/", "GET", "https://app.example")).value(
        "Access-Control-Allow-Origin")).contains("https://app.example");
  }

  @Test
  void mapsOfSiblingFragmentsAreShared() {
    write(root, "conf.d/00-maps.conf", """
        map $http_origin $cors { default ""; "https://a.example" $http_origin; }
        """);
    write(root, "conf.d/api.conf", """
        server { listen 80; location / { add_header Access-Control-Allow-Origin $cors; } }
        """);
    Extraction e = extract(root);
    assertThat(e.policies()).hasSize(1);
    assertThat(e.policies().get(0).allowedOrigins()).isEqualTo(new OriginMatcher.Exact("https://a.example",
        new SourceSpan("conf.d/00-maps.conf", 1, 38, 1, 71)));
  }

  @Test
  void aRealisticConfigurationYieldsItsPolicies() {
    write(root, "etc/nginx/nginx.conf", NginxTestFiles.resource("cors-api.conf"));
    write(root, "etc/nginx/mime.types", "types { text/html html; }\n");
    Extraction e = extract(root);
    assertThat(e.notices()).isEmpty();
    assertThat(e.policies()).extracting(p -> p.scope().description()).containsExactly(
        "server api.example.com location /api/",
        "server api.example.com location /public/",
        "server api.example.com location ~* \\.(js|css|png)$",
        "server api.example.com location /lua",
        "server api.example.com (requests matching no location)");
    CorsPolicy api = e.policies().get(0);
    var pre = api.respond(Request.preflight("/api/", "https://www.example.com", "PUT", List.of("authorization")));
    assertThat(pre.status().get()).contains(204);
    assertThat(pre.headers()).extracting(h -> h.name() + ": " + h.value().get().orElse("?")).containsExactly(
        "Access-Control-Allow-Origin: https://www.example.com",
        "Access-Control-Allow-Credentials: true",
        "Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS",
        "Access-Control-Allow-Headers: Authorization, Content-Type",
        "Access-Control-Max-Age: 7200",
        "Vary: Origin");
    assertThat(api.credentials().is(true)).isTrue();
    assertThat(api.allowedOrigins().accepts("https://evil.example").toString()).isEqualTo("NO");
    // the redirecting port-80 server answers preflights with 301
    CorsPolicy redirect = policy(e, "(requests matching no location)");
    assertThat(redirect.scope().tls().is(false)).isTrue();
    assertThat(redirect.respond(Request.preflight("/", "https://www.example.com", "PUT", List.of())).status()
        .get()).contains(301);
    CorsPolicy lua = policy(e, "location /lua");
    assertThat(lua.respond(Request.actual("/lua", "GET", "https://x.example")).status().isUnknown()).isTrue();
  }
}
