package dev.corslint.live.django;

import dev.corslint.live.RunTimeInputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.corslint.ecosystems.django.CorsHeadersVersion;
import dev.corslint.ecosystems.django.DjangoExtractor;
import dev.corslint.live.django.PythonFixtures.Entry;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Python policies against the real servers: each runnable fixture under {@code test-fixtures/django/}
 * (listed in {@code src/test/resources/live/django/fixtures.txt}) is served on a loopback port with the
 * installed Debian packages (Django with django-cors-headers under wsgiref, Flask with flask-cors under
 * wsgiref, FastAPI/Starlette under uvicorn) and probed with real preflights and actual requests from
 * legitimate, look-alike and attacker origins. For every probe the model's status (for preflights, which the
 * CORS layer answers) and its {@code Access-Control-*} lines, and whether {@code Vary} names {@code Origin},
 * must equal what the server sent. The model is built for the installed django-cors-headers version.
 *
 * <p>Skipped when the packages are absent, unless {@code CORSLINT_REQUIRE_LIVE=1}. Every probe and its result
 * are written to {@code target/live/django/python-live-report.txt}.
 */
@Tag("live")
class PythonLiveTest {

  private static final Path WORK = Path.of("target/live/django").toAbsolutePath();
  private static final String ATTACKER = "https://attacker.example";

  private record Probe(Request request, String description) {}

  @Test
  void policiesAnswerLikeTheRealServers() throws Exception {
    boolean required = "1".equals(System.getenv("CORSLINT_REQUIRE_LIVE"));
    PythonFixtures.Installation installed = PythonFixtures.Installation.detect();
    if (required && !installed.missing().isEmpty()) fail("CORSLINT_REQUIRE_LIVE=1 but the live test cannot run: " + installed.missing());
    Assumptions.assumeTrue(installed.any(), "no Python web framework installed: " + installed.missing());
    String versions = installed.versions();
    CorsHeadersVersion version = installed.version();
    Map<String, List<Entry>> byProject = installed.byProject();

    List<String> mismatches = new ArrayList<>();
    List<String> report = new ArrayList<>();
    int probes = 0;
    Set<String> policiesSeen = new LinkedHashSet<>();
    PythonFixtures.deleteTree(WORK);
    for (Map.Entry<String, List<Entry>> project : byProject.entrySet()) {
      Path dir = WORK.resolve(project.getKey());
      PythonFixtures.copyTree(PythonFixtures.FIXTURES.resolve(project.getKey()), dir);
      Extraction extraction = PythonFixtures.extract(dir, new DjangoExtractor(version));
      // the server runs with the variables the settings fall back from unset: the case the policies answer for
      Set<String> unset = RunTimeInputs.unsetFor(extraction.policies(), PythonFixtures.RUNNER_SETS);
      try (PythonFixtures.RunningProject server = PythonFixtures.RunningProject.start(project.getValue().get(0), dir, unset)) {
        int port = server.port();
        for (Entry e : project.getValue()) {
          CorsPolicy policy = PythonFixtures.select(extraction, e);
          policiesSeen.add(e.project() + " " + policy.scope().description());
          for (Probe p : probes(policy, e.path())) {
            probes++;
            String diff = compare(policy.respond(p.request()), send(port, p.request()), p.request());
            String where = e.project() + " " + p.description();
            report.add((diff == null ? "same  " : "DIFF  ") + where + (diff == null ? "" : "\n      " + diff));
            if (diff != null) mismatches.add(where + ": " + diff);
          }
        }
      }
    }
    String summary = "python live: " + byProject.size() + " fixtures, " + policiesSeen.size() + " policies, " + probes
        + " probes, " + mismatches.size() + " mismatches (" + versions + "; model " + version.label() + ")";
    System.out.println(summary);
    Files.createDirectories(WORK);
    Files.writeString(WORK.resolve("python-live-report.txt"), summary + "\n" + String.join("\n", report) + "\n");
    assertThat(mismatches).as(summary + "\n  " + String.join("\n  ", mismatches)).isEmpty();
    assertThat(probes).isPositive();
  }

  // ---------------------------------------------------------------- probes

  private static List<Probe> probes(CorsPolicy policy, String path) {
    Set<String> origins = new LinkedHashSet<>();
    List<String> intended = policy.allowedOrigins().intendedOrigins().stream().filter(o -> o.startsWith("http")).limit(3).toList();
    origins.addAll(intended);
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (leaf instanceof OriginMatcher.Exact x && origins.size() < 8) origins.add(x.origin());
    }
    origins.add(ATTACKER);
    origins.add("null");
    String base = intended.isEmpty() ? "https://app.example.com" : intended.get(0);
    origins.add(base + ".attacker.example");
    if (base.startsWith("https://")) origins.add("http://" + base.substring("https://".length()));
    List<String> withNone = new ArrayList<>(origins);
    withNone.add(null);
    List<Probe> out = new ArrayList<>();
    for (String o : withNone) {
      out.add(probe(new Request(path, "GET", o, null, List.of(), false, 200)));
      out.add(probe(new Request(path, "GET", o, null, List.of(), true, 200)));
      out.add(probe(new Request(path, "POST", o, null, List.of(), false, 200)));
      out.add(probe(new Request(path, "OPTIONS", o, null, List.of(), false, 200)));
      if (o == null) continue;
      out.add(probe(Request.preflight(path, o, "PUT", List.of("authorization", "content-type"))));
      out.add(probe(Request.preflight(path, o, "DELETE", List.of())));
      out.add(probe(Request.preflight(path, o, "GET", List.of("x-requested-with"))));
    }
    return out;
  }

  private static Probe probe(Request r) {
    StringBuilder d = new StringBuilder(r.method()).append(' ').append(r.path());
    d.append(" Origin: ").append(r.origin() == null ? "(none)" : r.origin());
    if (r.requestMethod() != null) d.append(" ACRM: ").append(r.requestMethod());
    if (!r.requestHeaders().isEmpty()) d.append(" ACRH: ").append(String.join(",", r.requestHeaders()));
    if (r.credentials()) d.append(" (cookie)");
    return new Probe(r, d.toString());
  }

  private static RawHttp.Answer send(int port, Request r) throws IOException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (r.origin() != null) headers.add(new AbstractMap.SimpleEntry<>("Origin", r.origin()));
    if (r.requestMethod() != null) headers.add(new AbstractMap.SimpleEntry<>("Access-Control-Request-Method", r.requestMethod()));
    if (!r.requestHeaders().isEmpty()) headers.add(new AbstractMap.SimpleEntry<>("Access-Control-Request-Headers", String.join(",", r.requestHeaders())));
    if (r.credentials()) headers.add(new AbstractMap.SimpleEntry<>("Cookie", "sessionid=live"));
    return RawHttp.send(port, r.method(), r.path(), headers);
  }

  /** Null when the model predicted the answer; otherwise what differs. */
  private static String compare(Response model, RawHttp.Answer real, Request r) {
    List<String> problems = new ArrayList<>();
    if (r.isPreflight()) {
      String expected = model.status().get().map(String::valueOf).orElse("unknown");
      if (!expected.equals(String.valueOf(real.status()))) problems.add("status " + expected + " expected, " + real.status() + " sent");
    }
    List<String> expected = new ArrayList<>();
    for (HeaderLine h : model.headers()) {
      if (!h.name().regionMatches(true, 0, "Access-Control-", 0, 15)) continue;
      expected.add(h.name().toLowerCase(Locale.ROOT) + ": " + h.value().get().orElse("<unknown: " + h.value() + ">"));
    }
    List<String> actual = new ArrayList<>();
    for (RawHttp.Header h : real.headers()) {
      if (h.name().regionMatches(true, 0, "Access-Control-", 0, 15)) actual.add(h.name().toLowerCase(Locale.ROOT) + ": " + h.value());
    }
    expected.sort(null);
    actual.sort(null);
    if (!expected.equals(actual)) problems.add("expected " + expected + ", sent " + actual);
    boolean modelVary = model.all("Vary").stream().anyMatch(h -> h.value().get().map(PythonLiveTest::namesOrigin).orElse(false));
    boolean realVary = real.all("Vary").stream().anyMatch(h -> namesOrigin(h.value()));
    if (modelVary != realVary) problems.add("Vary: Origin " + (modelVary ? "expected but not sent" : "sent but not expected"));
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static boolean namesOrigin(String vary) {
    for (String t : vary.split(",")) if (t.strip().equalsIgnoreCase("origin")) return true;
    return false;
  }


}
