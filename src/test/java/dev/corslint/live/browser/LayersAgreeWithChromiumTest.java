package dev.corslint.live.browser;

import static org.junit.jupiter.api.Assertions.fail;

import dev.corslint.live.LiveNginx;
import dev.corslint.live.LoopbackRewrite;
import dev.corslint.live.NginxInstallation;
import dev.corslint.live.NginxLiveTest;
import dev.corslint.live.django.PythonFixtures;
import dev.corslint.live.express.ExpressFixtures;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.ProxiedPolicy;
import dev.corslint.model.Tri;
import dev.corslint.scan.FileSelection;
import dev.corslint.scan.Scanner;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code corslint explain} against a real headless Chromium for requests that pass through nginx to the
 * application of the same repository: the verdict and console line explain gives on the combined response of
 * both layers must be what Chromium does when a page calls the nginx server.
 *
 * <p>Each fixture under {@code test-fixtures/layers/} runs as {@code ProxiedExpressLiveTest} runs it: the real
 * application on a loopback port (Express under Node, Django under the Django runner of the Python live test),
 * the fixture's own nginx configuration with every {@code proxy_pass} sent to that port ({@link LiveNginx}).
 * Explain is given the policies the scan of the whole fixture directory builds, as {@code corslint explain
 * <fixture>} does, so it picks the linked nginx location; its answer for the nginx server that Chromium calls is
 * compared. The pages, the TLS front for https scopes, the URL substitution in the console line and the request
 * matrix are those of {@link ExplainAgreesWithChromiumTest} ({@link Agreement}, {@link ChromiumDriver}); each
 * linked location is called at its sample path and at the application's own routes that it serves, from up to
 * two intended origins of either layer and an attacker's.
 *
 * <p>A fixture whose application runtime is absent is skipped, unless {@code CORSLINT_REQUIRE_LIVE=1}. The
 * full table is written to {@code target/live/browser-agreement-layers.txt}.
 */
@Tag("live")
class LayersAgreeWithChromiumTest {

  static final Path LAYERS = Path.of("test-fixtures/layers");
  private static final Path WORK = Path.of("target/live/browser-layers").toAbsolutePath();

  /**
   * One fixture: its nginx entry file, the application's own routes (called besides the sample paths) and
   * how the application starts, or why it cannot start here.
   */
  record Layered(
      String name, String nginxEntry, List<String> routes, String missing,
      ApplicationsAgreeWithChromiumTest.Launcher launcher) {
    Path root() {
      return LAYERS.resolve(name);
    }
  }

  /** One URL of one nginx server: the path, whether it is called over https, the origins to call it from. */
  record Target(LoopbackRewrite.Server server, boolean tls, String path, Set<String> origins) {}

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void explainThroughTheProxyGivesChromiumsVerdict() throws Exception {
    long started = System.nanoTime();
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    ChromiumDriver.requireOrSkip();

    Agreement.Report report = new Agreement.Report("layers");
    Map<Layered, List<CorsPolicy>> scanned = new LinkedHashMap<>();
    Set<String> origins = new LinkedHashSet<>();
    for (Layered fixture : fixtures()) {
      if (fixture.missing() != null) {
        if (NginxInstallation.liveRequired()) fail(fixture.name() + ": " + fixture.missing() + " (CORSLINT_REQUIRE_LIVE=1)");
        report.note(fixture.name() + " skipped: " + fixture.missing());
        continue;
      }
      List<CorsPolicy> policies = new Scanner().read(List.of(fixture.root()), null, FileSelection.all()).policies();
      scanned.put(fixture, policies);
      for (ProxiedPolicy p : linked(policies)) origins.addAll(layerOrigins(p, policies));
    }
    Assumptions.assumeFalse(scanned.isEmpty(), "no layered fixture can run here: " + fixtures());

    int locations = 0;
    Path out = Path.of("target/live/browser-agreement-layers.txt");
    Files.createDirectories(out.getParent());
    List<ProcessHandle> leftovers = new ArrayList<>();
    try (ChromiumDriver chromium = ChromiumDriver.start(origins, Path.of("target/live/browser-layers-driver.log"))) {
      report.header("Chromium " + chromium.version() + "; --host-resolver-rules=" + chromium.hostResolverRules());
      try {
        for (Map.Entry<Layered, List<CorsPolicy>> e : scanned.entrySet()) {
          List<ProxiedPolicy> linked = linked(e.getValue());
          if (linked.isEmpty()) {
            report.failure(e.getKey().name() + ": the scan links no nginx location to the application");
            continue;
          }
          locations += linked.size();
          report.fixtures++;
          report.policies += linked.size();
          runFixture(nginx, chromium, e.getKey(), e.getValue(), linked, report);
        }
      } finally {
        chromium.close();
        leftovers.addAll(chromium.stillAlive());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary = String.format(
        Locale.ROOT,
        "browser agreement through nginx: %d fixtures, %d linked locations, %d requests, %d allowed, %d blocked, %d unknown, %d disagreements",
        report.fixtures, locations, report.requests, report.allowed, report.blocked, report.unknown, report.disagreements.size());
    report.headers.add(0, String.format(Locale.ROOT, "%s (%.1f s)", summary, seconds));
    Files.writeString(out, report.render(), StandardCharsets.UTF_8);
    System.out.println(summary + String.format(Locale.ROOT, " (%.1f s; table in %s)", seconds, out));

    if (!leftovers.isEmpty()) {
      leftovers.forEach(ProcessHandle::destroyForcibly);
      fail("processes of the browser outlived the test: " + leftovers);
    }
    if (!report.failures.isEmpty() || !report.disagreements.isEmpty()) fail(summary + "\n" + report.failureText(out));
    if (report.requests == 0) fail("no request was compared\n" + report.render());
  }

  /** The layered fixtures and how each application runs. */
  static List<Layered> fixtures() throws IOException, InterruptedException {
    List<Layered> out = new ArrayList<>();
    Path express = LAYERS.resolve("compose-express");
    out.add(new Layered(
        "compose-express", "nginx/nginx.conf", List.of("/orders/42", "/catalog/items"), ExpressFixtures.missingRuntime(),
        () -> {
          ExpressFixtures.RunningApp app =
              ExpressFixtures.RunningApp.start(ExpressFixtures.RUNNER_DIR, express.resolve("api/server.js"), "production");
          return running(app.port(), app::close);
        }));

    PythonFixtures.Installation python = PythonFixtures.Installation.detect();
    boolean django = python.available().getOrDefault("django", false);
    out.add(new Layered(
        "compose-django", "nginx/default.conf", List.of("/api/notes/1", "/exports/notes.csv"),
        django ? null : "not installed: " + python.missing().get("django"),
        () -> {
          // the runner writes its log beside the project, so it serves a copy
          Path dir = WORK.resolve("compose-django/backend");
          PythonFixtures.deleteTree(dir);
          PythonFixtures.copyTree(LAYERS.resolve("compose-django/backend"), dir);
          PythonFixtures.RunningProject server =
              PythonFixtures.RunningProject.start(new PythonFixtures.Entry("django", "compose-django", "notes.settings", "/", ""), dir);
          return running(server.port(), server::close);
        }));
    return out;
  }

  interface Stop {
    void stop() throws Exception;
  }

  private static ApplicationsAgreeWithChromiumTest.Running running(int port, Stop stop) {
    return new ApplicationsAgreeWithChromiumTest.Running() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() throws Exception {
        stop.stop();
      }
    };
  }

  private static List<ProxiedPolicy> linked(List<CorsPolicy> policies) {
    return policies.stream().filter(p -> p instanceof ProxiedPolicy).map(p -> (ProxiedPolicy) p).toList();
  }

  private static void runFixture(
      NginxInstallation nginx, ChromiumDriver chromium, Layered fixture, List<CorsPolicy> policies,
      List<ProxiedPolicy> linked, Agreement.Report report) {
    long t0 = System.nanoTime();
    int before = report.requests;
    try (ApplicationsAgreeWithChromiumTest.Running app = fixture.launcher().start();
        LiveNginx live = LiveNginx.start(nginx, fixture.root(), fixture.nginxEntry(), app.port())) {
      long t1 = System.nanoTime();
      try {
        Map<Integer, Integer> fronts = new LinkedHashMap<>();
        for (Target t : targets(fixture, linked, policies, live.servers(), report)) {
          String host = t.server().requestHost();
          String fetched =
              t.tls()
                  ? "https://" + host + ":" + fronts.computeIfAbsent(t.server().port(), p -> tlsFront(chromium, p)) + t.path()
                  : "http://" + host + ":" + t.server().port() + t.path();
          String model = (t.tls() ? "https://" : "http://") + host + t.path();
          String where = fixture.name() + " · " + t.server().describe() + " · " + t.path();
          for (String origin : t.origins()) {
            for (Agreement.Probe probe : Agreement.probes(origin)) {
              Agreement.ModelAnswer answer = Agreement.ask(
                  probe, model, policies, s -> t.server().encloses(s.file(), s.line()), t.server().describe());
              ChromiumDriver.Outcome outcome;
              try {
                outcome = chromium.fetch(origin, fetched, probe.method(), probe.headers(), probe.credentials());
              } catch (IOException e) {
                report.failure(where + ": " + probe.describe(fetched) + ": " + e.getMessage() + "\n" + live.errorLog());
                return;
              }
              report.compare(where, probe, fetched, answer, outcome);
            }
          }
        }
      } finally {
        chromium.closeTlsFronts();
      }
      report.timing(String.format(Locale.ROOT, "%-20s application and nginx start %5d ms, %4d requests in %6d ms",
          fixture.name(), (t1 - t0) / 1_000_000, report.requests - before, (System.nanoTime() - t1) / 1_000_000));
    } catch (Exception | AssertionError e) {
      report.failure(fixture.name() + ": " + e);
    }
  }

  /**
   * The (server, path) pairs of the linked locations: each location's sample path and the application's
   * routes it serves, with the origins both layers mean to allow.
   */
  private static List<Target> targets(
      Layered fixture, List<ProxiedPolicy> linked, List<CorsPolicy> policies, List<LoopbackRewrite.Server> servers,
      Agreement.Report report) {
    Map<String, Target> byKey = new LinkedHashMap<>();
    for (ProxiedPolicy p : linked) {
      Optional<LoopbackRewrite.Server> server = NginxLiveTest.serverOf(p, servers);
      if (server.isEmpty() || server.get().requestHost() == null) {
        report.failure(fixture.name() + ": linked scope '" + p.scope().description() + "' has no server reachable by name");
        continue;
      }
      List<String> paths = new ArrayList<>();
      paths.add(p.samplePath());
      fixture.routes().stream().filter(r -> p.serves(r) != Tri.NO).forEach(paths::add);
      for (String path : paths) {
        Target t = byKey.computeIfAbsent(
            server.get().file() + ":" + server.get().line() + " " + path,
            k -> new Target(server.get(), !p.scope().tls().is(false), path, new LinkedHashSet<>()));
        t.origins().addAll(layerOrigins(p, policies));
      }
    }
    return new ArrayList<>(byKey.values());
  }

  /**
   * The origins to call a linked location from: those of the layer that sends Access-Control-Allow-Origin
   * (the linked policy's), those the application's own scopes allow, and an attacker's.
   */
  private static Set<String> layerOrigins(ProxiedPolicy linked, List<CorsPolicy> policies) {
    Set<String> out = new LinkedHashSet<>(Agreement.origins(linked));
    for (CorsPolicy p : policies) {
      if (linked.applicationScopes().contains(p.scope())) out.addAll(Agreement.origins(p));
    }
    return out;
  }

  private static int tlsFront(ChromiumDriver chromium, int port) {
    try {
      return chromium.tlsFront(port);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
