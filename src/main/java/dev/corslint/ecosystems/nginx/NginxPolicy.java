package dev.corslint.ecosystems.nginx;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Environment;
import dev.corslint.model.Forwarding;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The CORS behaviour of one nginx location (or of a server for requests that match no location), computed by
 * simulating nginx 1.22's request phases and header filters over the location's effective configuration.
 */
public final class NginxPolicy implements CorsPolicy {

  private final NginxServer server;
  private final NginxLocation location;
  private final Scope scope;
  private final String samplePath;
  private final List<Usage> usages;
  private volatile NginxOriginAnalysis.Result analysis;

  NginxPolicy(NginxServer server, NginxLocation location, String entryFile, String samplePath) {
    this.server = server;
    this.location = location;
    this.samplePath = samplePath;
    this.scope = scope(server, location, entryFile);
    this.usages = usages(server, location);
  }

  private static Scope scope(NginxServer server, NginxLocation location, String entryFile) {
    String description = "server " + server.displayName()
        + (location != null ? " location " + location.pattern() : " (requests matching no location)");
    SourceSpan span = location != null ? location.directive.span() : server.span();
    boolean dev = NginxEntryPoints.isDevelopment(entryFile) || NginxEntryPoints.isDevelopment(server.file)
        || NginxEntryPoints.isDevelopment(span.file());
    String pattern = location != null ? location.pattern() : "/";
    return new Scope(Ecosystem.NGINX, description, span, pattern,
        dev ? Environment.DEVELOPMENT : Environment.PRODUCTION, server.tls(), server.host());
  }

  private static List<Usage> usages(NginxServer server, NginxLocation location) {
    List<Usage> out = new ArrayList<>();
    if (location != null && location.level.limitExcept != null) {
      NginxLevel.NginxLimitExcept le = location.level.limitExcept;
      for (String m : le.methods()) {
        out.add(new Usage(Usage.Kind.METHOD, m, le.directive().span(), "limit_except allows " + m));
      }
    }
    Set<String> headers = new LinkedHashSet<>();
    Set<Directive> chain = new java.util.HashSet<>();
    for (NginxLocation l = location; l != null; l = l.parent) chain.add(l.directive);
    if (server.directive != null) {
      collectHeaderReads(server.directive.block(), chain, server, headers, out, 0);
    } else if (location != null) {
      // A conf.d fragment of bare locations: its implicit server has no block of its own.
      NginxLocation top = location;
      while (top.parent != null) top = top.parent;
      collectHeaderReads(List.of(top.directive), chain, server, headers, out, 0);
    }
    return List.copyOf(out);
  }

  /**
   * Request headers the configuration reads on the way to this location: in conditions, in values passed to
   * the upstream, and through the maps those use. Response header values do not count: echoing a header is
   * not needing it.
   */
  private static void collectHeaderReads(List<Directive> block, Set<Directive> chain, NginxServer server,
      Set<String> seen, List<Usage> out, int depth) {
    if (block == null || depth > NginxParser.MAX_DEPTH) return;
    for (Directive d : block) {
      if (d.is("location")) {
        if (chain.contains(d)) collectHeaderReads(d.block(), chain, server, seen, out, depth + 1);
        continue;
      }
      if (d.is("add_header") || d.is("more_set_headers") || d.is("add_trailer")) continue;
      for (Arg a : d.args()) {
        for (String var : NginxTemplate.parse(a.value(), d.span()).variables()) {
          NginxMap map = server.http.maps.get(var);
          if (map != null) {
            for (String v : map.source.variables()) readHeader(v, d.span(), seen, out);
          } else {
            readHeader(var, d.span(), seen, out);
          }
        }
      }
      if (d.hasBlock() && !d.is("location")) collectHeaderReads(d.block(), chain, server, seen, out, depth + 1);
    }
  }

  private static final Set<String> NOT_APPLICATION_HEADERS = Set.of("origin", "access_control_request_method",
      "access_control_request_headers", "host", "user_agent", "referer", "cookie", "accept", "accept_encoding",
      "accept_language", "x_forwarded_proto", "x_forwarded_for", "x_forwarded_host", "x_real_ip", "connection",
      "upgrade");

  private static void readHeader(String variable, SourceSpan at, Set<String> seen, List<Usage> out) {
    String v = variable.toLowerCase(Locale.ROOT);
    if (!v.startsWith("http_")) return;
    String h = v.substring(5);
    if (NOT_APPLICATION_HEADERS.contains(h) || !seen.add(h)) return;
    StringBuilder name = new StringBuilder();
    for (String part : h.split("_")) {
      if (part.isEmpty()) continue;
      if (name.length() > 0) name.append('-');
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    out.add(new Usage(Usage.Kind.REQUEST_HEADER, name.toString(), at, "nginx checks " + name));
  }

  @Override
  public Scope scope() {
    return scope;
  }

  @Override
  public OriginMatcher allowedOrigins() {
    return analysis().origins();
  }

  @Override
  public Value<Boolean> credentials() {
    return analysis().credentials();
  }

  private NginxOriginAnalysis.Result analysis() {
    NginxOriginAnalysis.Result a = analysis;
    if (a == null) {
      try {
        a = NginxOriginAnalysis.analyse(server, location, samplePath, scope.span());
      } catch (RuntimeException | StackOverflowError e) {
        a = new NginxOriginAnalysis.Result(
            new OriginMatcher.Opaque("corslint could not analyse this location", scope.span()), Value.absent());
      }
      analysis = a;
    }
    return a;
  }

  @Override
  public Response respond(Request request) {
    return respond(request, null);
  }

  /**
   * The answer with {@code upstream} standing for the application behind {@code proxy_pass}: it receives the
   * request as nginx forwards it, and its header lines pass through nginx's filters. Null assumes an
   * application that answers {@link Request#handlerStatus()} with no headers of its own.
   */
  @Override
  public Response respond(Request request, Function<Request, Response> upstream) {
    try {
      NginxRequestRun run = new NginxRequestRun(server, location, request, null, upstream);
      return NginxHeaderFilters.response(run.run(), run);
    } catch (RuntimeException | StackOverflowError e) {
      return new Response(Value.unknown("corslint could not simulate this request", scope.span()), List.of());
    }
  }

  @Override
  public Optional<Forwarding> forwarding() {
    // proxy_pass belongs to a location (nginx does not inherit content handlers)
    NginxLevel.Handler handler = location != null ? location.level.handler : null;
    return NginxProxyTarget.of(handler, server.http)
        .map(t -> new Forwarding(t.target(), t.addresses(), handler.directive().span()));
  }

  @Override
  public String samplePath() {
    return samplePath;
  }

  @Override
  public Tri serves(String path) {
    try {
      NginxLocationLookup.Found found = NginxLocationLookup.find(server, path);
      if (found.uncertain()) return Tri.UNKNOWN;
      return Tri.of(found.location() == location);
    } catch (RuntimeException | StackOverflowError e) {
      return Tri.UNKNOWN;
    }
  }

  @Override
  public List<HeaderLine> declaredHeaders() {
    List<HeaderLine> out = new ArrayList<>();
    declared(server.level, out, 0);
    List<NginxLocation> chain = new ArrayList<>();
    for (NginxLocation l = location; l != null; l = l.parent) chain.add(0, l);
    for (NginxLocation l : chain) declared(l.level, out, 0);
    return List.copyOf(out);
  }

  /** The header lines a level and its {@code if} blocks configure, with literal values where they are literal. */
  private static void declared(NginxLevel level, List<HeaderLine> out, int depth) {
    if (level == null || depth > NginxParser.MAX_DEPTH) return;
    for (NginxLevel.AddHeader h : level.addHeaders) {
      out.add(new HeaderLine(h.name(), templateValue(h.value()), "nginx"));
    }
    for (NginxLevel.MoreHeaders m : level.moreHeaders) {
      if (m.clear()) continue;
      for (NginxLevel.MoreHeader h : m.headers()) {
        if (!h.wildcard() && h.value() != null) out.add(new HeaderLine(h.name(), templateValue(h.value()), "nginx"));
      }
    }
    for (NginxLevel.Code c : level.codes) {
      if (c instanceof NginxLevel.IfCode i) declared(i.body(), out, depth + 1);
    }
  }

  private static Value<String> templateValue(NginxTemplate t) {
    boolean literal = t.segments().stream().allMatch(s -> s instanceof NginxTemplate.Literal);
    if (!literal) return Value.unknown("depends on the request: " + t.source(), t.span());
    StringBuilder text = new StringBuilder();
    for (NginxTemplate.Segment s : t.segments()) text.append(((NginxTemplate.Literal) s).text());
    return Value.known(text.toString(), t.span());
  }

  @Override
  public List<Usage> usages() {
    return usages;
  }

  @Override
  public String toString() {
    return scope.description();
  }
}
