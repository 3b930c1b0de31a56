package dev.corslint.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.corslint.live.CorsAnswerComparison.Difference;
import dev.corslint.live.RawHttpClient.RawResponse;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The analyzer's nginx model against nginx itself: every complete configuration under
 * {@code test-fixtures/nginx/} is extracted into policies by the real extractor and started in a real
 * nginx; each policy's {@code respond} must predict the status and the CORS header lines nginx sends for
 * a matrix of preflight and actual requests.
 */
@Tag("live")
public class NginxLiveTest {

  static final Path FIXTURES = Path.of("test-fixtures/nginx");
  static final String EXTRACTOR_CLASS = "dev.corslint.ecosystems.nginx.NginxExtractor";
  private static final int HEAD_BYTES = 4096;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void modelAnswersEveryProbeAsNginxDoes() throws IOException {
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    Extractor extractor = nginxExtractor();
    NginxFixtures.Discovery discovery = NginxFixtures.discover(FIXTURES);
    assertFalse(discovery.fixtures().isEmpty(), "no complete nginx configuration under " + FIXTURES);
    LiveReport report = compareWithNginx(nginx, extractor, FIXTURES, discovery);

    String rendered = report.render();
    Path out = Path.of("target/live/nginx-live-report.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, rendered, StandardCharsets.UTF_8);
    System.out.println(report.summary());
    if (report.failed()) {
      fail(rendered.length() > 60_000 ? rendered.substring(0, 60_000) + "\n... (full report in " + out + ")" : rendered);
    }
  }

  /**
   * Extracts policies from {@code fixtures} as the scanner would (every file the extractor accepts, the
   * folder as the scan root) and probes each against the configuration that contains its scope.
   */
  static LiveReport compareWithNginx(
      NginxInstallation nginx, Extractor extractor, Path fixtures, NginxFixtures.Discovery discovery) throws IOException {
    FileSystemSourceTree tree = new FileSystemSourceTree(fixtures);
    List<SourceFile> accepted = tree.files().stream().filter(f -> extractor.accepts(f, tree.head(f, HEAD_BYTES))).toList();
    Extraction extraction = extractor.extract(accepted, tree);

    LiveReport report = new LiveReport("nginx");
    discovery.skipped().forEach(s -> report.note("not run: " + s));
    RawHttpClient client = new RawHttpClient(Duration.ofSeconds(5));
    try (StubUpstream stub = StubUpstream.start()) {
      for (NginxFixtures.Fixture fixture : discovery.fixtures()) {
        List<CorsPolicy> policies =
            extraction.policies().stream().filter(p -> fixture.files().contains(p.scope().span().file())).toList();
        if (fixture.usesHeadersMore() && nginx.headersMoreModule().isEmpty() && !NginxInstallation.liveRequired()) {
          report.note(fixture.entry() + " skipped: the headers-more module is not installed");
          continue;
        }
        if (policies.isEmpty()) {
          report.failure(fixture.entry() + ": the extractor produced no policy for a configuration with servers");
          continue;
        }
        runFixture(nginx, fixtures, stub, client, fixture, policies, report);
      }
    }
    return report;
  }

  /**
   * Every fixture starts in nginx and each of its servers answers, with no model involved: a failure here is
   * the fixture's or the harness's, never the extractor's.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyFixtureRunsInNginx() throws Exception {
    NginxInstallation nginx = NginxInstallation.requireOrSkip();
    NginxFixtures.Discovery discovery = NginxFixtures.discover(FIXTURES);
    assertFalse(discovery.fixtures().isEmpty(), "no complete nginx configuration under " + FIXTURES);
    RawHttpClient client = new RawHttpClient(Duration.ofSeconds(5));
    LiveReport report = new LiveReport("nginx fixtures");
    try (StubUpstream stub = StubUpstream.start()) {
      for (NginxFixtures.Fixture fixture : discovery.fixtures()) {
        if (fixture.usesHeadersMore() && nginx.headersMoreModule().isEmpty() && !NginxInstallation.liveRequired()) continue;
        try (LiveNginx live = LiveNginx.start(nginx, FIXTURES, fixture.entry(), stub.port())) {
          report.fixtureRun();
          for (LoopbackRewrite.Server server : live.servers()) {
            if (server.requestHost() == null) continue; // unreachable by name; the comparison reports it
            report.probeSent();
            client.send(server.port(), server.requestHost(), "GET", "/", List.of());
          }
        } catch (AssertionError | LoopbackRewrite.NotRunnable | NginxSyntax.SyntaxError | IOException e) {
          report.failure(fixture.entry() + ": " + e.getMessage());
        }
      }
    }
    if (report.failed()) fail(report.render());
  }

  private static void runFixture(
      NginxInstallation nginx,
      Path fixtures,
      StubUpstream stub,
      RawHttpClient client,
      NginxFixtures.Fixture fixture,
      List<CorsPolicy> policies,
      LiveReport report) {
    try (LiveNginx live = LiveNginx.start(nginx, fixtures, fixture.entry(), stub.port())) {
      report.fixtureRun();
      // every served file first: an error_page or try_files may lead one scope to another's file
      for (CorsPolicy policy : policies) live.ensureStaticFile(policy.samplePath());
      for (CorsPolicy policy : policies) {
        String scope = policy.scope().description();
        Optional<LoopbackRewrite.Server> server = serverOf(policy, live.servers());
        if (server.isEmpty()) {
          report.failure(fixture.entry() + ": no server block encloses the scope '" + scope + "' at " + policy.scope().span());
          continue;
        }
        if (server.get().requestHost() == null) {
          report.failure(
              fixture.entry() + ": no Host header selects " + server.get().describe()
                  + " (no usable server_name and not the default server)");
          continue;
        }
        report.policyProbed();
        for (Request request : ProbeMatrix.requests(policy)) {
          probe(client, stub, live, server.get(), fixture, policy, request, report);
        }
      }
    } catch (AssertionError | LoopbackRewrite.NotRunnable | NginxSyntax.SyntaxError | IOException e) {
      report.failure(fixture.entry() + ": " + e.getMessage());
    }
  }

  private static void probe(
      RawHttpClient client,
      StubUpstream stub,
      LiveNginx live,
      LoopbackRewrite.Server server,
      NginxFixtures.Fixture fixture,
      CorsPolicy policy,
      Request request,
      LiveReport report) {
    String scope = policy.scope().description();
    String described = ProbeMatrix.describe(request);
    Response model;
    try {
      model = policy.respond(request);
    } catch (RuntimeException e) {
      report.probeSent();
      report.mismatch(new LiveReport.Mismatch(fixture.entry(), scope, described, "respond() threw " + e, "-", "model threw"));
      return;
    }
    RawResponse answer;
    int upstreamBefore = stub.requestCount();
    try {
      answer =
          client.send(server.port(), server.requestHost(), request.method(), request.path(), ProbeMatrix.wireHeaders(request));
    } catch (IOException e) {
      report.failure(
          fixture.entry() + ": " + described + " to " + server.describe() + " failed: " + e + "\n" + live.errorLog());
      return;
    }
    boolean upstreamAsked = stub.requestCount() > upstreamBefore;
    if (!upstreamAsked && request.handlerStatus() != 200) {
      // nginx answered without the stub (static files, return, deny). Where the model lets the handler's
      // status matter here, the handler is nginx's own file module, which no header can make answer 401
      // or 500: the probe cannot be reproduced. Where the model ignores it, the answer must still match.
      Response at200;
      try {
        at200 = policy.respond(request.withHandlerStatus(200));
      } catch (RuntimeException e) {
        at200 = null;
      }
      if (at200 != null && !CorsAnswerComparison.sameAnswer(model, at200)) {
        report.probeNotReproducible();
        return;
      }
    }
    report.probeSent();
    Optional<Difference> d = CorsAnswerComparison.compare(model, answer);
    d.ifPresent(
        diff ->
            report.mismatch(
                new LiveReport.Mismatch(
                    fixture.entry(), scope, described, diff.expected(), diff.actual(), diff.summary())));
  }

  /**
   * The server that answers a policy: the one whose block encloses the scope's position; failing that, the
   * one named by the scope's host, or the only server there is.
   */
  public static Optional<LoopbackRewrite.Server> serverOf(CorsPolicy policy, List<LoopbackRewrite.Server> servers) {
    SourceSpan at = policy.scope().span();
    Optional<LoopbackRewrite.Server> enclosing =
        servers.stream()
            .filter(s -> s.encloses(at.file(), at.line()))
            .min((a, b) -> Integer.compare(a.endLine() - a.line(), b.endLine() - b.line()));
    if (enclosing.isPresent()) return enclosing;
    Optional<String> host = policy.scope().host().get();
    if (host.isPresent()) {
      Optional<LoopbackRewrite.Server> named = servers.stream().filter(s -> s.names().contains(host.get())).findFirst();
      if (named.isPresent()) return named;
    }
    return servers.size() == 1 ? Optional.of(servers.get(0)) : Optional.empty();
  }

  /** The nginx extractor, found like the scanner finds it; by class name while it is not registered yet. */
  public static Extractor nginxExtractor() {
    try {
      for (Extractor e : ServiceLoader.load(Extractor.class)) {
        if (e.ecosystem() == Ecosystem.NGINX) return e;
      }
    } catch (ServiceConfigurationError e) {
      // a broken registration of another ecosystem must not hide nginx; fall through to the class name
    }
    try {
      return (Extractor) Class.forName(EXTRACTOR_CLASS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      if (NginxInstallation.liveRequired()) fail("the nginx extractor is not available: " + e);
      Assumptions.abort("the nginx extractor " + EXTRACTOR_CLASS + " is not available yet: " + e);
      return null;
    }
  }
}
