package dev.corslint.live.express;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.corslint.ecosystems.express.ExpressExtractor;
import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Tri;
import dev.corslint.rules.AttackerOrigins;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Starts every runnable Express fixture with Node and the real {@code express} and {@code cors} packages (pinned
 * by the lock file in {@code src/test/resources/live/express}, TypeScript fixtures transpiled with the pinned
 * {@code typescript}) on a loopback port, sends real preflight and
 * actual requests from legitimate and attacker origins, and compares what the server sent with what the
 * policies' {@code respond} predicts: status, every {@code Access-Control-*} line and {@code Vary}. Skipped when
 * Node or the packages are missing, unless {@code CORSLINT_REQUIRE_LIVE=1}.
 */
@Tag("live")
class ExpressLiveTest {

  /** Variables the runner sets for every fixture, so their unset case never runs. */
  private static final Set<String> RUNNER_SETS = Set.of("PORT", "NODE_PATH", "NODE_ENV");
  private static final List<String> COMPARED = List.of(
      "access-control-allow-origin", "access-control-allow-credentials", "access-control-allow-methods",
      "access-control-allow-headers", "access-control-expose-headers", "access-control-max-age",
      "access-control-allow-private-network", "vary");

  @Test
  void fixturesAnswerAsTheirPoliciesPredict() throws Exception {
    boolean required = "1".equals(System.getenv("CORSLINT_REQUIRE_LIVE"));
    String missing = ExpressFixtures.missingRuntime();
    if (missing != null) {
      if (required) fail("CORSLINT_REQUIRE_LIVE=1 but " + missing);
      Assumptions.abort(missing);
    }
    List<ExpressFixtures.Run> runs = ExpressFixtures.runs();
    List<String> mismatches = new ArrayList<>();
    Set<String> fixtures = new java.util.TreeSet<>();
    int probes = 0;
    int policies = 0;
    for (ExpressFixtures.Run run : runs) {
      fixtures.add(run.file());
      // The server runs with the variables the code falls back from unset, so each policy's answer in that
      // case (what explain reports for it) must be the server's answer.
      Set<String> unset = new java.util.TreeSet<>();
      for (CorsPolicy p : run.policies()) {
        for (Alternative<CorsPolicy> a : p.alternatives()) if (!RUNNER_SETS.contains(a.input())) unset.add(a.input());
      }
      try (ExpressFixtures.RunningApp server = ExpressFixtures.RunningApp.start(run, unset)) {
        for (CorsPolicy p : run.policies()) {
          policies++;
          List<Alternative<CorsPolicy>> cases = p.alternatives().stream().filter(a -> unset.contains(a.input())).toList();
          for (Request r : probes(p)) {
            probes++;
            RawHttp.Reply real = RawHttp.send(server.port(), r);
            compare(run.label(), p, r, real, mismatches);
            for (Alternative<CorsPolicy> a : cases) compare(run.label() + " when " + a.when(), a.value(), r, real, mismatches);
          }
        }
      } catch (IOException e) {
        mismatches.add(run.label() + ": could not run: " + e.getMessage());
      }
    }
    System.out.println("express live: " + fixtures.size() + " fixtures, " + policies + " policies, " + probes + " probes, "
        + mismatches.size() + " mismatches");
    assertThat(runs).as("runnable Express fixtures under " + ExpressFixtures.FIXTURES).isNotEmpty();
    assertThat(mismatches).as("model vs real server:\n  " + String.join("\n  ", mismatches.subList(0, Math.min(60, mismatches.size()))))
        .isEmpty();
  }

  /** Legitimate, attacker and absent origins; actual requests and preflights; the scope's own paths. */
  static List<Request> probes(CorsPolicy p) {
    Set<String> paths = new LinkedHashSet<>();
    paths.add(p.samplePath());
    for (String s : ExpressExtractor.coveredPaths(p)) {
      if (paths.size() >= 4) break;
      paths.add(s);
    }
    String legit = legitOrigin(p.allowedOrigins());
    Set<String> originSet = new LinkedHashSet<>();
    originSet.add(legit);
    for (String o : p.allowedOrigins().intendedOrigins()) if (originSet.size() < 4) originSet.add(o);
    originSet.add("https://attacker.example");
    originSet.add("null");
    String host = legit.replaceFirst("^https?://", "");
    originSet.add("http://" + host);
    // The look-alikes the security rules try, so that the real engine's answer backs theirs.
    for (AttackerOrigins.Candidate c : AttackerOrigins.lookAlikes(legit)) if (originSet.size() < 14) originSet.add(c.origin());
    List<String> origins = new ArrayList<>(originSet);
    origins.add(null);
    List<Request> out = new ArrayList<>();
    for (String path : paths) {
      for (String o : origins) {
        out.add(Request.actual(path, "GET", o));
        out.add(Request.actual(path, "POST", o));
        out.add(Request.actual(path, "PUT", o));
        if (o == null) continue;
        out.add(Request.preflight(path, o, "PUT", List.of("content-type", "authorization")));
        out.add(Request.preflight(path, o, "DELETE", List.of()));
        out.add(Request.preflight(path, o, "GET", List.of("x-api-key")));
      }
    }
    return out;
  }

  private static String legitOrigin(OriginMatcher m) {
    for (String o : m.intendedOrigins()) if (m.accepts(o) == Tri.YES) return o;
    return "https://app.example.com";
  }

  private static void compare(String app, CorsPolicy p, Request r, RawHttp.Reply real, List<String> out) {
    String what = app + " [" + p.scope().description() + "] " + describe(r);
    Response model = p.respond(r);
    // A status that follows the request's handlerStatus is what the route's own code decides from its data
    // (a 404 for an unknown id): the model leaves it to the caller, so it is not compared.
    boolean handlerDecides = !p.respond(r.withHandlerStatus(299)).status().get().equals(model.status().get());
    if (model.status().isKnown() && !handlerDecides && model.status().get().orElse(-1) != real.status()) {
      out.add(what + ": status model " + model.status().get().orElse(-1) + " real " + real.status());
    }
    for (String name : COMPARED) {
      List<HeaderLine> lines = model.all(name);
      if (lines.stream().anyMatch(h -> !h.value().isKnown())) continue;
      List<String> predicted = lines.stream().map(h -> h.value().get().orElse("")).toList();
      List<String> sent = real.all(name);
      if (!predicted.equals(sent)) out.add(what + ": " + name + " model " + predicted + " real " + sent);
    }
  }

  private static String describe(Request r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.method()).append(' ').append(r.path()).append(" Origin=").append(r.origin());
    if (r.requestMethod() != null) sb.append(" ACRM=").append(r.requestMethod());
    if (!r.requestHeaders().isEmpty()) sb.append(" ACRH=").append(String.join(",", r.requestHeaders()));
    return sb.toString();
  }

  /** HTTP/1.1 over a plain socket, so that repeated header lines arrive as they were sent. */
  static final class RawHttp {

    record Reply(int status, List<String[]> headers) {
      List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
        return out;
      }
    }

    static Reply send(int port, Request r) throws IOException {
      StringBuilder req = new StringBuilder();
      req.append(r.method()).append(' ').append(r.path()).append(" HTTP/1.1\r\n");
      req.append("Host: 127.0.0.1:").append(port).append("\r\n");
      if (r.origin() != null) req.append("Origin: ").append(r.origin()).append("\r\n");
      if (r.requestMethod() != null) req.append("Access-Control-Request-Method: ").append(r.requestMethod()).append("\r\n");
      if (!r.requestHeaders().isEmpty()) req.append("Access-Control-Request-Headers: ").append(String.join(",", r.requestHeaders())).append("\r\n");
      if (!r.method().equals("GET") && !r.method().equals("HEAD") && !r.method().equals("OPTIONS")) req.append("Content-Length: 0\r\n");
      req.append("Connection: close\r\n\r\n");
      try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        String statusLine = in.readLine();
        if (statusLine == null) throw new IOException("no answer to " + describe(r));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
          int colon = line.indexOf(':');
          if (colon > 0) headers.add(new String[] {line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip()});
        }
        return new Reply(status, headers);
      }
    }
  }
}
