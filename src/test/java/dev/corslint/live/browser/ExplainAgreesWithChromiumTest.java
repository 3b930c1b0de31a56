package dev.corslint.live.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.corslint.live.LiveNginx;
import dev.corslint.live.LoopbackRewrite;
import dev.corslint.live.NginxFixtures;
import dev.corslint.live.NginxInstallation;
import dev.corslint.live.NginxLiveTest;
import dev.corslint.live.StubUpstream;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.SourceFile;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code corslint explain} against a real headless Chromium (issue 8): for every live nginx fixture, the
 * verdict the Explainer gives for a request (allowed or blocked, and when blocked the exact console line) must
 * be what Chromium does when a page on that origin calls the running nginx with {@code fetch}.
 *
 * <p>Design, the simplest that exercises real verdicts:
 *
 * <ul>
 *   <li>nginx runs each fixture on loopback exactly as in {@link NginxLiveTest} ({@link LiveNginx}, with the
 *       proxied locations answered by {@link StubUpstream} with 200 and no CORS headers, which is the
 *       application the model assumes).
 *   <li>The pages are on the fixtures' own origins ({@code https://app.example.com}, the allow lists'
 *       entries): the driver maps each page origin's {@code host:port} with Chromium's
 *       {@code --host-resolver-rules} to a loopback page server (https with a throw-away self-signed
 *       certificate and {@code --ignore-certificate-errors}), so no allow list has to be rewritten and no
 *       fixed port is needed. Every other name resolves to 127.0.0.1.
 *   <li>The page fetches the server by its own name, so the Host header selects the server as in production.
 *       A server that listens with TLS in production (the scope's {@code tls} is not false, which is also
 *       how explain completes a bare path) is called at {@code https://<name>:<port><path>} through a TLS
 *       front of the driver that passes the bytes unchanged to nginx (the live harness runs nginx without
 *       TLS); a plain-http server at {@code http://<name>:<nginx port><path>}, so an https page calling it
 *       gets Chromium's real mixed-content block (the names are not loopback names, so Chromium checks it).
 *   <li>The Explainer is asked about the production URL ({@code https://<name><path>} or {@code http://...}),
 *       and its console line is compared after putting the URL actually fetched (with its loopback port) in
 *       its place: the port only appears in the text.
 *   <li>Requests: for each URL that a policy's sample path gives, from up to two intended origins of the
 *       policy and an attacker's, GET and PUT with no header, {@code Content-Type: application/json},
 *       {@code Authorization} or {@code X-Custom-Header}, and a bare DELETE, with and without credentials:
 *       18 fetches per origin. One browser serves the whole run, one page per origin.
 * </ul>
 *
 * <p>Fixtures: every complete configuration under {@code test-fixtures/nginx/} and, for the failures those do
 * not produce, {@code src/test/resources/live/browser/nginx/}. "unknown" verdicts are counted and not
 * compared. Skipped when nginx, node, chromium or playwright-core is missing, unless
 * {@code CORSLINT_REQUIRE_LIVE=1}. The full table is written to {@code target/live/browser-agreement.txt}.
 */
@Tag("live")
class ExplainAgreesWithChromiumTest {

  static final List<Path> FIXTURE_ROOTS =
      List.of(Path.of("test-fixtures/nginx"), Path.of("src/test/resources/live/browser/nginx"));
  private static final int HEAD_BYTES = 4096;

  /** One URL of one fixture: the server that answers it, the path, and the page origins to call it from. */
  record Target(
      String fixture, Path root, LoopbackRewrite.Server server, boolean tls, String path, Set<String> origins,
      Set<String> scopes) {}

  record FixturePlan(Path root, NginxFixtures.Fixture fixture, List<CorsPolicy> policies) {}

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void explainGivesChromiumsVerdictAndConsoleMessage() throws Exception {
    long started = System.nanoTime();
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    ChromiumDriver.requireOrSkip();
    Extractor extractor = NginxLiveTest.nginxExtractor();

    List<FixturePlan> plans = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Path root : FIXTURE_ROOTS) plans.addAll(plan(extractor, root, notes));
    assertFalse(plans.isEmpty(), "no nginx fixture to run");
    Set<String> allOrigins = new LinkedHashSet<>();
    for (FixturePlan p : plans) for (CorsPolicy policy : p.policies()) allOrigins.addAll(Agreement.origins(policy));
    long planned = System.nanoTime();

    Agreement.Report report = new Agreement.Report(null);
    Path out = Path.of("target/live/browser-agreement.txt");
    Files.createDirectories(out.getParent());
    List<ProcessHandle> leftovers = new ArrayList<>();
    try (StubUpstream stub = StubUpstream.start();
        ChromiumDriver chromium = ChromiumDriver.start(allOrigins, Path.of("target/live/browser-driver.log"))) {
      report.header("Chromium " + chromium.version() + "; --host-resolver-rules=" + chromium.hostResolverRules());
      report.timing(String.format(Locale.ROOT, "extraction %d ms, browser start %d ms",
          (planned - started) / 1_000_000, (System.nanoTime() - planned) / 1_000_000));
      try {
        for (FixturePlan plan : plans) runFixture(nginx, stub, chromium, plan, report);
      } finally {
        chromium.close();
        leftovers.addAll(chromium.stillAlive());
      }
    }
    notes.forEach(report::note);
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary = report.summary();
    report.headers.add(0, String.format(Locale.ROOT, "%s (%.1f s)", summary, seconds));
    Files.writeString(out, report.render(), StandardCharsets.UTF_8);
    System.out.println(summary + String.format(Locale.ROOT, " (%.1f s; table in %s)", seconds, out));

    if (!leftovers.isEmpty()) {
      leftovers.forEach(ProcessHandle::destroyForcibly);
      fail("processes of the browser outlived the test: " + leftovers);
    }
    if (!report.failures.isEmpty() || !report.disagreements.isEmpty()) fail(report.failureText(out));
  }

  /** Complete configurations under {@code root} with the policies the real extractor builds for each. */
  static List<FixturePlan> plan(Extractor extractor, Path root, List<String> notes) throws IOException {
    NginxFixtures.Discovery discovery = NginxFixtures.discover(root);
    discovery.skipped().forEach(s -> notes.add("not run: " + root + "/" + s));
    FileSystemSourceTree tree = new FileSystemSourceTree(root);
    List<SourceFile> accepted = tree.files().stream().filter(f -> extractor.accepts(f, tree.head(f, HEAD_BYTES))).toList();
    Extraction extraction = extractor.extract(accepted, tree);
    List<FixturePlan> out = new ArrayList<>();
    for (NginxFixtures.Fixture fixture : discovery.fixtures()) {
      List<CorsPolicy> policies =
          extraction.policies().stream().filter(p -> fixture.files().contains(p.scope().span().file())).toList();
      out.add(new FixturePlan(root, fixture, policies));
    }
    return out;
  }

  private static void runFixture(
      NginxInstallation nginx, StubUpstream stub, ChromiumDriver chromium, FixturePlan plan, Agreement.Report report) {
    String entry = plan.root() + "/" + plan.fixture().entry();
    if (plan.fixture().usesHeadersMore() && nginx.headersMoreModule().isEmpty() && !NginxInstallation.liveRequired()) {
      report.note(entry + " skipped: the headers-more module is not installed");
      return;
    }
    if (plan.policies().isEmpty()) {
      report.note(entry + ": no policy extracted; nothing to explain");
      return;
    }
    long t0 = System.nanoTime();
    int before = report.requests;
    try (LiveNginx live = LiveNginx.start(nginx, plan.root(), plan.fixture().entry(), stub.port())) {
      long t1 = System.nanoTime();
      for (CorsPolicy p : plan.policies()) live.ensureStaticFile(p.samplePath());
      try {
        Map<Integer, Integer> fronts = new LinkedHashMap<>();
        for (Target t : targets(entry, plan, live.servers(), report)) {
          String host = t.server().requestHost();
          String fetched =
              t.tls()
                  ? "https://" + host + ":" + fronts.computeIfAbsent(t.server().port(), p -> tlsFront(chromium, p)) + t.path()
                  : "http://" + host + ":" + t.server().port() + t.path();
          String model = (t.tls() ? "https://" : "http://") + host + t.path();
          runTarget(chromium, plan, t, fetched, model, report, live);
        }
      } finally {
        chromium.closeTlsFronts();
      }
      report.timing(String.format(Locale.ROOT, "%-70s nginx start %5d ms, %4d requests in %6d ms",
          entry, (t1 - t0) / 1_000_000, report.requests - before, (System.nanoTime() - t1) / 1_000_000));
    } catch (Exception | AssertionError e) {
      report.failure(entry + ": " + e);
    }
  }

  /** The distinct (server, path) pairs of a fixture's policies, with the origins of every policy there. */
  private static List<Target> targets(
      String entry, FixturePlan plan, List<LoopbackRewrite.Server> servers, Agreement.Report report) {
    Map<String, Target> byKey = new LinkedHashMap<>();
    for (CorsPolicy p : plan.policies()) {
      Optional<LoopbackRewrite.Server> server = NginxLiveTest.serverOf(p, servers);
      if (server.isEmpty() || server.get().requestHost() == null) {
        report.note(entry + ": scope '" + p.scope().description() + "' has no server reachable by name; not run");
        continue;
      }
      String key = server.get().file() + ":" + server.get().line() + " " + p.samplePath();
      Target t =
          byKey.computeIfAbsent(
              key,
              k ->
                  new Target(
                      entry, plan.root(), server.get(), !p.scope().tls().is(false), p.samplePath(),
                      new LinkedHashSet<>(), new LinkedHashSet<>()));
      t.origins().addAll(Agreement.origins(p));
      t.scopes().add(p.scope().description() + " (" + p.scope().span() + ")");
    }
    return new ArrayList<>(byKey.values());
  }

  private static int tlsFront(ChromiumDriver chromium, int port) {
    try {
      return chromium.tlsFront(port);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void runTarget(
      ChromiumDriver chromium, FixturePlan plan, Target t, String fetchedUrl, String modelUrl, Agreement.Report report,
      LiveNginx live) {
    for (String origin : t.origins()) {
      for (Agreement.Probe probe : Agreement.probes(origin)) {
        Agreement.ModelAnswer model =
            Agreement.ask(probe, modelUrl, plan.policies(), s -> t.server().encloses(s.file(), s.line()), t.server().describe());
        ChromiumDriver.Outcome outcome;
        try {
          outcome = chromium.fetch(origin, fetchedUrl, probe.method(), probe.headers(), probe.credentials());
        } catch (IOException e) {
          report.failure(t.fixture() + ": " + probe.describe(fetchedUrl) + ": " + e.getMessage() + "\n" + live.errorLog());
          return;
        }
        report.compare(t.fixture() + " · " + t.server().describe() + " · " + t.path(), probe, fetchedUrl, model, outcome);
      }
    }
  }
}
