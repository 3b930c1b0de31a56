package dev.corslint.ecosystems.nginx;

import static dev.corslint.ecosystems.nginx.NginxTestFiles.extract;
import static dev.corslint.ecosystems.nginx.NginxTestFiles.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Forwarding;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxied application's answer through nginx's filters, and where a location forwards. */
class NginxUpstreamAnswerTest {

  private static final String ORIGIN = "https://app.example.com";
  private static final SourceSpan APP = SourceSpan.at("api/server.js", 8, 1);

  @TempDir Path root;

  /** An application that answers {@code status} with its own CORS headers, and remembers what it received. */
  private static final class App implements Function<Request, Response> {
    final List<Request> received = new ArrayList<>();
    final int status;

    App(int status) {
      this.status = status;
    }

    @Override
    public Response apply(Request r) {
      received.add(r);
      return new Response(Value.known(status, APP), List.of(
          new HeaderLine("Access-Control-Allow-Origin", Value.known(ORIGIN, APP), "Express"),
          new HeaderLine("Vary", Value.known("Origin", APP), "Express")));
    }
  }

  private static List<String> names(Response r) {
    return r.headers().stream().map(h -> h.name() + ": " + h.value().get().orElse("?") + " (" + h.layer() + ")").toList();
  }

  @Test
  void addHeaderComesOnTopOfTheApplicationsHeaders() {
    CorsPolicy p = policy(extract(root, """
        http {
          server {
            listen 80;
            location /api/ {
              add_header Access-Control-Allow-Origin $http_origin always;
              proxy_pass http://127.0.0.1:3000;
            }
          }
        }
        """), "location /api/");
    App app = new App(200);
    Response r = p.respond(Request.actual("/api/orders?x=1", "GET", ORIGIN), app);
    assertThat(r.status().get()).contains(200);
    assertThat(names(r)).containsExactly("Access-Control-Allow-Origin: https://app.example.com (Express)",
        "Vary: Origin (Express)", "Access-Control-Allow-Origin: https://app.example.com (nginx)");
    assertThat(app.received).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("/api/orders?x=1");
      assertThat(f.origin()).isEqualTo(ORIGIN);
    });
  }

  @Test
  void hiddenAndClearedHeadersDoNotPassAndMoreSetHeadersReplaces() {
    CorsPolicy p = policy(extract(root, """
        http {
          server {
            listen 80;
            location /hide/ {
              proxy_hide_header Access-Control-Allow-Origin;
              proxy_pass http://127.0.0.1:3000;
            }
            location /clear/ {
              more_clear_headers 'Access-Control-*';
              proxy_pass http://127.0.0.1:3000;
            }
            location /set/ {
              more_set_headers 'Vary: Origin, Accept-Encoding';
              proxy_pass http://127.0.0.1:3000;
            }
          }
        }
        """), "location /hide/");
    Response hidden = p.respond(Request.actual("/hide/x", "GET", ORIGIN), new App(200));
    assertThat(names(hidden)).containsExactly("Vary: Origin (Express)");
    assertThat(hidden.removed()).extracting(h -> h.name()).containsExactly("Access-Control-Allow-Origin");

    CorsPolicy clear = policy(extract(root), "location /clear/");
    assertThat(names(clear.respond(Request.actual("/clear/x", "GET", ORIGIN), new App(200))))
        .containsExactly("Vary: Origin (Express)");

    CorsPolicy set = policy(extract(root), "location /set/");
    assertThat(names(set.respond(Request.actual("/set/x", "GET", ORIGIN), new App(200))))
        .containsExactly("Access-Control-Allow-Origin: https://app.example.com (Express)",
            "Vary: Origin, Accept-Encoding (nginx)");
  }

  @Test
  void anOptionsReturnNeverReachesTheApplicationAndAddHeaderWithoutAlwaysFollowsItsStatus() {
    CorsPolicy p = policy(extract(root, """
        http {
          server {
            listen 80;
            location /api/ {
              if ($request_method = OPTIONS) {
                add_header Access-Control-Allow-Origin $http_origin;
                return 204;
              }
              add_header X-Frame-Options DENY;
              add_header Access-Control-Allow-Credentials true;
              proxy_pass http://127.0.0.1:3000/v2/;
            }
          }
        }
        """), "location /api/");
    App app = new App(500);
    Response pre = p.respond(Request.preflight("/api/orders", ORIGIN, "PUT", List.of("content-type")), app);
    assertThat(pre.status().get()).contains(204);
    assertThat(names(pre)).containsExactly("Access-Control-Allow-Origin: https://app.example.com (nginx)");
    assertThat(app.received).isEmpty();

    // the application's 500 decides the status, and add_header without always is not sent with it
    Response failed = p.respond(Request.actual("/api/orders", "GET", ORIGIN), app);
    assertThat(failed.status().get()).contains(500);
    assertThat(failed.status().where()).contains(APP);
    assertThat(names(failed)).containsExactly("Access-Control-Allow-Origin: https://app.example.com (Express)",
        "Vary: Origin (Express)");
    // proxy_pass with a URI replaces the location prefix
    assertThat(app.received).singleElement().extracting(Request::path).isEqualTo("/v2/orders");
  }

  @Test
  void forwardingResolvesUpstreamBlocksAndLeavesComputedTargetsWithoutAddress() {
    var e = extract(root, """
        http {
          upstream backend {
            server api:3000 max_fails=3;
            server 10.0.0.7;
            keepalive 16;
          }
          server {
            listen 80;
            location /a/ { proxy_pass http://backend; }
            location /b/ { proxy_pass https://orders.internal/v1/; }
            location /c/ { proxy_pass http://$upstream_host:8080; }
            location /d/ { root /srv/www; }
          }
        }
        """);
    Forwarding a = policy(e, "location /a/").forwarding().orElseThrow();
    assertThat(a.target()).isEqualTo("http://backend");
    assertThat(a.addresses()).containsExactly(new Forwarding.HostPort("api", 3000), new Forwarding.HostPort("10.0.0.7", 80));
    assertThat(policy(e, "location /b/").forwarding().orElseThrow().addresses())
        .containsExactly(new Forwarding.HostPort("orders.internal", 443));
    assertThat(policy(e, "location /c/").forwarding().orElseThrow().addresses()).isEmpty();
    assertThat(policy(e, "location /d/").forwarding()).isEmpty();
  }
}
