package dev.corslint.live.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.corslint.explain.ExplainRequest;
import dev.corslint.explain.Explainer;
import dev.corslint.explain.Explanation;
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
import dev.corslint.model.SourceSpan;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.IOException;
import java.net.URI;
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
import org.junit.jupiter.api.Assumptions;
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
  static final String ATTACKER = "https://attacker.example";
  /** The page origin for scopes that name none (a wildcard): the fixtures' usual front end. */
  static final String FRONT_END = "https://app.example.com";
  static final List<String> METHODS = List.of("GET", "PUT", "DELETE");
  static final List<String> HEADER_SETS = List.of("", "Content-Type", "Authorization", "X-Custom-Header");

  /** GET and PUT with every header set; DELETE bare (with headers it only repeats PUT's answers). */
  static List<Probe> probes(String origin) {
    List<Probe> out = new ArrayList<>();
    for (boolean credentials : List.of(false, true)) {
      for (String method : METHODS) {
        for (String headerSet : HEADER_SETS) {
          if (method.equals("DELETE") && !headerSet.isEmpty()) continue;
          out.add(new Probe(origin, method, headerSet, credentials));
        }
      }
    }
    return out;
  }

  private static final int HEAD_BYTES = 4096;

  /** One URL of one fixture: the server that answers it, the path, and the page origins to call it from. */
  record Target(
      String fixture, Path root, LoopbackRewrite.Server server, boolean tls, String path, Set<String> origins,
      Set<String> scopes) {}

  record FixturePlan(Path root, NginxFixtures.Fixture fixture, List<CorsPolicy> policies) {}

  /** One request: what the page does. */
  record Probe(String origin, String method, String headerSet, boolean credentials) {

    Map<String, String> headers() {
      return switch (headerSet) {
        case "" -> Map.of();
        case "Content-Type" -> Map.of("Content-Type", "application/json");
        case "Authorization" -> Map.of("Authorization", "Bearer corslint");
        default -> Map.of(headerSet, "corslint");
      };
    }

    ExplainRequest explainRequest(String url) {
      List<String> names = headerSet.isEmpty() || headerSet.equals("Content-Type") ? List.of() : List.of(headerSet);
      String contentType = headerSet.equals("Content-Type") ? "application/json" : null;
      return new ExplainRequest(url, origin, method, names, contentType, credentials);
    }

    String describe(String url) {
      StringBuilder s = new StringBuilder(method + " " + url + " from " + origin);
      headers().forEach((name, value) -> s.append(" with ").append(name).append(": ").append(value));
      if (credentials) s.append(", credentials: 'include'");
      return s.toString();
    }
  }

  /** What the Explainer said for one request at the server that answers it. */
  record ModelAnswer(
      String verdict, String corsError, String consoleMessage, String modelUrl, String scope, String note, String exchanges,
      List<String> otherServers) {

    ModelAnswer(String verdict, String corsError, String consoleMessage, String modelUrl, String scope, String note) {
      this(verdict, corsError, consoleMessage, modelUrl, scope, note, null, List.of());
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void explainGivesChromiumsVerdictAndConsoleMessage() throws Exception {
    long started = System.nanoTime();
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    List<String> missing = ChromiumDriver.missing();
    if (!missing.isEmpty()) {
      String why = "browser agreement test needs: " + String.join("; ", missing);
      if (NginxInstallation.liveRequired()) fail(why + " (CORSLINT_REQUIRE_LIVE=1)");
      Assumptions.abort(why);
    }
    Extractor extractor = NginxLiveTest.nginxExtractor();

    List<FixturePlan> plans = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Path root : FIXTURE_ROOTS) plans.addAll(plan(extractor, root, notes));
    assertFalse(plans.isEmpty(), "no nginx fixture to run");
    Set<String> allOrigins = new LinkedHashSet<>();
    for (FixturePlan p : plans) for (CorsPolicy policy : p.policies()) allOrigins.addAll(origins(policy));
    long planned = System.nanoTime();

    Report report = new Report();
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

  /** Up to two origins the policy means to allow (as pages can have them), and an attacker's. */
  static List<String> origins(CorsPolicy policy) {
    Set<String> out = new LinkedHashSet<>();
    try {
      policy.allowedOrigins().intendedOrigins().stream().filter(o -> pageOrigin(o).isPresent()).limit(2).forEach(out::add);
    } catch (RuntimeException e) {
      // a matcher that cannot name its origins still gets the fixed ones
    }
    if (out.isEmpty()) out.add(FRONT_END);
    out.add(ATTACKER);
    return new ArrayList<>(out);
  }

  /** {@code origin} when a page can have exactly that serialized origin (http or https, canonical form). */
  static Optional<String> pageOrigin(String origin) {
    if (origin == null) return Optional.empty();
    try {
      URI u = new URI(origin);
      String scheme = u.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) return Optional.empty();
      String host = u.getHost();
      if (host == null || !host.matches("[a-z0-9.-]+") || host.startsWith(".") || host.endsWith(".")) return Optional.empty();
      if (u.getRawPath() != null && !u.getRawPath().isEmpty()) return Optional.empty();
      if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) return Optional.empty();
      int port = u.getPort();
      boolean defaultPort = port == -1;
      if (port == (scheme.equals("https") ? 443 : 80)) return Optional.empty(); // not serialized that way
      String serialized = scheme + "://" + host + (defaultPort ? "" : ":" + port);
      return serialized.equals(origin) ? Optional.of(origin) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static void runFixture(
      NginxInstallation nginx, StubUpstream stub, ChromiumDriver chromium, FixturePlan plan, Report report) {
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
      String entry, FixturePlan plan, List<LoopbackRewrite.Server> servers, Report report) {
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
      t.origins().addAll(origins(p));
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
      ChromiumDriver chromium, FixturePlan plan, Target t, String fetchedUrl, String modelUrl, Report report,
      LiveNginx live) {
    for (String origin : t.origins()) {
      for (Probe probe : probes(origin)) {
        ModelAnswer model = ask(probe, modelUrl, plan.policies(), t.server());
        ChromiumDriver.Outcome outcome;
        try {
          outcome = chromium.fetch(origin, fetchedUrl, probe.method(), probe.headers(), probe.credentials());
        } catch (IOException e) {
          report.failure(t.fixture() + ": " + probe.describe(fetchedUrl) + ": " + e.getMessage() + "\n" + live.errorLog());
          return;
        }
        report.compare(t, probe, fetchedUrl, model, outcome);
      }
    }
  }

  /**
   * The Explainer's answer for the scope the real nginx uses: among the scopes the explanation shows, those of
   * the server that answers the request. Several that disagree, or none, are reported as such.
   */
  static ModelAnswer ask(Probe probe, String modelUrl, List<CorsPolicy> policies, LoopbackRewrite.Server server) {
    Explanation e;
    try {
      e = Explainer.explain(probe.explainRequest(modelUrl), policies);
    } catch (RuntimeException ex) {
      return new ModelAnswer("error", null, null, modelUrl, null, "Explainer.explain threw " + ex);
    }
    List<Explanation.ScopeAnswer> here = new ArrayList<>();
    List<String> elsewhere = new ArrayList<>();
    for (Explanation.ScopeAnswer a : e.scopes()) {
      SourceSpan s = a.span();
      if (s != null && server.encloses(s.file(), s.line())) here.add(a);
      else elsewhere.add(a.scope() + " (" + a.span() + ")");
    }
    if (here.isEmpty()) {
      List<String> shown = e.scopes().stream().map(a -> a.scope() + " (" + a.span() + ")").toList();
      return new ModelAnswer(
          "no scope", null, null, modelUrl, null,
          "explain shows no scope of " + server.describe() + "; it shows " + (shown.isEmpty() ? "none" : shown)
              + (e.notes().isEmpty() ? "" : "; notes: " + e.notes()));
    }
    Explanation.ScopeAnswer first = here.get(0);
    for (Explanation.ScopeAnswer a : here) {
      if (!a.verdict().equals(first.verdict()) || !java.util.Objects.equals(a.consoleMessage(), first.consoleMessage())) {
        List<String> all = here.stream().map(x -> x.scope() + ": " + x.verdict()).toList();
        return new ModelAnswer("unknown", null, null, modelUrl, first.scope(), "several scopes of the server, different answers: " + all);
      }
    }
    String note = first.verdict().equals("unknown") ? String.join("; ", first.unknowns()) : null;
    return new ModelAnswer(
        first.verdict(), first.corsError(), first.consoleMessage(), modelUrl,
        first.scope() + " (" + first.span() + ")" + (here.size() > 1 ? " and " + (here.size() - 1) + " more" : ""), note,
        exchanges(first), elsewhere);
  }

  /** The responses the explanation shows, one line each: what the model thought nginx answers. */
  static String exchanges(Explanation.ScopeAnswer a) {
    StringBuilder s = new StringBuilder();
    for (Explanation.Exchange x : new Explanation.Exchange[] {a.preflight(), a.actual()}) {
      if (x == null) continue;
      if (s.length() > 0) s.append(" | ");
      s.append(x.requestLine()).append(" -> ").append(x.status() == null ? "?" : x.status());
      for (Explanation.Header h : x.headers()) {
        s.append("; ").append(h.name()).append(": ").append(h.value() == null ? "(unknown)" : h.value());
      }
    }
    return s.toString();
  }

  /** The model's console line for the URL that was actually fetched (its first quoted occurrence). */
  static String substituteUrl(String message, String modelUrl, String fetchedUrl) {
    if (message == null) return null;
    int at = message.indexOf("'" + modelUrl + "'");
    if (at < 0) return message;
    return message.substring(0, at + 1) + fetchedUrl + message.substring(at + 1 + modelUrl.length());
  }

  /** Counts, the full table, and the disagreements. */
  static final class Report {
    final List<String> headers = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    final List<String> disagreements = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> timings = new ArrayList<>();
    private final Map<String, Integer> unknownReasons = new LinkedHashMap<>();
    private final Map<String, Integer> chromiumErrors = new LinkedHashMap<>();
    private final Map<String, Integer> otherServers = new LinkedHashMap<>();
    int requests;
    int allowed;
    int blocked;
    int unknown;

    void header(String line) {
      headers.add(line);
    }

    void note(String line) {
      notes.add(line);
    }

    void timing(String line) {
      timings.add(line);
    }

    void failure(String line) {
      failures.add(line);
    }

    void compare(Target t, Probe probe, String fetchedUrl, ModelAnswer model, ChromiumDriver.Outcome outcome) {
      requests++;
      String chromeMessage = outcome.blockingMessage();
      String chromeVerdict = outcome.ok() ? "allowed" : chromeMessage != null ? "blocked" : "failed";
      String where = t.fixture() + " · " + t.server().describe() + " · " + t.path();
      String request = probe.describe(fetchedUrl);
      String chromeLine =
          chromeVerdict
              + (outcome.ok() ? " (status " + outcome.status() + ")" : "")
              + (outcome.corsError() != null ? " [" + outcome.corsError() + (outcome.failedParameter() == null || outcome.failedParameter().isEmpty() ? "" : " " + outcome.failedParameter()) + "]" : "")
              + (outcome.corsError() == null && outcome.blockedReason() != null ? " [" + outcome.blockedReason() + "]" : "")
              + (chromeMessage != null ? "\n      " + chromeMessage : "")
              + (chromeVerdict.equals("failed") ? "\n      " + outcome.error() + " " + outcome.errorLines() : "");
      String expected = substituteUrl(model.consoleMessage(), model.modelUrl(), fetchedUrl);
      String modelLine =
          model.verdict()
              + (model.corsError() != null ? " [" + model.corsError() + "]" : "")
              + (expected != null ? "\n      " + expected : "")
              + (model.note() != null ? "\n      (" + model.note() + ")" : "");
      if (!model.otherServers().isEmpty()) {
        otherServers.merge(t.fixture() + " " + t.path() + ": also shows " + model.otherServers(), 1, Integer::sum);
      }
      if (!outcome.ok() && chromeMessage == null) {
        chromiumErrors.merge(String.valueOf(outcome.errorText()), 1, Integer::sum);
      }

      String problem = null;
      if (model.verdict().equals("unknown")) {
        unknown++;
        unknownReasons.merge(String.valueOf(model.note()), 1, Integer::sum);
      } else {
        if (outcome.ok()) allowed++;
        else blocked++;
        if (model.verdict().equals("error") || model.verdict().equals("no scope")) {
          problem = "explain gave no verdict";
        } else if (chromeVerdict.equals("failed")) {
          problem = "Chromium failed without a CORS or mixed-content message";
        } else if (!model.verdict().equals(chromeVerdict)) {
          problem = "verdict differs";
        } else if (chromeVerdict.equals("blocked") && !chromeMessage.equals(expected)) {
          problem = "console message differs";
        } else if (chromeVerdict.equals("blocked") && model.corsError() != null) {
          // CDP names a CORS failure in corsErrorStatus and a mixed-content block in blockedReason
          String chromeError = outcome.corsError() != null ? outcome.corsError() : outcome.blockedReason();
          if (chromeError != null && !chromeError.equals(model.corsError())) problem = "corsError differs";
        }
      }
      String row =
          where + "\n  request:  " + request + "\n    explain:  " + modelLine + "\n    chromium: " + chromeLine
              + (model.scope() != null ? "\n    scope:    " + model.scope() : "")
              + (problem != null && model.exchanges() != null ? "\n    model's responses: " + model.exchanges() : "");
      rows.add((problem == null ? "" : "DISAGREE (" + problem + ") ") + row);
      if (problem != null) disagreements.add(problem + ": " + row);
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "browser agreement: %d requests, %d allowed, %d blocked, %d unknown, %d disagreements",
          requests, allowed, blocked, unknown, disagreements.size());
    }

    String render() {
      StringBuilder s = new StringBuilder();
      headers.forEach(h -> s.append(h).append('\n'));
      if (!unknownReasons.isEmpty()) {
        s.append("\nunknown verdicts (not compared):\n");
        unknownReasons.forEach((k, v) -> s.append("  ").append(v).append(" × ").append(k).append('\n'));
      }
      if (!chromiumErrors.isEmpty()) {
        s.append("\nChromium failures without a CORS or mixed-content message, by errorText:\n");
        chromiumErrors.forEach((k, v) -> s.append("  ").append(v).append(" × ").append(k).append('\n'));
      }
      if (!otherServers.isEmpty()) {
        s.append("\nexplanations that also show scopes of servers that do not answer the request (compared: the server's own):\n");
        otherServers.forEach((k, v) -> s.append("  ").append(v).append(" × ").append(k).append('\n'));
      }
      if (!notes.isEmpty()) {
        s.append("\nnotes:\n");
        notes.forEach(n -> s.append("  ").append(n).append('\n'));
      }
      if (!failures.isEmpty()) {
        s.append("\nharness failures:\n");
        failures.forEach(f -> s.append("  ").append(f).append('\n'));
      }
      s.append("\ntime per fixture:\n");
      timings.forEach(t -> s.append("  ").append(t).append('\n'));
      s.append("\nevery request:\n");
      rows.forEach(r -> s.append(r).append('\n'));
      return s.toString();
    }

    String failureText(Path out) {
      StringBuilder s = new StringBuilder(summary()).append('\n');
      if (!failures.isEmpty()) {
        s.append("\nharness failures:\n");
        failures.forEach(f -> s.append("  ").append(f).append('\n'));
      }
      if (!disagreements.isEmpty()) {
        s.append("\ndisagreements between explain and Chromium:\n");
        int shown = 0;
        for (String d : disagreements) {
          if (s.length() > 60_000) break;
          s.append(d).append("\n\n");
          shown++;
        }
        if (shown < disagreements.size()) s.append("... ").append(disagreements.size() - shown).append(" more\n");
      }
      s.append("full table: ").append(out);
      return s.toString();
    }
  }
}
