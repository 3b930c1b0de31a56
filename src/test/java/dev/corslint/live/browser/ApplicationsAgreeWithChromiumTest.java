package dev.corslint.live.browser;

import static org.junit.jupiter.api.Assertions.fail;

import dev.corslint.ecosystems.django.DjangoExtractor;
import dev.corslint.live.RunTimeInputs;
import dev.corslint.live.django.PythonFixtures;
import dev.corslint.live.express.ExpressFixtures;
import dev.corslint.live.spring.LiveSpringApp;
import dev.corslint.live.spring.SpringFixtures;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code corslint explain} against a real headless Chromium for the applications the other live tests run
 * (issue 8): the Express fixtures under Node, the Django, Flask and FastAPI fixtures under Python, the Spring
 * fixtures in Spring Boot. Each application is started as its own live test starts it ({@link ExpressFixtures},
 * {@link PythonFixtures}, {@link SpringFixtures}), and a page on each request's origin calls it with
 * {@code fetch}; the Explainer, given the application's policies, must give Chromium's verdict and, when
 * blocked, its exact console line.
 *
 * <p>As in {@link ExplainAgreesWithChromiumTest}: pages are on the policies' own origins, mapped to loopback
 * by the driver; each scope is called by the host and scheme explain gives it (its own, else
 * {@code api.example.com} over https): with TLS through a TLS front that passes the bytes to the application's
 * plain-http loopback port, without over plain http (an https page then gets Chromium's mixed-content block);
 * explain is asked about the URL without the port and its console line compared with the port put in; the request
 * matrix is {@link Agreement#probes} from up to two intended origins and an attacker's, for each scope's
 * sample path (for Python, the paths its live test probes). A Spring application with Spring Security is sent
 * working HTTP Basic credentials as its Authorization header; the requests its model does not describe (see
 * {@link Spring}) are counted as unknown and not sent. One browser serves the three ecosystems; each prints its own summary line and writes
 * its table to {@code target/live/browser-agreement-<ecosystem>.txt}. An ecosystem whose runtime is absent is
 * skipped unless {@code CORSLINT_REQUIRE_LIVE=1}.
 */
@Tag("live")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationsAgreeWithChromiumTest {

  /** The host the applications are called by; no scope here names its own. */
  static final String API_HOST = "api.example.com";
  private static final Path WORK = Path.of("target/live/browser-apps").toAbsolutePath();
  private static final String SPRING_AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString((LiveSpringApp.USER + ":" + LiveSpringApp.PASSWORD).getBytes(StandardCharsets.UTF_8));

  /** One application as the browser calls it: the policies explain is given, and how to start it. */
  /**
   * One application as the browser calls it.
   *
   * @param policies what explain is given: the application's policies as the scan builds them
   * @param served the policies of the configuration that runs (a project may have several settings modules),
   *     whose scopes' answers are compared; their sample paths are called unless {@code paths} names others
   * @param unset the variables the policies read at run time that the server runs without: an unknown answer
   *     whose cases are all about these is compared through them
   */
  record App(
      String label, List<CorsPolicy> policies, List<CorsPolicy> served, Launcher launcher, String authorization,
      List<String> paths, Spring spring, Set<String> unset) {
    /** An application every policy of which runs, called at its scopes' sample paths. */
    App(String label, List<CorsPolicy> policies, Launcher launcher, String authorization, Spring spring, Set<String> unset) {
      this(label, policies, policies, launcher, authorization, null, spring, unset);
    }

    boolean answers(SourceSpan span) {
      return served.stream().anyMatch(p -> p.scope().span().equals(span));
    }
  }

  /**
   * What a Spring application's model leaves out, so that those requests are not sent: with Spring Security,
   * the model answers an actual request as for a signed-in user (the page signs in only through the
   * Authorization header).
   */
  record Spring(boolean secured) {}

  /** Starts an application and gives its loopback port; closing stops it. */
  interface Launcher {
    Running start() throws Exception;
  }

  interface Running extends AutoCloseable {
    /** The loopback port, or -1 when the application did not start (said by {@link #why()}). */
    int port();

    default String why() {
      return null;
    }
  }

  private final Map<String, List<App>> plans = new LinkedHashMap<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private ChromiumDriver chromium;
  private String browserProblem;
  private long browserStartMs;

  @BeforeAll
  void startBrowser() throws Exception {
    List<String> missing = ChromiumDriver.missing();
    if (!missing.isEmpty()) {
      browserProblem = "browser agreement test needs: " + String.join("; ", missing);
      return;
    }
    plans.put("express", expressApps());
    plans.put("python", pythonApps());
    plans.put("spring", springApps());
    Set<String> origins = new LinkedHashSet<>();
    for (List<App> apps : plans.values()) {
      for (App a : apps) for (CorsPolicy p : a.policies()) origins.addAll(Agreement.origins(p));
    }
    long t0 = System.nanoTime();
    chromium = ChromiumDriver.start(origins, Path.of("target/live/browser-apps-driver.log"));
    browserStartMs = (System.nanoTime() - t0) / 1_000_000;
  }

  @AfterAll
  void closeBrowser() {
    if (chromium == null) return;
    chromium.close();
    List<ProcessHandle> leftovers = chromium.stillAlive();
    if (!leftovers.isEmpty()) {
      leftovers.forEach(ProcessHandle::destroyForcibly);
      fail("processes of the browser outlived the test: " + leftovers);
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void expressAgrees() throws Exception {
    run("express");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void pythonAgrees() throws Exception {
    run("python");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void springAgrees() throws Exception {
    run("spring");
  }

  // ---------------------------------------------------------------- the applications

  private List<App> expressApps() {
    String missing = ExpressFixtures.missingRuntime();
    if (missing != null) {
      skipped.put("express", missing);
      return List.of();
    }
    List<App> out = new ArrayList<>();
    for (ExpressFixtures.Run run : ExpressFixtures.runs()) {
      Set<String> unset = RunTimeInputs.unsetFor(run.policies(), EXPRESS_RUNNER_SETS);
      out.add(new App(run.label(), run.policies(), () -> {
        ExpressFixtures.RunningApp app = ExpressFixtures.RunningApp.start(run, unset);
        return new Running() {
          @Override
          public int port() {
            return app.port();
          }

          @Override
          public void close() {
            app.close();
          }
        };
      }, Agreement.AUTHORIZATION, null, unset));
    }
    return out;
  }

  private List<App> pythonApps() throws Exception {
    PythonFixtures.Installation installed = PythonFixtures.Installation.detect();
    if (!installed.missing().isEmpty()) skipped.put("python", "not installed: " + installed.missing());
    List<App> out = new ArrayList<>();
    PythonFixtures.deleteTree(WORK.resolve("python"));
    for (Map.Entry<String, List<PythonFixtures.Entry>> project : installed.byProject().entrySet()) {
      Path dir = WORK.resolve("python").resolve(project.getKey());
      PythonFixtures.copyTree(PythonFixtures.FIXTURES.resolve(project.getKey()), dir);
      // what explain sees of the project in production: every policy but the DEBUG = True views
      Extraction x = PythonFixtures.extract(dir, new DjangoExtractor(installed.version()));
      List<CorsPolicy> production = x.policies().stream()
          .filter(p -> !p.scope().description().contains("DEBUG = True")).toList();
      List<CorsPolicy> served = new ArrayList<>();
      for (PythonFixtures.Entry e : project.getValue()) {
        CorsPolicy p = PythonFixtures.select(x, e);
        if (!served.contains(p)) served.add(p);
      }
      List<String> paths = project.getValue().stream().map(PythonFixtures.Entry::path).distinct().toList();
      PythonFixtures.Entry first = project.getValue().get(0);
      Set<String> unset = RunTimeInputs.unsetFor(production, PythonFixtures.RUNNER_SETS);
      out.add(new App(first.kind() + " " + project.getKey(), production, served, () -> {
        PythonFixtures.RunningProject server = PythonFixtures.RunningProject.start(first, dir, unset);
        return new Running() {
          @Override
          public int port() {
            return server.port();
          }

          @Override
          public void close() throws InterruptedException {
            server.close();
          }
        };
      }, Agreement.AUTHORIZATION, paths, null, unset));
    }
    return out;
  }

  private List<App> springApps() throws IOException {
    if (!LiveSpringApp.available()) {
      skipped.put("spring", "Spring Boot or the JDK compiler is not available to the test");
      return List.of();
    }
    List<App> out = new ArrayList<>();
    for (SpringFixtures.Run run : SpringFixtures.RUNS) {
      Path app = SpringFixtures.FIXTURES.resolve(run.fixture());
      boolean security = SpringFixtures.buildDeclaresSecurity(app);
      String mainClass = SpringFixtures.mainClass(app);
      out.add(new App(run.label(), SpringFixtures.model(app, run.profile()), () -> {
        LiveSpringApp live = LiveSpringApp.compile(app);
        try {
          live.start(mainClass, run.profile(), security, run.args());
        } catch (Exception | Error e) {
          live.close();
          throw e;
        }
        return new Running() {
          @Override
          public int port() {
            return live.started() ? live.port() : -1;
          }

          @Override
          public String why() {
            return live.started() ? null : "did not start: " + live.rootCause();
          }

          @Override
          public void close() {
            live.close();
          }
        };
      }, security ? SPRING_AUTHORIZATION : Agreement.AUTHORIZATION, new Spring(security), Set.of()));
    }
    return out;
  }

  /** Variables the Express runner sets for every fixture, so their unset case never runs. */
  private static final Set<String> EXPRESS_RUNNER_SETS = Set.of("PORT", "NODE_PATH", "NODE_ENV");
  // ---------------------------------------------------------------- the run

  private void run(String ecosystem) throws Exception {
    boolean required = "1".equals(System.getenv("CORSLINT_REQUIRE_LIVE"));
    if (browserProblem != null) {
      if (required) fail(browserProblem + " (CORSLINT_REQUIRE_LIVE=1)");
      Assumptions.abort(browserProblem);
    }
    String skip = skipped.get(ecosystem);
    if (skip != null && required) fail(ecosystem + ": " + skip + " (CORSLINT_REQUIRE_LIVE=1)");
    List<App> apps = plans.get(ecosystem);
    Assumptions.assumeFalse(apps.isEmpty(), ecosystem + ": nothing to run" + (skip == null ? "" : ": " + skip));

    long started = System.nanoTime();
    Agreement.Report report = new Agreement.Report(ecosystem);
    report.header("Chromium " + chromium.version() + "; browser started in " + browserStartMs + " ms, shared by the ecosystems");
    if (skip != null) report.note(skip);
    for (App app : apps) runApp(app, report);
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary = report.summary();
    report.headers.add(0, String.format(Locale.ROOT, "%s (%.1f s)", summary, seconds));
    Path out = Path.of("target/live/browser-agreement-" + ecosystem + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.render(), StandardCharsets.UTF_8);
    System.out.println(summary + String.format(Locale.ROOT, " (%.1f s; table in %s)", seconds, out));
    if (!report.failures.isEmpty() || !report.disagreements.isEmpty()) fail(report.failureText(out));
    if (report.requests == 0) fail(ecosystem + ": no request was compared\n" + report.render());
  }

  private void runApp(App app, Agreement.Report report) {
    if (app.policies().isEmpty()) {
      report.note(app.label() + ": no policy; nothing to explain");
      return;
    }
    long t0 = System.nanoTime();
    int before = report.requests;
    try (Running running = app.launcher().start()) {
      long t1 = System.nanoTime();
      if (running.port() < 0) {
        report.note(app.label() + ": " + running.why() + " (the Spring live test compares that with the model)");
        return;
      }
      report.fixtures++;
      report.policies += app.policies().size();
      try {
        Integer front = null;
        for (Target t : targets(app).values()) {
          if (t.tls() && front == null) front = tlsFront(running.port());
          String model = (t.tls() ? "https://" : "http://") + t.host() + t.path();
          String fetched = (t.tls() ? "https://" + t.host() + ":" + front : "http://" + t.host() + ":" + running.port()) + t.path();
          runTarget(app, t, fetched, model, report);
        }
      } finally {
        chromium.closeTlsFronts();
      }
      report.timing(String.format(Locale.ROOT, "%-60s start %5d ms, %4d requests in %6d ms",
          app.label(), (t1 - t0) / 1_000_000, report.requests - before, (System.nanoTime() - t1) / 1_000_000));
    } catch (Exception | AssertionError e) {
      report.failure(app.label() + ": " + e);
    }
  }

  /** One URL of an application: the scope's own host and scheme in production, the path, the page origins. */
  record Target(String host, boolean tls, String path, Set<String> origins) {}

  /**
   * The URLs of the served scopes: each scope's sample path (or the application's own paths that it serves) at
   * the host and scheme explain gives it ({@value #API_HOST} when it names none), with the origins of every
   * scope there; an application called at its own paths is called there from the origins of all its scopes, so
   * that a path one scope takes from another is also asked about with the other's origins.
   */
  private static Map<String, Target> targets(App app) {
    Map<String, Target> out = new LinkedHashMap<>();
    Set<String> everyOrigin = new LinkedHashSet<>();
    if (app.paths() != null) for (CorsPolicy p : app.served()) everyOrigin.addAll(Agreement.origins(p));
    for (CorsPolicy p : app.served()) {
      boolean tls = !p.scope().tls().is(false);
      String host = p.scope().host().get().orElse(API_HOST);
      List<String> paths = app.paths() == null ? List.of(p.samplePath())
          : app.paths().stream().filter(path -> p.serves(path) != Tri.NO).toList();
      for (String path : paths) {
        Target t = out.computeIfAbsent(tls + " " + host + path, k -> new Target(host, tls, path, new LinkedHashSet<>()));
        t.origins().addAll(Agreement.origins(p));
        t.origins().addAll(everyOrigin);
      }
    }
    return out;
  }

  private int tlsFront(int port) {
    try {
      return chromium.tlsFront(port);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Why the Spring model does not answer {@code probe} as the running application does, or null. */
  static String springLeavesOut(Spring spring, Agreement.Probe probe) {
    if (spring.secured() && !probe.headerSet().equals("Authorization")) {
      return "Spring Security: the model answers an actual request for a signed-in user; this page sends no credentials";
    }
    return null;
  }

  private void runTarget(App app, Target t, String fetchedUrl, String modelUrl, Agreement.Report report) {
    for (String origin : t.origins()) {
      for (Agreement.Probe probe : Agreement.probes(origin, app.authorization())) {
        String left = app.spring() == null ? null : springLeavesOut(app.spring(), probe);
        if (left != null) {
          report.notCompared(app.label() + " · " + t.path(), probe, fetchedUrl, left);
          continue;
        }
        Agreement.ModelAnswer model = Agreement.ask(probe, modelUrl, app.policies(), app::answers, app.label(), app.unset());
        ChromiumDriver.Outcome outcome;
        try {
          outcome = chromium.fetch(origin, fetchedUrl, probe.method(), probe.headers(), probe.credentials());
        } catch (IOException e) {
          report.failure(app.label() + ": " + probe.describe(fetchedUrl) + ": " + e.getMessage());
          return;
        }
        report.compare(app.label() + " · " + t.path(), probe, fetchedUrl, model, outcome);
      }
    }
  }
}
