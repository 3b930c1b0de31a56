package dev.corslint.ecosystems.nginx;

import static dev.corslint.ecosystems.nginx.NginxTestFiles.extract;
import static dev.corslint.ecosystems.nginx.NginxTestFiles.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.HeaderRemoval;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.ShadowedHeader;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nginx behaviours of SEMANTICS.md, asserted response by response. */
class NginxPolicyTest {

  private static final String FILE = "nginx.conf";
  private static final String ORIGIN = "https://app.example.com";

  @TempDir Path root;

  private SourceSpan at(String text, String snippet) {
    return NginxSpans.of(FILE, text, snippet);
  }

  private static HeaderLine line(String name, String value, SourceSpan span) {
    return new HeaderLine(name, Value.known(value, span), "nginx");
  }

  private static Request preflight(String path) {
    return Request.preflight(path, ORIGIN, "PUT", List.of("content-type"));
  }

  @Test
  void limitExceptWithoutOptionsAnswersPreflightsWith403BeforeTheIfRuns() {
    String conf = """
        http {
          server {
            listen 80;
            location /api/ {
              add_header Access-Control-Allow-Origin https://app.example.com always;
              if ($request_method = OPTIONS) {
                return 204;
              }
              limit_except GET POST PUT {
                deny all;
              }
              proxy_pass http://127.0.0.1:8080;
            }
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /api/");
    Response r = p.respond(preflight("/api/"));
    assertThat(r).isEqualTo(new Response(
        Value.known(403, at(conf, "limit_except GET POST PUT {")),
        List.of(line("Access-Control-Allow-Origin", ORIGIN,
            at(conf, "add_header Access-Control-Allow-Origin https://app.example.com always;")))));
    SourceSpan limit = at(conf, "limit_except GET POST PUT {");
    assertThat(p.usages()).containsExactly(
        new Usage(Usage.Kind.METHOD, "GET", limit, "limit_except allows GET"),
        new Usage(Usage.Kind.METHOD, "POST", limit, "limit_except allows POST"),
        new Usage(Usage.Kind.METHOD, "PUT", limit, "limit_except allows PUT"));
    // allowed methods still reach the upstream
    assertThat(p.respond(Request.actual("/api/", "PUT", ORIGIN)).status().get()).contains(200);
  }

  @Test
  void limitExceptListingOptionsBringsThe204Back() {
    String conf = """
        server {
          listen 80;
          location /api/ {
            if ($request_method = OPTIONS) { return 204; }
            limit_except GET OPTIONS { deny all; }
            proxy_pass http://app;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /api/");
    assertThat(p.respond(preflight("/api/")).status())
        .isEqualTo(Value.known(204, at(conf, "return 204;")));
    // HEAD rides with GET; DELETE is refused
    assertThat(p.respond(Request.actual("/api/", "HEAD", ORIGIN)).status().get()).contains(200);
    assertThat(p.respond(Request.actual("/api/", "DELETE", ORIGIN)).status())
        .isEqualTo(Value.known(403, at(conf, "limit_except GET OPTIONS {")));
  }

  @Test
  void theClassicOptionsBranchAnswersWithoutAllowOriginAndReportsWhatItShadowed() {
    String conf = """
        server {
          listen 80;
          add_header X-Frame-Options DENY;
          location /api/ {
            add_header Access-Control-Allow-Origin https://app.example.com;
            add_header Access-Control-Allow-Methods "GET, PUT";
            if ($request_method = OPTIONS) {
              add_header Access-Control-Max-Age 1728000;
              return 204;
            }
            proxy_pass http://app;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /api/");
    SourceSpan maxAge = at(conf, "add_header Access-Control-Max-Age 1728000;");
    Response pre = p.respond(preflight("/api/"));
    assertThat(pre).isEqualTo(new Response(
        Value.known(204, at(conf, "return 204;")),
        List.of(line("Access-Control-Max-Age", "1728000", maxAge)),
        List.of(
            new ShadowedHeader("Access-Control-Allow-Origin",
                at(conf, "add_header Access-Control-Allow-Origin https://app.example.com;"), maxAge),
            new ShadowedHeader("Access-Control-Allow-Methods",
                at(conf, "add_header Access-Control-Allow-Methods \"GET, PUT\";"), maxAge),
            new ShadowedHeader("X-Frame-Options", at(conf, "add_header X-Frame-Options DENY;"), maxAge)),
        List.of()));

    Response get = p.respond(Request.actual("/api/", "GET", ORIGIN));
    SourceSpan acao = at(conf, "add_header Access-Control-Allow-Origin https://app.example.com;");
    assertThat(get.status()).isEqualTo(Value.known(200, at(conf, "proxy_pass http://app;")));
    assertThat(get.headers()).containsExactly(
        line("Access-Control-Allow-Origin", ORIGIN, acao),
        line("Access-Control-Allow-Methods", "GET, PUT", at(conf, "add_header Access-Control-Allow-Methods \"GET, PUT\";")));
    assertThat(get.shadowed()).containsExactly(
        new ShadowedHeader("X-Frame-Options", at(conf, "add_header X-Frame-Options DENY;"), acao));
  }

  @Test
  void withoutAlwaysAnUpstreamErrorCarriesNoCorsHeadersAndWithAlwaysItDoes() {
    String conf = """
        server {
          listen 80;
          location /plain/ {
            add_header Access-Control-Allow-Origin https://app.example.com;
            proxy_pass http://app;
          }
          location /always/ {
            add_header Access-Control-Allow-Origin https://app.example.com always;
            proxy_pass http://app;
          }
        }
        """;
    Extraction e = extract(root, conf);
    Request failing = Request.actual("/plain/", "GET", ORIGIN).withHandlerStatus(500);
    Response plain = policy(e, "location /plain/").respond(failing);
    assertThat(plain).isEqualTo(new Response(
        Value.known(500, NginxSpans.nth(FILE, conf, "proxy_pass http://app;", 0)), List.of()));
    Response always = policy(e, "location /always/").respond(failing.withPath("/always/"));
    assertThat(always).isEqualTo(new Response(
        Value.known(500, NginxSpans.nth(FILE, conf, "proxy_pass http://app;", 1)),
        List.of(line("Access-Control-Allow-Origin", ORIGIN,
            at(conf, "add_header Access-Control-Allow-Origin https://app.example.com always;")))));
    for (int status : List.of(200, 201, 204, 206, 301, 302, 303, 304, 307, 308)) {
      assertThat(policy(e, "location /plain/").respond(failing.withHandlerStatus(status)).has(
          "Access-Control-Allow-Origin")).as("status %d", status).isTrue();
    }
    for (int status : List.of(202, 400, 401, 403, 404, 405, 502)) {
      assertThat(policy(e, "location /plain/").respond(failing.withHandlerStatus(status)).has(
          "Access-Control-Allow-Origin")).as("status %d", status).isFalse();
    }
  }

  @Test
  void aMapWithAnEmptyDefaultSendsNothingToARefusedOrigin() {
    String conf = """
        http {
          map $http_origin $cors_origin {
            default "";
            "~^https://(www\\.)?example\\.com$" $http_origin;
            "https://admin.example.com" $http_origin;
            "https://partner.example" "https://partner.example";
          }
          server {
            listen 443 ssl;
            server_name api.example.com;
            location /api/ {
              add_header Access-Control-Allow-Origin $cors_origin always;
              add_header Vary Origin always;
              proxy_pass http://app;
            }
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /api/");
    SourceSpan acao = at(conf, "add_header Access-Control-Allow-Origin $cors_origin always;");
    SourceSpan vary = at(conf, "add_header Vary Origin always;");
    assertThat(p.respond(Request.actual("/api/", "GET", "https://evil.example")).headers())
        .containsExactly(line("Vary", "Origin", vary));
    assertThat(p.respond(Request.actual("/api/", "GET", "https://www.example.com")).headers())
        .containsExactly(line("Access-Control-Allow-Origin", "https://www.example.com", acao),
            line("Vary", "Origin", vary));
    // exact map keys compare case-insensitively
    assertThat(p.respond(Request.actual("/api/", "GET", "https://ADMIN.example.com")).value(
        "Access-Control-Allow-Origin")).contains("https://ADMIN.example.com");
    assertThat(p.respond(Request.actual("/api/", "GET", null)).has("Access-Control-Allow-Origin")).isFalse();

    OriginMatcher m = p.allowedOrigins();
    assertThat(m.leaves()).hasSize(3);
    OriginMatcher.Regex regex = (OriginMatcher.Regex) m.leaves().stream()
        .filter(l -> l instanceof OriginMatcher.Regex).findFirst().orElseThrow();
    assertThat(regex.regex().source()).isEqualTo("^https://(www\\.)?example\\.com$");
    assertThat(regex.regex().flavor()).isEqualTo(RegexFlavor.PCRE);
    assertThat(regex.regex().mode()).isEqualTo(RegexFlavor.Mode.SEARCH);
    assertThat(regex.span()).isEqualTo(at(conf, "\"~^https://(www\\.)?example\\.com$\" $http_origin;"));
    assertThat(m.leaves()).contains(
        new OriginMatcher.Exact("https://admin.example.com", at(conf, "\"https://admin.example.com\" $http_origin;")),
        new OriginMatcher.Exact("https://partner.example",
            at(conf, "\"https://partner.example\" \"https://partner.example\";")));
    assertThat(m.accepts("https://example.com")).isEqualTo(Tri.YES);
    assertThat(m.accepts("https://example.com.attacker.example")).isEqualTo(Tri.NO);
    assertThat(m.accepts("https://evil.example")).isEqualTo(Tri.NO);
    assertThat(p.credentials()).isEqualTo(Value.absent());
  }

  @Test
  void aMapDefaultingToTheOriginIsReflection() {
    String conf = """
        http {
          map $http_origin $cors { default $http_origin; }
          server {
            listen 80;
            location / {
              add_header Access-Control-Allow-Origin $cors;
              add_header Access-Control-Allow-Credentials true;
            }
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /");
    assertThat(p.allowedOrigins())
        .isEqualTo(new OriginMatcher.Reflect(at(conf, "default $http_origin;")));
    assertThat(p.credentials())
        .isEqualTo(Value.known(true, at(conf, "add_header Access-Control-Allow-Credentials true;")));
  }

  @Test
  void twoAddHeaderLinesForAllowOriginAreTwoHeaderLines() {
    String conf = """
        server {
          listen 80;
          location /api/ {
            add_header Access-Control-Allow-Origin *;
            add_header Access-Control-Allow-Origin $http_origin;
            proxy_pass http://app;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /api/");
    Response r = p.respond(Request.actual("/api/", "GET", ORIGIN));
    assertThat(r.all("Access-Control-Allow-Origin")).containsExactly(
        line("Access-Control-Allow-Origin", "*", at(conf, "add_header Access-Control-Allow-Origin *;")),
        line("Access-Control-Allow-Origin", ORIGIN, at(conf, "add_header Access-Control-Allow-Origin $http_origin;")));
    assertThat(p.allowedOrigins().leaves()).containsExactly(
        new OriginMatcher.Wildcard(at(conf, "add_header Access-Control-Allow-Origin *;")),
        new OriginMatcher.Reflect(at(conf, "add_header Access-Control-Allow-Origin $http_origin;")));
  }

  @Test
  void moreSetHeadersSurvivesInheritanceAndErrorStatuses() {
    String conf = """
        server {
          listen 80;
          more_set_headers 'Access-Control-Allow-Origin: https://app.example.com';
          add_header X-Server-Level yes;
          location /api/ {
            add_header X-Location-Level yes;
            more_set_headers -s '404 500' 'X-Error-Only: 1';
            proxy_pass http://app;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /api/");
    SourceSpan more = at(conf, "more_set_headers 'Access-Control-Allow-Origin: https://app.example.com';");
    Response ok = p.respond(Request.actual("/api/", "GET", ORIGIN));
    assertThat(ok.headers()).containsExactly(
        line("Access-Control-Allow-Origin", ORIGIN, more),
        line("X-Location-Level", "yes", at(conf, "add_header X-Location-Level yes;")));
    Response error = p.respond(Request.actual("/api/", "GET", ORIGIN).withHandlerStatus(500));
    assertThat(error.headers()).containsExactly(
        line("Access-Control-Allow-Origin", ORIGIN, more),
        line("X-Error-Only", "1", at(conf, "more_set_headers -s '404 500' 'X-Error-Only: 1';")));
    assertThat(p.allowedOrigins()).isEqualTo(new OriginMatcher.Exact(ORIGIN, more));
  }

  @Test
  void proxyHideHeaderAndMoreClearHeadersAreRemovals() {
    String conf = """
        server {
          listen 80;
          location /api/ {
            proxy_hide_header Access-Control-Allow-Origin;
            proxy_hide_header X-Powered-By;
            more_clear_headers 'Access-Control-*';
            proxy_pass http://app;
          }
          location /static/ {
            proxy_hide_header Access-Control-Allow-Origin;
            root /srv;
          }
        }
        """;
    Extraction e = extract(root, conf);
    Response r = policy(e, "location /api/").respond(Request.actual("/api/", "GET", ORIGIN));
    assertThat(r.removed()).containsExactly(
        new HeaderRemoval("Access-Control-*", at(conf, "more_clear_headers 'Access-Control-*';")),
        new HeaderRemoval("Access-Control-Allow-Origin",
            NginxSpans.nth(FILE, conf, "proxy_hide_header Access-Control-Allow-Origin;", 0)));
    // proxy_hide_header only acts on proxied responses
    assertThat(policy(e, "location /static/").respond(Request.actual("/static/", "GET", ORIGIN)).removed())
        .isEmpty();
  }

  @Test
  void staticContentRefusesOptionsWith405() {
    String conf = """
        server {
          listen 80;
          location /files/ {
            add_header Access-Control-Allow-Origin *;
            root /srv;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /files/");
    SourceSpan loc = at(conf, "location /files/ {");
    assertThat(p.respond(preflight("/files/"))).isEqualTo(new Response(Value.known(405, loc), List.of()));
    assertThat(p.respond(Request.actual("/files/", "POST", ORIGIN)).status()).isEqualTo(Value.known(405, loc));
    Response get = p.respond(Request.actual("/files/", "GET", ORIGIN).withHandlerStatus(200));
    assertThat(get.status()).isEqualTo(Value.known(200, loc));
    assertThat(get.value("Access-Control-Allow-Origin")).contains("*");
  }

  @Test
  void anIfGuardOnTheOriginBecomesARegexMatcher() {
    String conf = """
        server {
          listen 80;
          location / {
            set $cors '';
            if ($http_origin ~* '^https://([a-z0-9-]+\\.)?trusted\\.example$') {
              set $cors $http_origin;
            }
            add_header Access-Control-Allow-Origin $cors always;
            add_header Access-Control-Allow-Credentials true always;
            proxy_pass http://app;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /");
    OriginMatcher.Regex m = (OriginMatcher.Regex) p.allowedOrigins();
    assertThat(m.span()).isEqualTo(at(conf, "'^https://([a-z0-9-]+\\.)?trusted\\.example$'"));
    assertThat(m.accepts("https://API.Trusted.example")).isEqualTo(Tri.YES);
    assertThat(m.accepts("https://trusted.example.evil")).isEqualTo(Tri.NO);
    assertThat(p.respond(Request.actual("/", "GET", "https://evil.example")).headers()).containsExactly(
        line("Access-Control-Allow-Credentials", "true",
            at(conf, "add_header Access-Control-Allow-Credentials true always;")));
    assertThat(p.respond(Request.actual("/", "GET", "https://a.trusted.example")).value(
        "Access-Control-Allow-Origin")).contains("https://a.trusted.example");
  }

  @Test
  void anUnguardedEchoIsReflection() {
    String conf = """
        server {
          listen 80;
          location / {
            add_header Access-Control-Allow-Origin $http_origin always;
            proxy_pass http://app;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /");
    assertThat(p.allowedOrigins()).isEqualTo(
        new OriginMatcher.Reflect(at(conf, "add_header Access-Control-Allow-Origin $http_origin always;")));
    assertThat(p.respond(Request.actual("/", "GET", "null").withHandlerStatus(403)).value(
        "Access-Control-Allow-Origin")).contains("null");
  }

  @Test
  void whenSeveralIfsMatchTheLastOnesHeadersApplyAndAllTheirCodeRuns() {
    String conf = """
        server {
          listen 80;
          location /api/ {
            add_header X-Level location;
            if ($http_origin) {
              set $marker first;
              add_header X-Level first-if;
            }
            if ($request_method = GET) {
              add_header X-Level second-if;
              add_header X-Marker $marker;
            }
            proxy_pass http://app;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /api/");
    Response r = p.respond(Request.actual("/api/", "GET", ORIGIN));
    assertThat(r.headers()).containsExactly(
        line("X-Level", "second-if", at(conf, "add_header X-Level second-if;")),
        line("X-Marker", "first", at(conf, "add_header X-Marker $marker;")));
    // the content handler of the location still answers from inside the if
    assertThat(r.status()).isEqualTo(Value.known(200, at(conf, "proxy_pass http://app;")));
  }

  @Test
  void serverLevelReturnAnswersBeforeAnyLocationWithServerHeaders() {
    String conf = """
        server {
          listen 80;
          add_header Access-Control-Allow-Origin https://app.example.com always;
          if ($request_method = OPTIONS) {
            return 204;
          }
          location /api/ {
            add_header X-Api yes;
            proxy_pass http://app;
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /api/");
    assertThat(p.respond(preflight("/api/"))).isEqualTo(new Response(
        Value.known(204, at(conf, "return 204;")),
        List.of(line("Access-Control-Allow-Origin", ORIGIN,
            at(conf, "add_header Access-Control-Allow-Origin https://app.example.com always;")))));
    Response get = p.respond(Request.actual("/api/", "GET", ORIGIN));
    assertThat(get.headers()).containsExactly(line("X-Api", "yes", at(conf, "add_header X-Api yes;")));
    assertThat(get.shadowed()).containsExactly(new ShadowedHeader("Access-Control-Allow-Origin",
        at(conf, "add_header Access-Control-Allow-Origin https://app.example.com always;"),
        at(conf, "add_header X-Api yes;")));
  }

  @Test
  void addHeaderInAServerLevelIfIsRefusedWithANotice() {
    String conf = """
        server {
          listen 80;
          if ($request_method = OPTIONS) {
            add_header Access-Control-Allow-Origin *;
            return 204;
          }
        }
        """;
    Extraction e = extract(root, conf);
    assertThat(e.notices()).anyMatch(n -> n.message().contains("not allowed in an if block at server level")
        && n.span().equals(at(conf, "add_header Access-Control-Allow-Origin *;")));
    assertThat(e.policies()).hasSize(1);
    assertThat(e.policies().get(0).respond(preflight("/")).headers()).isEmpty();
  }

  @Test
  void nestedLocationsInheritHeadersButNotTheUpstream() {
    String conf = """
        server {
          listen 80;
          location /api/ {
            add_header Access-Control-Allow-Origin https://app.example.com;
            proxy_pass http://app;
            location /api/files/ {
              root /srv;
            }
            location /api/admin/ {
              add_header X-Admin 1;
              proxy_pass http://admin;
            }
          }
        }
        """;
    Extraction e = extract(root, conf);
    assertThat(e.policies()).extracting(p -> p.scope().description()).containsExactly(
        "server :80 location /api/", "server :80 location /api/files/", "server :80 location /api/admin/");
    Response files = policy(e, "location /api/files/").respond(Request.actual("/api/files/a", "POST", ORIGIN));
    assertThat(files.status()).isEqualTo(Value.known(405, at(conf, "location /api/files/ {")));
    assertThat(policy(e, "location /api/files/").respond(Request.actual("/api/files/a", "GET", ORIGIN))
        .value("Access-Control-Allow-Origin")).contains(ORIGIN);
    Response admin = policy(e, "location /api/admin/").respond(Request.actual("/api/admin/", "GET", ORIGIN));
    assertThat(admin.has("Access-Control-Allow-Origin")).isFalse();
    assertThat(admin.shadowed()).extracting(ShadowedHeader::name).containsExactly("Access-Control-Allow-Origin");
  }

  @Test
  void rewriteLastMovesTheRequestToTheLocationThatAnswers() {
    String conf = """
        server {
          listen 80;
          location /old/ {
            add_header X-Old 1;
            rewrite ^/old/(.*)$ /new/$1 last;
          }
          location /new/ {
            add_header Access-Control-Allow-Origin *;
            proxy_pass http://app;
          }
          location /moved/ {
            rewrite ^ https://elsewhere.example/ permanent;
          }
        }
        """;
    Extraction e = extract(root, conf);
    Response r = policy(e, "location /old/").respond(Request.actual("/old/x", "GET", ORIGIN));
    assertThat(r.status()).isEqualTo(Value.known(200, at(conf, "proxy_pass http://app;")));
    assertThat(r.headers()).containsExactly(
        line("Access-Control-Allow-Origin", "*", at(conf, "add_header Access-Control-Allow-Origin *;")));
    assertThat(policy(e, "location /moved/").respond(Request.actual("/moved/", "GET", ORIGIN)).status())
        .isEqualTo(Value.known(301, at(conf, "rewrite ^ https://elsewhere.example/ permanent;")));
  }

  @Test
  void tryFilesFallsBackToANamedLocation() {
    String conf = """
        server {
          listen 80;
          location / {
            try_files $uri @app;
          }
          location @app {
            add_header Access-Control-Allow-Origin https://app.example.com always;
            proxy_pass http://app;
          }
        }
        """;
    Extraction e = extract(root, conf);
    assertThat(e.policies()).extracting(p -> p.scope().description()).containsExactly("server :80 location /");
    Response r = e.policies().get(0).respond(preflight("/"));
    assertThat(r.status()).isEqualTo(Value.known(200, at(conf, "proxy_pass http://app;")));
    assertThat(r.value("Access-Control-Allow-Origin")).contains(ORIGIN);
  }

  @Test
  void accessRulesAndBasicAuthAnswerAfterTheRewritePhase() {
    String conf = """
        server {
          listen 80;
          location /private/ {
            add_header Access-Control-Allow-Origin https://app.example.com always;
            if ($request_method = OPTIONS) { return 204; }
            auth_basic "closed";
            proxy_pass http://app;
          }
          location /denied/ {
            deny all;
            proxy_pass http://app;
          }
        }
        """;
    Extraction e = extract(root, conf);
    CorsPolicy priv = policy(e, "location /private/");
    assertThat(priv.respond(preflight("/private/")).status()).isEqualTo(Value.known(204, at(conf, "return 204;")));
    assertThat(priv.respond(Request.actual("/private/", "GET", ORIGIN)).status())
        .isEqualTo(Value.known(401, at(conf, "auth_basic \"closed\";")));
    assertThat(priv.respond(Request.actual("/private/", "GET", ORIGIN).withCredentials(true)).status())
        .isEqualTo(Value.known(401, at(conf, "auth_basic \"closed\";")));
    Request withAuthorization = new Request("/private/", "GET", ORIGIN, null, List.of("authorization"), true, 200);
    assertThat(priv.respond(withAuthorization).status())
        .isEqualTo(Value.known(200, NginxSpans.nth(FILE, conf, "proxy_pass http://app;", 0)));
    assertThat(policy(e, "location /denied/").respond(preflight("/denied/")).status())
        .isEqualTo(Value.known(403, at(conf, "deny all;")));
  }

  @Test
  void valuesFromUnknownVariablesAreUnknownAndEmptyValuesAreNotSent() {
    String conf = """
        server {
          listen 80;
          location / {
            add_header Access-Control-Allow-Origin $cors_from_env;
            add_header X-Empty "";
            add_header X-Request-Id $request_id;
            proxy_pass http://app;
          }
        }
        """;
    Extraction e = extract(root, conf);
    assertThat(e.notices()).containsExactly(dev.corslint.model.Notice.note(
        "$cors_from_env is not defined in the scanned configuration (nginx refuses unknown variables; in a "
            + "template it is a placeholder); the header value is unknown",
        at(conf, "add_header Access-Control-Allow-Origin $cors_from_env;")));
    CorsPolicy p = policy(e, "location /");
    Response r = p.respond(Request.actual("/", "GET", ORIGIN));
    assertThat(r.headers()).extracting(HeaderLine::name)
        .containsExactly("Access-Control-Allow-Origin", "X-Request-Id");
    assertThat(r.headers().get(0).value().isUnknown()).isTrue();
    assertThat(r.headers().get(0).value().where())
        .contains(at(conf, "add_header Access-Control-Allow-Origin $cors_from_env;"));
    assertThat(p.allowedOrigins()).isInstanceOf(OriginMatcher.Opaque.class);
  }

  @Test
  void anUndecidableConditionMakesTheStatusUnknownButKeepsTheHeaders() {
    String conf = """
        server {
          listen 80;
          location / {
            add_header Access-Control-Allow-Origin * always;
            if (-f $request_filename) { return 404; }
            proxy_pass http://app;
          }
        }
        """;
    Response r = policy(extract(root, conf), "location /").respond(Request.actual("/", "GET", ORIGIN));
    assertThat(r.status().isUnknown()).isTrue();
    assertThat(r.status().where()).contains(at(conf, "if (-f $request_filename) {"));
    assertThat(r.value("Access-Control-Allow-Origin")).contains("*");
  }

  @Test
  void aRegexThatCannotBeCompiledIsOpaqueWithANotice() {
    String conf = """
        http {
          map $http_origin $cors {
            default "";
            "~^https://(?<sub>[a-z]+\\.example$" $http_origin;
          }
          server {
            listen 80;
            location / { add_header Access-Control-Allow-Origin $cors; }
          }
        }
        """;
    Extraction e = extract(root, conf);
    assertThat(e.notices()).anyMatch(n -> n.message().contains("cannot be analysed")
        && n.span().line() == 4);
    assertThat(policy(e, "location /").allowedOrigins()).isInstanceOf(OriginMatcher.Opaque.class);
  }

  @Test
  void interceptedUpstreamErrorsAreServedByTheErrorPageLocationWithItsHeaders() {
    String conf = """
        server {
          listen 80;
          error_page 500 502 /50x.html;
          location = /50x.html {
            root /usr/share/nginx/html;
            internal;
          }
          location /api/ {
            add_header Access-Control-Allow-Origin https://app.example.com always;
            proxy_intercept_errors on;
            proxy_pass http://app;
          }
          location /raw/ {
            add_header Access-Control-Allow-Origin https://app.example.com always;
            proxy_pass http://app;
          }
        }
        """;
    Extraction e = extract(root, conf);
    // the internal location is reachable only through error_page: no policy of its own
    assertThat(e.policies()).extracting(p -> p.scope().pathPattern()).containsExactly("/api/", "/raw/");
    Response api = policy(e, "location /api/").respond(Request.actual("/api/", "GET", ORIGIN).withHandlerStatus(502));
    // error_page decided what the browser gets: it is the line the status points at
    assertThat(api).isEqualTo(new Response(
        Value.known(502, NginxSpans.of(FILE, conf, "error_page 500 502 /50x.html;")), List.of()));
    // without interception the upstream's answer passes, with the location's headers
    Response raw = policy(e, "location /raw/").respond(Request.actual("/raw/", "GET", ORIGIN).withHandlerStatus(502));
    assertThat(raw.value("Access-Control-Allow-Origin")).contains(ORIGIN);
    // a 404 from the upstream has no error_page: it passes too
    assertThat(policy(e, "location /api/").respond(Request.actual("/api/", "GET", ORIGIN).withHandlerStatus(404))
        .value("Access-Control-Allow-Origin")).contains(ORIGIN);
  }

  @Test
  void errorPageWithAnOverrideTurnsTheStatic405Into200() {
    String conf = """
        server {
          listen 80;
          location /static/ {
            add_header Access-Control-Allow-Origin *;
            error_page 405 =200 $uri;
            root /srv;
          }
        }
        """;
    Response r = policy(extract(root, conf), "location /static/").respond(preflight("/static/"));
    assertThat(r).isEqualTo(new Response(
        Value.known(200, at(conf, "error_page 405 =200 $uri;")),
        List.of(line("Access-Control-Allow-Origin", "*", at(conf, "add_header Access-Control-Allow-Origin *;")))));
  }

  @Test
  void moreSetHeadersWithATypeFilterIsConditional() {
    String conf = """
        server {
          listen 80;
          location / {
            more_set_headers -t 'application/json' 'Access-Control-Allow-Origin: *';
            proxy_pass http://app;
          }
        }
        """;
    Response r = policy(extract(root, conf), "location /").respond(Request.actual("/", "GET", ORIGIN));
    assertThat(r.headers()).hasSize(1);
    assertThat(r.headers().get(0).value().isUnknown()).isTrue();
  }

  @Test
  void tryFilesFallsBackToAnApplicationUri() {
    String conf = """
        server {
          listen 80;
          root /var/www/public;
          location / {
            try_files $uri $uri/ /index.php?$query_string;
          }
          location ~ \\.php$ {
            add_header Access-Control-Allow-Origin https://app.example.com always;
            fastcgi_pass unix:/run/php/php-fpm.sock;
          }
        }
        """;
    Extraction e = extract(root, conf);
    Response r = policy(e, "location /").respond(preflight("/api/users"));
    assertThat(r).isEqualTo(new Response(
        Value.known(200, at(conf, "fastcgi_pass unix:/run/php/php-fpm.sock;")),
        List.of(line("Access-Control-Allow-Origin", ORIGIN,
            at(conf, "add_header Access-Control-Allow-Origin https://app.example.com always;")))));
  }

  @Test
  void aRewriteCycleEndsIn500() {
    String conf = """
        server {
          listen 80;
          location /a/ { rewrite ^/a/(.*)$ /b/$1 last; }
          location /b/ { rewrite ^/b/(.*)$ /a/$1 last; }
        }
        """;
    Response r = policy(extract(root, conf), "location /a/").respond(Request.actual("/a/x", "GET", ORIGIN));
    assertThat(r.status().get()).contains(500);
  }

  @Test
  void gzipVaryMarksNginxsOwnErrorPagesOnly() {
    String conf = """
        http {
          gzip on;
          gzip_vary on;
          server {
            listen 80;
            location /hooks/ {
              limit_except POST { deny all; }
              proxy_pass http://app;
            }
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /hooks/");
    assertThat(p.respond(Request.actual("/hooks/", "GET", ORIGIN))).isEqualTo(new Response(
        Value.known(403, at(conf, "limit_except POST {")),
        List.of(line("Vary", "Accept-Encoding", at(conf, "gzip_vary on;")))));
    // the upstream's answer has a type and length corslint does not know: no Vary is predicted
    assertThat(p.respond(Request.actual("/hooks/", "POST", ORIGIN)).headers()).isEmpty();
  }

  @Test
  void namedCapturesOfAServerNameRegexAreUnknown() {
    String conf = """
        server {
          listen 80;
          server_name ~^(?<tenant>[a-z0-9-]+)\\.api\\.example\\.com$;
          location / {
            add_header Access-Control-Allow-Origin "https://$tenant.app.example.com" always;
            proxy_pass http://app;
          }
        }
        """;
    Extraction e = extract(root, conf);
    assertThat(e.notices()).isEmpty();
    CorsPolicy p = policy(e, "location /");
    HeaderLine acao = p.respond(Request.actual("/", "GET", ORIGIN)).first("Access-Control-Allow-Origin").orElseThrow();
    assertThat(acao.value()).isEqualTo(Value.unknown("$tenant is captured from the Host header by a server_name regex",
        at(conf, "add_header Access-Control-Allow-Origin \"https://$tenant.app.example.com\" always;")));
    assertThat(p.allowedOrigins()).isInstanceOf(OriginMatcher.Opaque.class);
  }

  @Test
  void declaredHeadersShowAnOptionsBranchThatLimitExceptMakesUnreachable() {
    String conf = """
        http {
          server {
            listen 80;
            location /orders/ {
              limit_except GET POST { deny all; }
              if ($request_method = OPTIONS) {
                add_header Access-Control-Allow-Origin $http_origin always;
                add_header Access-Control-Allow-Methods "GET, POST, PUT" always;
                return 204;
              }
              add_header Access-Control-Allow-Origin https://app.example.com always;
              proxy_pass http://orders:8000;
            }
          }
        }
        """;
    CorsPolicy p = policy(extract(root, conf), "location /orders/");
    assertThat(p.respond(preflight("/orders/")).status().get()).contains(403);
    assertThat(p.declaredHeaders()).extracting(HeaderLine::name, h -> h.value().get().orElse("?"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Access-Control-Allow-Origin", "?"),
            org.assertj.core.groups.Tuple.tuple("Access-Control-Allow-Methods", "GET, POST, PUT"),
            org.assertj.core.groups.Tuple.tuple("Access-Control-Allow-Origin", "https://app.example.com"));
  }

  @Test
  void servesFollowsNginxLocationSelection() {
    String conf = """
        http {
          server {
            listen 80;
            location /api/ { add_header Access-Control-Allow-Origin https://a.example always; }
            location ~ ^/api/v2/ { add_header Access-Control-Allow-Origin https://b.example always; }
            location = /api/health { return 204; }
          }
        }
        """;
    Extraction x = extract(root, conf);
    CorsPolicy prefix = policy(x, "location /api/");
    CorsPolicy regex = policy(x, "location ~ ^/api/v2/");
    assertThat(prefix.serves("/api/users")).isEqualTo(Tri.YES);
    assertThat(prefix.serves("/api/v2/users")).as("a regex location beats the longest prefix").isEqualTo(Tri.NO);
    assertThat(regex.serves("/api/v2/users")).isEqualTo(Tri.YES);
    assertThat(prefix.serves("/api/health")).isEqualTo(Tri.NO);
    assertThat(prefix.serves("/static/x")).isEqualTo(Tri.NO);
  }
}
