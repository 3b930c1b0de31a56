package dev.corslint.ecosystems.django.starlette;

import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.GuardedRegex;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starlette's {@code CORSMiddleware} (FastAPI re-exports it), as its code answers: a request without
 * {@code Origin} passes through untouched; a preflight is answered by the middleware itself, 200 or 400 when
 * the origin, method or a header is refused, always with the configured preflight headers; other requests get
 * the simple headers, and the origin echoed (with {@code Vary: Origin}) when it is allowed explicitly or when
 * all origins are allowed and the request carries a cookie. {@code allow_origin_regex} must match the whole
 * origin.
 */
final class StarletteCorsPolicy implements CorsPolicy {

  static final List<String> ALL_METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");
  static final Set<String> SAFELISTED_HEADERS = Set.of("Accept", "Accept-Language", "Content-Language", "Content-Type");

  /** One entry of {@code allow_origins}. */
  record Origin(String value, String unknownReason, SourceSpan span) {}

  /**
   * @param allowHeaders the configured names as written ({@code "*"} included)
   * @param regex {@code allow_origin_regex}, or null
   * @param regexUnknown why {@code allow_origin_regex} is not known, or null
   */
  record Options(
      List<Origin> origins,
      GuardedRegex regex,
      String regexUnknown,
      SourceSpan regexAt,
      Value<List<String>> methods,
      Value<List<String>> allowHeaders,
      Value<Boolean> credentials,
      Value<List<String>> exposeHeaders,
      Value<String> maxAge,
      SourceSpan at) {

    boolean allowAll() {
      return origins.stream().anyMatch(o -> "*".equals(o.value()));
    }

    SourceSpan allowAllAt() {
      return origins.stream().filter(o -> "*".equals(o.value())).map(Origin::span).findFirst().orElse(at);
    }

    boolean allowAllHeaders() {
      return allowHeaders.get().map(h -> h.contains("*")).orElse(false);
    }
  }

  private final Scope scope;
  private final Options o;
  private final List<Usage> usages;
  private final List<LayerOrder> layers;

  private final List<Alternative<String>> assumedDefaults;
  private final StarletteCorsPolicy withInputsSet;

  StarletteCorsPolicy(Scope scope, Options options, List<Usage> usages, List<LayerOrder> layers) {
    this(scope, options, usages, layers, List.of(), null);
  }

  /**
   * @param assumedDefaults the environment defaults {@code options} take
   * @param withInputsSet the same middleware read with those variables set, or null when there are none
   */
  StarletteCorsPolicy(Scope scope, Options options, List<Usage> usages, List<LayerOrder> layers,
      List<Alternative<String>> assumedDefaults, StarletteCorsPolicy withInputsSet) {
    this.scope = scope;
    this.o = options;
    this.usages = List.copyOf(usages);
    this.layers = List.copyOf(layers);
    this.assumedDefaults = List.copyOf(assumedDefaults);
    this.withInputsSet = withInputsSet;
  }

  @Override
  public List<Alternative<String>> assumedDefaults() {
    return assumedDefaults;
  }

  @Override
  public CorsPolicy withInputsSet() {
    return withInputsSet == null ? this : withInputsSet;
  }

  @Override
  public Scope scope() {
    return scope;
  }

  @Override
  public List<Usage> usages() {
    return usages;
  }

  @Override
  public List<LayerOrder> layerOrder() {
    return layers;
  }

  @Override
  public Value<Boolean> credentials() {
    return o.credentials();
  }

  public Tri serves(String path) {
    return Tri.YES;
  }

  @Override
  public OriginMatcher allowedOrigins() {
    if (o.allowAll()) {
      // With credentials, preflights and requests with cookies get the origin echoed.
      if (o.credentials().is(true)) return new OriginMatcher.Reflect(o.allowAllAt());
      if (o.credentials().isUnknown()) return new OriginMatcher.Opaque("allow_credentials is not known", o.allowAllAt());
      return new OriginMatcher.Wildcard(o.allowAllAt());
    }
    List<OriginMatcher> leaves = new ArrayList<>();
    for (Origin origin : o.origins()) {
      leaves.add(origin.value() == null ? new OriginMatcher.Opaque(origin.unknownReason(), origin.span())
          : new OriginMatcher.Exact(origin.value(), origin.span()));
    }
    if (o.regex() != null) leaves.add(new OriginMatcher.Regex(o.regex(), o.regexAt()));
    else if (o.regexUnknown() != null) leaves.add(new OriginMatcher.Opaque(o.regexUnknown(), o.regexAt()));
    return OriginMatcher.anyOf(leaves);
  }

  /** {@code is_allowed_origin}. */
  private Tri allowed(String origin) {
    if (o.allowAll()) return Tri.YES;
    Tri result = Tri.NO;
    if (o.regex() != null) result = o.regex().matches(origin);
    else if (o.regexUnknown() != null) result = Tri.UNKNOWN;
    if (result == Tri.YES) return result;
    for (Origin allowed : o.origins()) {
      if (allowed.value() == null) result = result.or(Tri.UNKNOWN);
      else if (allowed.value().equals(origin)) return Tri.YES;
    }
    return result;
  }

  private SourceSpan allowedAt(String origin) {
    for (Origin allowed : o.origins()) if (origin.equals(allowed.value())) return allowed.span();
    return o.regexAt() != null ? o.regexAt() : o.at();
  }

  @Override
  public Response respond(Request req) {
    Value<Integer> handler = Value.known(req.handlerStatus(), null);
    if (req.origin() == null) return new Response(handler, List.of());
    if ("OPTIONS".equals(req.method()) && req.requestMethod() != null) return preflight(req);
    List<HeaderLine> headers = new ArrayList<>();
    boolean allowAll = o.allowAll();
    if (allowAll) headers.add(line("Access-Control-Allow-Origin", Value.known("*", o.allowAllAt())));
    if (!o.credentials().is(false)) headers.add(line("Access-Control-Allow-Credentials", o.credentials().map(b -> "true")));
    Value<List<String>> expose = o.exposeHeaders();
    if (expose.isUnknown() || expose.get().map(l -> !l.isEmpty()).orElse(false)) {
      headers.add(line("Access-Control-Expose-Headers", expose.map(l -> String.join(", ", l))));
    }
    Tri explicit = allowAll ? Tri.of(req.credentials()) : allowed(req.origin());
    if (explicit != Tri.NO) {
      headers.removeIf(h -> h.is("Access-Control-Allow-Origin"));
      SourceSpan at = allowAll ? o.allowAllAt() : allowedAt(req.origin());
      headers.add(line("Access-Control-Allow-Origin", explicit == Tri.YES ? Value.known(req.origin(), at)
          : Value.unknown("whether CORSMiddleware allows " + req.origin(), at)));
      headers.add(line("Vary", Value.known("Origin", o.at())));
    }
    return new Response(handler, headers);
  }

  private Response preflight(Request req) {
    List<HeaderLine> headers = new ArrayList<>();
    boolean allowAll = o.allowAll();
    boolean explicitOrigin = !allowAll || !o.credentials().is(false);
    if (explicitOrigin) headers.add(line("Vary", Value.known("Origin", o.at())));
    else headers.add(line("Access-Control-Allow-Origin", Value.known("*", o.allowAllAt())));
    Value<List<String>> methods = effectiveMethods();
    headers.add(line("Access-Control-Allow-Methods", methods.map(l -> String.join(", ", l))));
    headers.add(line("Access-Control-Max-Age", o.maxAge()));
    Value<List<String>> allowHeaders = o.allowHeaders();
    if (allowHeaders.isUnknown()) {
      headers.add(line("Access-Control-Allow-Headers", Value.unknown("allow_headers is not known", allowHeaders.where().orElse(o.at()))));
    } else if (!o.allowAllHeaders()) {
      String joined = String.join(", ", sortedHeaders(allowHeaders.get().orElse(List.of())));
      headers.add(line("Access-Control-Allow-Headers", Value.known(joined, allowHeaders.where().orElse(o.at()))));
    }
    if (!o.credentials().is(false)) headers.add(line("Access-Control-Allow-Credentials", o.credentials().map(b -> "true")));

    Tri failed = Tri.NO;
    Tri originOk = allowed(req.origin());
    if (originOk == Tri.YES) {
      if (explicitOrigin) headers.add(line("Access-Control-Allow-Origin", Value.known(req.origin(), allowAll ? o.allowAllAt() : allowedAt(req.origin()))));
    } else if (originOk == Tri.UNKNOWN) {
      failed = Tri.UNKNOWN;
      if (explicitOrigin) headers.add(line("Access-Control-Allow-Origin", Value.unknown("whether CORSMiddleware allows " + req.origin(), o.at())));
    } else {
      failed = Tri.YES;
    }
    if (methods.isUnknown()) failed = failed.or(Tri.UNKNOWN);
    else if (!methods.get().orElse(List.of()).contains(req.requestMethod())) failed = Tri.YES;
    List<String> requested = req.requestHeaders();
    if (o.allowAllHeaders() && !requested.isEmpty()) {
      headers.removeIf(h -> h.is("Access-Control-Allow-Headers"));
      headers.add(line("Access-Control-Allow-Headers", Value.known(String.join(",", requested), allowHeaders.where().orElse(o.at()))));
    } else if (!requested.isEmpty()) {
      if (allowHeaders.isUnknown()) {
        failed = failed.or(Tri.UNKNOWN);
      } else {
        Set<String> lower = new TreeSet<>();
        for (String h : sortedHeaders(allowHeaders.get().orElse(List.of()))) lower.add(h.toLowerCase(Locale.ROOT));
        for (String h : requested) {
          if (!lower.contains(h.strip())) {
            failed = Tri.YES;
            break;
          }
        }
      }
    }
    Value<Integer> status = failed == Tri.UNKNOWN ? Value.unknown("whether CORSMiddleware accepts this preflight", o.at())
        : Value.known(failed == Tri.YES ? 400 : 200, statusAt(failed == Tri.YES, req));
    return new Response(status, headers);
  }

  /** A refused preflight points at the option that refuses it. */
  private SourceSpan statusAt(boolean refused, Request req) {
    if (!refused) return o.at();
    if (allowed(req.origin()) == Tri.NO) return o.at();
    if (!effectiveMethods().get().orElse(List.of()).contains(req.requestMethod())) return o.methods().where().orElse(o.at());
    return o.allowHeaders().where().orElse(o.at());
  }

  private Value<List<String>> effectiveMethods() {
    return o.methods().map(l -> l.contains("*") ? ALL_METHODS : l);
  }

  /** {@code sorted(SAFELISTED_HEADERS | set(allow_headers))}: Python sorts upper case before lower case. */
  static List<String> sortedHeaders(List<String> configured) {
    TreeSet<String> all = new TreeSet<>(SAFELISTED_HEADERS);
    all.addAll(configured);
    return new ArrayList<>(all);
  }

  private static HeaderLine line(String name, Value<String> value) {
    return new HeaderLine(name, value, "CORSMiddleware");
  }

  @Override
  public String toString() {
    return "StarletteCorsPolicy[" + scope.description() + "]";
  }
}
