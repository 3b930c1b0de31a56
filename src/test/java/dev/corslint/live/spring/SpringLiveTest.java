package dev.corslint.live.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corslint.ecosystems.spring.SpringExtractor;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceFile;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.scan.FileSystemSourceTree;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs Spring fixtures in a real Spring Boot 3.5 (from Maven Central, test scope) on loopback and sends each
 * scope real preflights and actual requests from legitimate, attacker and {@code null} origins. The model's
 * answer must equal Spring's: the status where the CORS or security layer decides it, and every
 * {@code Access-Control-*} and CORS {@code Vary} line, duplicates included. A fixture whose model says the
 * application does not start must fail to start, for the reason the model gives.
 */
@Tag("live")
class SpringLiveTest {

  private static final Path FIXTURES = Path.of("test-fixtures", "spring");
  private static final String ATTACKER = PolicyProbe.ATTACKER;
  private static final String AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString((LiveSpringApp.USER + ":" + LiveSpringApp.PASSWORD).getBytes(StandardCharsets.UTF_8));

  /**
   * The fixtures this test runs, with the profile to activate and any argument the run needs. Not run: the
   * gateways (Spring Cloud Gateway is not on the test class path), campaign-api (an OAuth2 resource server needs
   * an issuer), legacy-admin (Spring Boot 2 API).
   */
  private record Run(String fixture, String profile, List<String> args, String why) {
    Run(String fixture) {
      this(fixture, null, List.of(), null);
    }
  }

  private static final List<Run> RUNS = List.of(
      new Run("shop-api"),
      new Run("shop-api", "dev", List.of(), null),
      new Run("partner-portal"),
      new Run("billing-service"),
      new Run("inventory-api"),
      new Run("reports-api"),
      new Run("order-service"),
      new Run("catalog-service"),
      new Run("search-service"),
      new Run("legacy-crm"),
      new Run("partner-sync"),
      new Run("kiosk-api"),
      new Run("loyalty-api"),
      new Run("events-api"),
      new Run("storefront-api"),
      new Run("media-api"),
      new Run("payments-api", null, List.of("--server.ssl.enabled=false"), "TLS is switched off for the run: its key store is not in the fixture"),
      new Run("field-ops-api"),
      new Run("timesheet-api"),
      new Run("survey-api"),
      new Run("notification-api"),
      new Run("quote-service"),
      new Run("warehouse-api"));

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
    for (Run run : RUNS) runFixture(run);
    try (Stream<Path> apps = Files.list(FIXTURES)) {
      List<String> notRun = apps.map(a -> a.getFileName().toString())
          .filter(a -> RUNS.stream().noneMatch(r -> r.fixture().equals(a))).sorted().toList();
      if (!notRun.isEmpty()) notes.add("not run (their stack is not on the test class path): " + String.join(", ", notRun));
    }
    String summary = "spring live: " + fixtures + " fixtures, " + policies + " policies, " + probes + " probes, "
        + mismatches.size() + " mismatches";
    System.out.println(summary);
    notes.forEach(n -> System.out.println("  note: " + n));
    if (!mismatches.isEmpty()) fail(summary + "\n" + String.join("\n", mismatches));
  }

  private void runFixture(Run run) throws Exception {
    Path app = FIXTURES.resolve(run.fixture());
    String label = run.fixture() + (run.profile() == null ? "" : " [profile " + run.profile() + "]");
    List<CorsPolicy> model = model(app, run.profile());
    boolean security = buildDeclaresSecurity(app);
    try (LiveSpringApp live = LiveSpringApp.compile(app)) {
      live.start(mainClass(app), run.profile(), security, run.args());
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
    List<String> origins = new ArrayList<>(List.of(legit, ATTACKER, "null"));
    List<Request> requests = new ArrayList<>();
    requests.add(Request.actual(p.samplePath(), "GET", null));
    for (String origin : origins) {
      for (String m : handled) requests.add(Request.actual(p.samplePath(), m, origin));
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
   * The status is compared where the CORS or security layer decides it (every preflight, and a refused or failed
   * actual request); otherwise the handler decides, and the test's empty bodies say nothing about CORS.
   */
  private void compare(String label, CorsPolicy p, Request r, Response expected, RawHttp.Answer actual) {
    int status = expected.status().get().orElseThrow();
    boolean layerStatus = r.isPreflight() || status == 401 || status == 403 || status == 500 || status == 302;
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

  /** The fixture's policies for the run's profile, as the scanner builds them. */
  private static List<CorsPolicy> model(Path app, String profile) {
    FileSystemSourceTree tree = new FileSystemSourceTree(app);
    SpringExtractor x = new SpringExtractor();
    List<SourceFile> accepted = new ArrayList<>();
    for (SourceFile f : tree.files()) if (x.accepts(f, new byte[0])) accepted.add(f);
    String suffix = profile == null ? null : " (profile " + profile + ")";
    List<CorsPolicy> all = x.extract(accepted, tree).policies();
    List<CorsPolicy> out = new ArrayList<>();
    for (CorsPolicy p : all) {
      String d = p.scope().description();
      boolean variant = d.contains(" (profile ");
      if (suffix == null ? !variant : d.endsWith(suffix)) out.add(p);
    }
    if (profile != null && out.isEmpty()) {
      // the profile changes nothing the model reads: the default policies apply
      for (CorsPolicy p : all) if (!p.scope().description().contains(" (profile ")) out.add(p);
    }
    assertThat(out).as("policies of " + app).isNotEmpty();
    return out;
  }

  private static boolean buildDeclaresSecurity(Path app) throws IOException {
    return Files.readString(app.resolve("pom.xml")).contains("spring-boot-starter-security");
  }

  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

  /** The class annotated {@code @SpringBootApplication}. */
  private static String mainClass(Path app) throws IOException {
    try (Stream<Path> s = Files.walk(app.resolve("src/main/java"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(p);
        if (!text.contains("@SpringBootApplication")) continue;
        Matcher m = PACKAGE.matcher(text);
        String name = p.getFileName().toString().replace(".java", "");
        return m.find() ? m.group(1) + "." + name : name;
      }
    }
    throw new IOException("no @SpringBootApplication class in " + app);
  }
}
