package dev.corslint.ecosystems.express;

import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Usage;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CORS layer of an Express application (an {@code app.use(cors())}, a per-route {@code cors()}, a
 * hand-written header middleware) as a policy. {@link #respond} runs the request through the whole
 * application, so that everything that touches the answer (earlier routes, routers, other CORS layers, error
 * handlers, Express's automatic OPTIONS answer) is part of it.
 */
final class ExpressPolicy implements CorsPolicy {

  private Scope scope;
  private final OriginMatcher origins;
  private final Value<Boolean> credentials;
  private final String samplePath;
  private final List<Usage> usages = new ArrayList<>();
  private final List<LayerOrder> layerOrder;
  private final ExpressStack app;
  private final ExpressStack.Env view;
  private final ExpressSimulator simulator;
  /** The route paths (full, with mount prefixes) this layer covers: front-end calls are matched against them. */
  final List<RouteSites.Site> covered;
  /** Front-end calls that send credentials to this scope. */
  final List<FrontEndCalls.Call> credentialedCalls = new ArrayList<>();

  ExpressPolicy(Scope scope, OriginMatcher origins, Value<Boolean> credentials, String samplePath,
      List<Usage> usages, List<LayerOrder> layerOrder, ExpressStack app, ExpressStack.Env view,
      ExpressSimulator simulator, List<RouteSites.Site> covered) {
    this.scope = scope;
    this.origins = origins;
    this.credentials = credentials;
    this.samplePath = samplePath;
    this.usages.addAll(usages);
    this.layerOrder = List.copyOf(layerOrder);
    this.app = app;
    this.view = view;
    this.simulator = simulator;
    this.covered = List.copyOf(covered);
  }

  @Override
  public Scope scope() {
    return scope;
  }

  /** Whether one of the routes this layer covers matches {@code path} (mount prefixes included). */
  @Override
  public Tri serves(String path) {
    if (covered.isEmpty()) return Tri.UNKNOWN;
    Tri result = Tri.NO;
    for (RouteSites.Site site : covered) {
      String rest = RouteSites.relative(site.prefix(), path);
      if (rest == null) continue;
      result = result.or(site.route().path.match(rest).matches());
      if (result == Tri.YES) return result;
    }
    return result;
  }

  void scope(Scope s) {
    this.scope = s;
  }

  ExpressStack.Env view() {
    return view;
  }

  ExpressStack application() {
    return app;
  }

  @Override
  public OriginMatcher allowedOrigins() {
    return origins;
  }

  @Override
  public Value<Boolean> credentials() {
    return credentials;
  }

  @Override
  public Response respond(Request request) {
    return respond(request, Set.of());
  }

  /** The simulated answer with {@code unset} environment variables taken as unset; never throws. */
  private Response respond(Request request, Set<String> unset) {
    try {
      return simulator.respond(app, request, view, unset);
    } catch (RuntimeException | StackOverflowError e) {
      return new Response(Value.unknown("corslint could not simulate this request: " + e, scope.span()), List.of());
    }
  }

  /**
   * This layer with each environment variable that the code falls back from taken as unset, one at a time
   * ({@code process.env.CORS_ORIGIN || 'https://app.example.com'}): the whole application is simulated again
   * under that assumption, so that every layer that reads the variable follows its default.
   */
  @Override
  public List<Alternative<CorsPolicy>> alternatives() {
    List<Alternative<CorsPolicy>> out = new ArrayList<>();
    for (Map.Entry<String, SourceSpan> e : simulator.envDefaults().entrySet()) {
      String variable = e.getKey();
      out.add(new Alternative<>(variable, variable + " is unset", new Unset(variable), e.getValue()));
    }
    return out;
  }

  /** This layer when one environment variable is unset. */
  private final class Unset implements CorsPolicy {
    private final String variable;

    Unset(String variable) {
      this.variable = variable;
    }

    @Override
    public Scope scope() {
      return scope;
    }

    @Override
    public OriginMatcher allowedOrigins() {
      return origins;
    }

    @Override
    public Value<Boolean> credentials() {
      return credentials;
    }

    @Override
    public Response respond(Request request) {
      return ExpressPolicy.this.respond(request, Set.of(variable));
    }

    @Override
    public Tri serves(String path) {
      return ExpressPolicy.this.serves(path);
    }
  }

  @Override
  public List<dev.corslint.model.Listening> listening() {
    return List.copyOf(app.listens);
  }

  @Override
  public String samplePath() {
    return samplePath;
  }

  @Override
  public List<Usage> usages() {
    return List.copyOf(usages);
  }

  void addUsage(Usage u) {
    for (Usage x : usages) {
      if (x.kind() == u.kind() && x.name().equalsIgnoreCase(u.name()) && x.span().equals(u.span())) return;
    }
    usages.add(u);
  }

  @Override
  public List<dev.corslint.model.SourceSpan> credentialedCalls() {
    List<dev.corslint.model.SourceSpan> out = new ArrayList<>();
    for (FrontEndCalls.Call c : credentialedCalls) if (!out.contains(c.span())) out.add(c.span());
    return out;
  }

  @Override
  public List<LayerOrder> layerOrder() {
    return layerOrder;
  }

  @Override
  public String toString() {
    return "ExpressPolicy[" + scope.description() + " @ " + scope.span() + "]";
  }
}
