package dev.corslint.ecosystems.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Answers recorded from nginx 1.22.1 (Debian 12, headers-more module loaded) for configurations that exercise
 * the corners of the model; each expectation is the status and the header lines nginx sent, minus the ones
 * every response carries (Server, Date, Content-Type, Content-Length, Connection, Location).
 */
class NginxObservedBehaviourTest {

  private static final String CONF = """
      map $http_origin $capo { default ""; "~^https://(.+)\\\\.example\\\\.com$" "https://$1.example.com"; }
      map $http_origin $named { default ""; "~^https://(?<sub>[a-z]+)\\\\.example\\\\.org$" "https://$sub.example.org"; }
      map $http_origin $hostmap { hostnames; default ""; .example.org $http_origin; "*.example.net" "wild"; }
      server {
        listen 18081;
        root /srv;
        add_header X-Server srv;
        if ($request_method = DELETE) { return 418; }
        location /a/ { more_set_headers 'Access-Control-Allow-Origin: *'; add_header Access-Control-Allow-Origin https://x.example; return 200 ok; }
        location /b/ { add_header Access-Control-Allow-Origin https://x.example; more_clear_headers 'Access-Control-*'; return 200 ok; }
        location /c/ { more_set_headers -s '404' 'Access-Control-Allow-Origin: *'; return 404; }
        location /d/ {
          add_header X-Loc loc;
          if ($http_origin) { set $m one; add_header X-If first; }
          if ($request_method = GET) { add_header X-If2 second; add_header X-M $m; }
          return 200 ok;
        }
        location /e/ {
          add_header Access-Control-Allow-Origin https://x.example always;
          proxy_intercept_errors on;
          error_page 500 = @fallback;
          proxy_pass http://127.0.0.1:18090;
        }
        location @fallback { add_header Access-Control-Allow-Origin https://fallback.example always; return 503; }
        location ~ ^/cap/(\\\\w+)$ { add_header X-Cap $1; add_header Access-Control-Allow-Origin $capo; return 200 ok; }
        location /named/ { add_header Access-Control-Allow-Origin $named; add_header X-Sub $sub; return 200 ok; }
        location /host/ { add_header Access-Control-Allow-Origin $hostmap; return 200 ok; }
        location /api/ { add_header Access-Control-Allow-Origin *; proxy_pass http://127.0.0.1:18090/; }
        location /trailer/ { add_trailer X-T 1; return 200 ok; }
        location /rx/ {
          if ($http_origin ~* ^https://([a-z]+)\\\\.trusted\\\\.example$) { add_header Access-Control-Allow-Origin $http_origin; add_header X-Who $1; }
          return 200 ok;
        }
        location /ret401/ { add_header Access-Control-Allow-Origin *; add_header X-Always a always; return 401; }
        location /rw/ {
          rewrite ^/rw/(.*)$ /rw2/$1;
          rewrite ^/rw2/(.*)$ /done/$1;
          add_header X-Rw $uri;
          return 200 ok;
        }
      }
      """;

  private static String answer(CorsPolicy server, String method, String path, String origin, int upstream) {
    String acrm = method.equals("OPTIONS") ? "PUT" : null;
    Response r = server.respond(new Request(path, method, origin, acrm, List.of(), false, upstream));
    List<String> lines = new ArrayList<>();
    for (HeaderLine h : r.headers()) lines.add(h.name().toLowerCase(Locale.ROOT) + ": " + h.value().get().orElse("?"));
    Collections.sort(lines);
    return r.status().get().map(String::valueOf).orElse("?") + " | " + String.join("|", lines);
  }

  @Test
  void answersAsNginxDid() {
    ParsedFile parsed = NginxParser.parse(CONF, "checks.conf");
    assertThat(parsed.notices()).isEmpty();
    List<dev.corslint.model.Notice> notices = new ArrayList<>();
    NginxServer s = new NginxConfigBuilder(notices).build("checks.conf", parsed.directives()).get(0).servers.get(0);
    assertThat(notices).isEmpty();
    // a server policy looks locations up like nginx, so one policy answers every path
    CorsPolicy server = new NginxPolicy(s, null, "checks.conf", "/");
    String o = "https://o.example";
    assertThat(answer(server, "GET", "/a/", o, 200))
        .isEqualTo("200 | access-control-allow-origin: *|access-control-allow-origin: https://x.example");
    assertThat(answer(server, "GET", "/b/", o, 200)).isEqualTo("200 | access-control-allow-origin: https://x.example");
    assertThat(answer(server, "GET", "/c/", o, 200)).isEqualTo("404 | access-control-allow-origin: *");
    assertThat(answer(server, "GET", "/d/", o, 200)).isEqualTo("200 | x-if2: second|x-m: one");
    assertThat(answer(server, "POST", "/d/", o, 200)).isEqualTo("200 | x-if: first");
    assertThat(answer(server, "GET", "/d/", null, 200)).isEqualTo("200 | x-if2: second");
    assertThat(answer(server, "GET", "/e/", o, 500))
        .isEqualTo("503 | access-control-allow-origin: https://fallback.example");
    assertThat(answer(server, "GET", "/cap/abc", "https://a.b.example.com", 200))
        .isEqualTo("200 | access-control-allow-origin: https://a.b.example.com|x-cap: abc");
    assertThat(answer(server, "GET", "/cap/abc", "https://example.com", 200)).isEqualTo("200 | x-cap: abc");
    assertThat(answer(server, "GET", "/named/", "https://api.example.org", 200))
        .isEqualTo("200 | access-control-allow-origin: https://api.example.org|x-sub: api");
    assertThat(answer(server, "GET", "/host/", "https://example.org", 200)).isEqualTo("200 | ");
    assertThat(answer(server, "GET", "/host/", "https://www.example.org", 200))
        .isEqualTo("200 | access-control-allow-origin: https://www.example.org");
    assertThat(answer(server, "GET", "/host/", "https://x.example.net", 200))
        .isEqualTo("200 | access-control-allow-origin: wild");
    assertThat(answer(server, "GET", "/api", o, 200)).isEqualTo("301 | access-control-allow-origin: *");
    assertThat(answer(server, "OPTIONS", "/api/", o, 200)).isEqualTo("200 | access-control-allow-origin: *");
    assertThat(answer(server, "DELETE", "/api/", o, 200)).isEqualTo("418 | ");
    assertThat(answer(server, "GET", "/trailer/", o, 200)).isEqualTo("200 | x-server: srv");
    assertThat(answer(server, "GET", "/rx/", "https://abc.trusted.example", 200))
        .isEqualTo("200 | access-control-allow-origin: https://abc.trusted.example|x-who: abc");
    assertThat(answer(server, "GET", "/rx/", "https://evil.example", 200)).isEqualTo("200 | x-server: srv");
    assertThat(answer(server, "GET", "/ret401/", o, 200)).isEqualTo("401 | x-always: a");
    assertThat(answer(server, "GET", "/rw/a", o, 200)).isEqualTo("200 | x-rw: /done/a");
    assertThat(answer(server, "GET", "/zzz", o, 404)).isEqualTo("404 | ");
  }
}
