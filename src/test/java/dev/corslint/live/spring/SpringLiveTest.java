package dev.corslint.live.spring;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import dev.corslint.rules.PolicyProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs Spring fixtures in a real Spring Boot 3.5 (from Maven Central, test scope) on loopback and sends each
 * scope real preflights and actual requests from legitimate, attacker and {@code null} origins. The model's
 * answer must equal Spring's: the status where the CORS or security layer or the handler lookup decides it, and every
 * {@code Access-Control-*} and CORS {@code Vary} line, duplicates included. A fixture whose model says the
 * application does not start must fail to start, for the reason the model gives.
 */
@Tag("live")
class SpringLiveTest {

  private static final String ATTACKER = PolicyProbe.ATTACKER;
  private static final String AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString((LiveSpringApp.USER + ":" + LiveSpringApp.PASSWORD).getBytes(StandardCharsets.UTF_8));

  private final List<String> mismatches = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int fixtures;
  private int policies;
  private int probes;

  @Test
  void modelAnswersLikeRealSpringBoot() throws Exception {
    boolean required = "1".equals(System.getenv("CORSLINT_REQUIRE_LIVE"));
    if (!LiveSpringApp.available()) {
      if (required) fail("CORSLINT_REQUIRE_LIVE=1 but Spring Boot or the JDK compiler is not available to the test");
      assumeTrue(false, "Spring Boot or the JDK compiler is not available");
    }
    for (SpringFixtures.Run run : SpringFixtures.RUNS) runFixture(run);
    try (Stream<Path> apps = Files.list(SpringFixtures.FIXTURES)) {
      List<String> notRun = apps.map(a -> a.getFileName().toString())
          .filter(a -> SpringFixtures.RUNS.stream().noneMatch(r -> r.fixture().equals(a))).sorted().toList();
      if (!notRun.isEmpty()) notes.add("not run (their stack is not on the test class path): " + String.join(", ", notRun));
    }
    String summary = "spring live: " + fixtures + " fixtures, " + policies + " policies, " + probes + " probes, "
        + mismatches.size() + " mismatches";
    System.out.println(summary);
    notes.forEach(n -> System.out.println("  note: " + n));
    if (!mismatches.isEmpty()) fail(summary + "\n" + String.join("\n", mismatches));
  }

  private void runFixture(SpringFixtures.Run run) throws Exception {
    Path app = SpringFixtures.FIXTURES.resolve(run.fixture());
    String label = run.label();
    List<CorsPolicy> model = SpringFixtures.model(app, run.profile());
    boolean security = SpringFixtures.buildDeclaresSecurity(app);
    try (LiveSpringApp live = LiveSpringApp.compile(app)) {
      live.start(SpringFixtures.mainClass(app), run.profile(), security, run.args());
      fixtures++;
      if (run.why() != null) notes.add(label + ": " + run.why());
      Value<Integer> startup = model.isEmpty() ? Value.absent()
          : model.get(0).respond(Request.actual(model.get(0).samplePath(), "GET", "https://app.example.com")).status();
      boolean modelSaysDown = startup instanceof Value.Unknown<Integer> u && u.reason().startsWith("the application does not start");
      probes++;
      if (modelSaysDown != !live.started()) {
        mismatches.add(label + ": the model says the application " + (modelSaysDown ? "does not start" : "starts")
            + ", Spring " + (live.started() ? "started" : "did not start: " + live.rootCause()));
        return;
      }
      if (!live.started()) {
        if (!live.rootCause().contains("allowCredentials")) {
          mismatches.add(label + ": Spring did not start for another reason than the model's: " + live.rootCause());
        }
        policies += model.size();
        return;
      }
      for (CorsPolicy p : model) {
        policies++;
        probePolicy(label, p, live.port(), security);
      }
    }
  }

  private void probePolicy(String label, CorsPolicy p, int port, boolean security) throws IOException {
    String legit = new PolicyProbe(p).legitOrigin();
    Set<String> handled = new LinkedHashSet<>();
    for (Usage u : p.usages()) if (u.kind() == Usage.Kind.METHOD) handled.add(u.name());
    if (handled.isEmpty()) handled.add("GET");
    Set<String> preflightMethods = new LinkedHashSet<>(handled);
    preflightMethods.addAll(List.of("PUT", "DELETE"));
    // methods the path may not map: Spring's handler lookup refuses them with 405 before the CORS checks
    Set<String> actualMethods = new LinkedHashSet<>(handled);
    actualMethods.addAll(List.of("GET", "POST", "DELETE"));
    List<String> origins = new ArrayList<>(List.of(legit, ATTACKER, "null"));
    List<Request> requests = new ArrayList<>();
    requests.add(Request.actual(p.samplePath(), "GET", null));
    for (String origin : origins) {
      for (String m : actualMethods) requests.add(Request.actual(p.samplePath(), m, origin));
      for (String m : preflightMethods) {
        for (List<String> headers : List.of(List.<String>of(), List.of("content-type"), List.of("authorization", "content-type"),
            List.of("x-custom-header"))) {
          requests.add(Request.preflight(p.samplePath(), origin, m, headers));
        }
      }
    }
    for (Request r : requests) {
      Response expected = p.respond(r);
      if (expected.status().isUnknown()) {
        notes.add(label + " " + describe(r) + ": the model does not know the answer (" + ((Value.Unknown<Integer>) expected.status()).reason() + ")");
        continue;
      }
      RawHttp.Answer actual = send(port, r, security);
      probes++;
      compare(label, p, r, expected, actual);
    }
  }

  private static RawHttp.Answer send(int port, Request r, boolean security) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "*/*");
    if (r.origin() != null) headers.put("Origin", r.origin());
    String body = null;
    if (r.isPreflight()) {
      headers.put("Access-Control-Request-Method", r.requestMethod());
      if (!r.requestHeaders().isEmpty()) headers.put("Access-Control-Request-Headers", String.join(",", r.requestHeaders()));
    } else {
      // an actual request is made by a signed-in user; a preflight never carries credentials
      if (security) headers.put("Authorization", AUTHORIZATION);
      if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
        headers.put("Content-Type", "application/json");
        body = "{}";
      }
    }
    return RawHttp.send(port, r.method(), r.path(), headers, body);
  }

  /**
   * The status is compared where the CORS or security layer or the handler lookup decides it (every preflight,
   * a refused or failed actual request, and a cross-origin one whose method the path does not map); otherwise
   * the handler decides, and the test's empty bodies say nothing about CORS. (A request without Origin is no
   * browser's cross-origin request; field-ops-api's filter even fails on it, {@code List.of(..).contains(null)}.)
   */
  private void compare(String label, CorsPolicy p, Request r, Response expected, RawHttp.Answer actual) {
    int status = expected.status().get().orElseThrow();
    boolean layerStatus = r.isPreflight() || status == 401 || status == 403 || status == 500 || status == 302
        || (status == 405 && r.origin() != null);
    List<String> want = CorsLines.of(expected);
    List<String> got = CorsLines.of(actual);
    boolean statusDiffers = layerStatus && status != actual.status();
    if (!statusDiffers && want.equals(got)) return;
    mismatches.add(label + " | " + p.scope().description() + " | " + describe(r) + "\n    model:  " + status + " " + want
        + "\n    spring: " + actual.status() + " " + got);
  }

  private static String describe(Request r) {
    if (r.isPreflight()) {
      return "OPTIONS " + r.path() + " Origin=" + r.origin() + " ACRM=" + r.requestMethod() + " ACRH=" + r.requestHeaders();
    }
    return r.method() + " " + r.path() + " Origin=" + r.origin();
  }


}
