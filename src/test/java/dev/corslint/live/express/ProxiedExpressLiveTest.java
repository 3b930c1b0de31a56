package dev.corslint.live.express;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.corslint.live.LiveNginx;
import dev.corslint.live.NginxInstallation;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.ProxiedPolicy;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.scan.FileSelection;
import dev.corslint.scan.Scanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * nginx in front of the Express application of the same fixture, both real: the application runs under Node
 * with the real {@code express} and {@code cors}, nginx runs the fixture's own configuration with its
 * {@code proxy_pass} sent to the application's loopback port, and what arrives through nginx (status, every
 * {@code Access-Control-*} line, {@code Vary}, duplicates and order kept) must equal the linked policy's
 * combined answer. Skipped when Node, its packages or nginx are missing, unless {@code CORSLINT_REQUIRE_LIVE=1}.
 */
@Tag("live")
class ProxiedExpressLiveTest {

  static final Path FIXTURE = Path.of("test-fixtures/layers/compose-express");
  private static final List<String> COMPARED = List.of(
      "access-control-allow-origin", "access-control-allow-credentials", "access-control-allow-methods",
      "access-control-allow-headers", "access-control-expose-headers", "access-control-max-age", "vary");

  @Test
  void answersThroughNginxAreTheCombinedModel() throws Exception {
    String missing = ExpressFixtures.missingRuntime();
    if (missing != null) {
      if (NginxInstallation.liveRequired()) fail("CORSLINT_REQUIRE_LIVE=1 but " + missing);
      Assumptions.abort(missing);
    }
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    List<CorsPolicy> policies = new Scanner().read(List.of(FIXTURE), null, FileSelection.all()).policies();
    List<ProxiedPolicy> linked = policies.stream().filter(p -> p instanceof ProxiedPolicy).map(p -> (ProxiedPolicy) p).toList();
    assertThat(linked).as("nginx locations linked to the Express application").hasSize(2);

    List<String> mismatches = new ArrayList<>();
    int probes = 0;
    int duplicates = 0;
    try (ExpressFixtures.RunningApp app =
            ExpressFixtures.RunningApp.start(ExpressFixtures.RUNNER_DIR, FIXTURE.resolve("api/server.js"), "production");
        LiveNginx live = LiveNginx.start(nginx, FIXTURE, "nginx/nginx.conf", app.port())) {
      int port = live.servers().get(0).port();
      for (ProxiedPolicy p : linked) {
        for (Request r : probes(p)) {
          probes++;
          ExpressLiveTest.RawHttp.Reply real = ExpressLiveTest.RawHttp.send(port, r);
          if (real.all("access-control-allow-origin").size() > 1) duplicates++;
          compare(p, r, real, mismatches);
        }
      }
    }
    System.out.println("proxied express live: " + linked.size() + " linked locations, " + probes + " probes through nginx, "
        + duplicates + " answers with two Access-Control-Allow-Origin lines, " + mismatches.size() + " mismatches");
    // the fixture's point: the duplicate is real, not an artefact of the model
    assertThat(duplicates).isPositive();
    assertThat(mismatches).as("model vs nginx in front of Express:\n  " + String.join("\n  ", mismatches)).isEmpty();
  }

  private static List<Request> probes(ProxiedPolicy p) {
    String path = p.samplePath().startsWith("/orders/") ? "/orders/42" : "/catalog/items";
    List<Request> out = new ArrayList<>();
    for (String path2 : List.of(path, p.samplePath())) {
      for (String origin : new String[] {"https://shop.example-shop.com", "https://attacker.example", "null", null}) {
        out.add(Request.actual(path2, "GET", origin));
        out.add(Request.actual(path2, "POST", origin));
        if (origin == null) continue;
        out.add(Request.preflight(path2, origin, "PUT", List.of("content-type", "authorization")));
        out.add(Request.preflight(path2, origin, "DELETE", List.of()));
      }
    }
    return out;
  }

  private static void compare(ProxiedPolicy p, Request r, ExpressLiveTest.RawHttp.Reply real, List<String> out) {
    String what = p.scope().description() + " " + r.method() + " " + r.path() + " Origin=" + r.origin()
        + (r.requestMethod() != null ? " ACRM=" + r.requestMethod() : "");
    Response model = p.respond(r);
    // a route's own status (its data decides it) is left to the caller by the model, as in ExpressLiveTest
    boolean handlerDecides = !p.respond(r.withHandlerStatus(299)).status().get().equals(model.status().get());
    if (!model.status().isKnown()) {
      out.add(what + ": status unknown in the model, real " + real.status());
    } else if (!handlerDecides && model.status().get().orElse(-1) != real.status()) {
      out.add(what + ": status model " + model.status().get().orElse(-1) + " real " + real.status());
    }
    for (String name : COMPARED) {
      List<HeaderLine> lines = model.all(name);
      if (lines.stream().anyMatch(h -> !h.value().isKnown())) {
        out.add(what + ": " + name + " unknown in the model, real " + real.all(name));
        continue;
      }
      List<String> predicted = lines.stream().map(h -> h.value().get().orElse("")).toList();
      List<String> sent = real.all(name);
      if (!predicted.equals(sent)) out.add(what + ": " + name + " model " + predicted + " real " + sent);
    }
  }
}
