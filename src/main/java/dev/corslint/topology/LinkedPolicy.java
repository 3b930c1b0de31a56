package dev.corslint.topology;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Forwarding;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.ProxiedPolicy;
import dev.corslint.model.ProxiedResponse;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A front scope (nginx proxying) joined to the application of the repository it forwards to. Its answer is
 * the front layer's handling of the request with the application's real answer as the upstream's: what the
 * browser receives. Everything else (where it is, which paths, which methods it relies on) is the front
 * scope's; the origins and credentials are those of whichever layer sends the header.
 */
final class LinkedPolicy implements ProxiedPolicy {

  private final CorsPolicy front;
  private final Application application;
  private final String link;

  LinkedPolicy(CorsPolicy front, Application application, String link) {
    this.front = front;
    this.application = application;
    this.link = link;
  }

  @Override
  public CorsPolicy front() {
    return front;
  }

  @Override
  public String application() {
    return application.name();
  }

  @Override
  public List<Scope> applicationScopes() {
    return application.policies().stream().map(CorsPolicy::scope).toList();
  }

  @Override
  public CorsPolicy applicationFor(Request forwarded) {
    return application.answering(forwarded);
  }

  @Override
  public String link() {
    return link;
  }

  @Override
  public ProxiedResponse respondInLayers(Request request) {
    Request[] forwarded = {null};
    Response[] answered = {null};
    Response combined = front.respond(request, f -> {
      forwarded[0] = f;
      answered[0] = application.respond(f);
      return answered[0];
    });
    return new ProxiedResponse(combined, forwarded[0], answered[0]);
  }

  @Override
  public Scope scope() {
    return front.scope();
  }

  /** The front's own origins when it sends Access-Control-Allow-Origin itself, else the application's. */
  @Override
  public OriginMatcher allowedOrigins() {
    return frontSends("Access-Control-Allow-Origin") ? front.allowedOrigins() : application.main().allowedOrigins();
  }

  @Override
  public Value<Boolean> credentials() {
    return frontSends("Access-Control-Allow-Credentials") ? front.credentials() : application.main().credentials();
  }

  private boolean frontSends(String header) {
    return front.declaredHeaders().stream().anyMatch(h -> h.is(header));
  }

  @Override
  public Tri serves(String path) {
    return front.serves(path);
  }

  @Override
  public String samplePath() {
    return front.samplePath();
  }

  /** Both layers' intent: the front's header lines, then the application's. */
  @Override
  public List<HeaderLine> declaredHeaders() {
    List<HeaderLine> out = new ArrayList<>(front.declaredHeaders());
    out.addAll(application.main().declaredHeaders());
    return out;
  }

  @Override
  public List<Usage> usages() {
    return front.usages();
  }

  @Override
  public List<SourceSpan> credentialedCalls() {
    return front.credentialedCalls();
  }

  @Override
  public List<LayerOrder> layerOrder() {
    return front.layerOrder();
  }

  @Override
  public Optional<Forwarding> forwarding() {
    return front.forwarding();
  }

  @Override
  public String toString() {
    return front.scope().description() + " -> " + application.name();
  }

  /**
   * One application behind a proxy: its CORS scopes (an Express app's layers, a Spring app's mappings). Each
   * scope's answer runs the request through the whole application; the scope that serves the path is asked.
   */
  record Application(String name, String directory, List<CorsPolicy> policies, List<Integer> ports,
      boolean fallbackOnly) {

    Application {
      policies = policies.stream().sorted(Comparator.comparing(p -> p.scope().span())).toList();
    }

    CorsPolicy main() {
      return policies.get(0);
    }

    /** The scope that serves the request's path, else the first: each runs the whole application. */
    CorsPolicy answering(Request request) {
      String path = request.path().replaceFirst("[?#].*$", "");
      return policies.stream().filter(p -> p.serves(path) == Tri.YES).findFirst().orElse(main());
    }

    Response respond(Request request) {
      CorsPolicy answering = answering(request);
      Response r = answering.respond(request);
      String layer = answering.scope().ecosystem().displayName();
      List<HeaderLine> lines = new ArrayList<>();
      for (HeaderLine h : r.headers()) lines.add(new HeaderLine(h.name(), h.value(), layer));
      return new Response(r.status(), lines, r.shadowed(), r.removed());
    }
  }
}
