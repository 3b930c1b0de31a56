package dev.corslint.ecosystems.django;

import dev.corslint.ecosystems.django.CorsHeadersConfig.OriginEntry;
import dev.corslint.ecosystems.django.CorsHeadersConfig.RegexEntry;
import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
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

/**
 * {@code corsheaders.middleware.CorsMiddleware} for one settings module, answering as the middleware does:
 * a preflight (OPTIONS with {@code Access-Control-Request-Method}) to a path that {@code CORS_URLS_REGEX}
 * matches is answered 200 by the middleware itself, before any view; every response on such a path gets
 * {@code Vary: Origin}; an allowed origin gets {@code Access-Control-Allow-Origin} (the origin itself, or
 * {@code *} when all origins are allowed without credentials: with credentials the library reflects), and
 * OPTIONS responses get the allowed headers, methods and max age. Differences between 3.x and 4.x follow
 * {@link CorsHeadersVersion}.
 */
final class CorsHeadersPolicy implements CorsPolicy {

  private static final String ACAO = "Access-Control-Allow-Origin";

  private final CorsHeadersConfig c;
  private final List<Alternative<String>> assumedDefaults;
  private final CorsHeadersPolicy withInputsSet;

  CorsHeadersPolicy(CorsHeadersConfig config) {
    this(config, List.of(), null);
  }

  /**
   * @param assumedDefaults the environment defaults {@code config} takes
   * @param withInputsSet the same settings read with those variables set, or null when there are none
   */
  CorsHeadersPolicy(CorsHeadersConfig config, List<Alternative<String>> assumedDefaults, CorsHeadersPolicy withInputsSet) {
    this.c = config;
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
    return c.scope();
  }

  @Override
  public Value<Boolean> credentials() {
    return c.credentials();
  }

  @Override
  public List<Usage> usages() {
    return c.usages();
  }

  @Override
  public List<LayerOrder> layerOrder() {
    return c.layers();
  }

  @Override
  public String samplePath() {
    return DjangoPaths.sample(c.urls());
  }

  /** Whether {@code CORS_URLS_REGEX} selects {@code path} ({@code re.match} against the path). */
  public Tri serves(String path) {
    if (c.middlewareAt() == null) return Tri.NO;
    if (c.urls().regex() == null) return Tri.UNKNOWN;
    return c.urls().regex().matches(path);
  }

  @Override
  public OriginMatcher allowedOrigins() {
    if (c.middlewareAt() == null) return new OriginMatcher.None();
    Value<Boolean> all = c.allowAll();
    SourceSpan allAt = all.where().orElse(c.defaultsAt());
    if (all.isUnknown()) {
      return new OriginMatcher.Opaque(reason(all, "CORS_ALLOW_ALL_ORIGINS"), allAt);
    }
    if (all.is(true)) {
      if (c.credentials().is(true)) return new OriginMatcher.Reflect(allAt);
      if (c.credentials().isUnknown()) return new OriginMatcher.Opaque(reason(c.credentials(), "CORS_ALLOW_CREDENTIALS"), allAt);
      return new OriginMatcher.Wildcard(allAt);
    }
    List<OriginMatcher> leaves = new ArrayList<>();
    for (OriginEntry e : c.origins()) {
      if (e.raw() == null) {
        leaves.add(new OriginMatcher.Opaque(e.unknownReason(), e.span()));
      } else if (e.raw().equals("null")) {
        leaves.add(new OriginMatcher.Exact("null", e.span()));
      } else if (e.split() == null) {
        continue; // Python raises on it, so the entry never matches
      } else if (!e.split().netloc().isEmpty() && !e.split().scheme().isEmpty()) {
        leaves.add(new OriginMatcher.Exact(e.split().origin(), e.span()));
      } else {
        // No scheme or no host: no browser origin has that shape, except the opaque origin 'null'.
        if (!e.raw().isEmpty()) leaves.add(new OriginMatcher.Exact(e.raw(), e.span()));
        if (e.split().scheme().isEmpty() && e.split().netloc().isEmpty()) leaves.add(new OriginMatcher.Exact("null", e.span()));
      }
    }
    for (RegexEntry r : c.regexes()) {
      leaves.add(r.regex() == null ? new OriginMatcher.Opaque(r.unknownReason(), r.span()) : new OriginMatcher.Regex(r.regex(), r.span()));
    }
    return OriginMatcher.anyOf(leaves);
  }

  @Override
  public Response respond(Request req) {
    Value<Integer> handler = Value.known(req.handlerStatus(), null);
    if (c.middlewareAt() == null) return new Response(handler, List.of());
    Tri enabled = c.urls().regex() == null ? Tri.UNKNOWN : c.urls().regex().matches(req.path());
    if (enabled == Tri.NO) return new Response(handler, List.of());
    boolean preflight = "OPTIONS".equals(req.method()) && req.requestMethod() != null;
    Value<Integer> status = preflight ? Value.known(200, c.middlewareAt()) : handler;
    List<HeaderLine> headers = new ArrayList<>();
    headers.add(new HeaderLine("Vary", Value.known("Origin", c.middlewareAt())));
    String origin = req.origin();
    if (origin == null || origin.isEmpty()) return new Response(status, headers);
    if (UrlSplit.of(origin).isEmpty()) return new Response(status, headers);

    boolean v3 = c.version().credentialsForRefusedOrigins();
    if (v3) addCredentials(headers);
    Match match = match(origin);
    if (match.allowed() == Tri.NO) return new Response(status, headers);

    headers.add(new HeaderLine(ACAO, allowOriginValue(origin, match)));
    if (!v3) addCredentials(headers);
    addList(headers, "Access-Control-Expose-Headers", c.exposeHeaders(), true);
    if ("OPTIONS".equals(req.method())) {
      addList(headers, "Access-Control-Allow-Headers", c.allowHeaders(), false);
      addList(headers, "Access-Control-Allow-Methods", c.allowMethods(), false);
      if (!c.maxAge().isAbsent()) headers.add(new HeaderLine("Access-Control-Max-Age", c.maxAge()));
      // Request has no field for Access-Control-Request-Private-Network: the answer is the one to a preflight
      // that asks for it (what Chromium sent while it enforced Private Network Access).
      if (preflight && c.version().privateNetwork() && !c.privateNetwork().is(false)) {
        Value<String> pna = c.privateNetwork().isUnknown()
            ? Value.unknown(reason(c.privateNetwork(), "CORS_ALLOW_PRIVATE_NETWORK"), c.privateNetwork().where().orElse(null))
            : Value.known("true", c.privateNetwork().where().orElse(c.defaultsAt()));
        headers.add(new HeaderLine("Access-Control-Allow-Private-Network", pna));
      }
    }
    return new Response(status, headers);
  }

  private void addCredentials(List<HeaderLine> headers) {
    Value<Boolean> cred = c.credentials();
    if (cred.is(true)) {
      headers.add(new HeaderLine("Access-Control-Allow-Credentials", Value.known("true", cred.where().orElse(c.defaultsAt()))));
    } else if (cred.isUnknown()) {
      headers.add(new HeaderLine("Access-Control-Allow-Credentials",
          Value.unknown(reason(cred, "CORS_ALLOW_CREDENTIALS"), cred.where().orElse(null))));
    }
  }

  /** {@code ", ".join(setting)}; the expose list is sent only when it is not empty. */
  private void addList(List<HeaderLine> headers, String name, Value<List<String>> v, boolean onlyWhenNotEmpty) {
    if (v.isUnknown()) {
      headers.add(new HeaderLine(name, Value.unknown(reason(v, name), v.where().orElse(null))));
      return;
    }
    List<String> items = v.get().orElse(List.of());
    if (onlyWhenNotEmpty && items.isEmpty()) return;
    headers.add(new HeaderLine(name, Value.known(String.join(", ", items), v.where().orElse(c.defaultsAt()))));
  }

  private record Match(Tri allowed, SourceSpan span, boolean byAllowAll, String unknownReason) {}

  /** django-cors-headers' {@code CORS_ALLOW_ALL_ORIGINS or origin_found_in_white_lists(origin, url)}. */
  private Match match(String origin) {
    Value<Boolean> all = c.allowAll();
    if (all.is(true)) return new Match(Tri.YES, all.where().orElse(c.defaultsAt()), true, null);
    UrlSplit url = UrlSplit.of(origin).orElseThrow();
    String unknown = all.isUnknown() ? reason(all, "CORS_ALLOW_ALL_ORIGINS") : null;
    SourceSpan unknownAt = all.isUnknown() ? all.where().orElse(null) : null;
    for (OriginEntry e : c.origins()) {
      if (e.raw() == null) {
        if (unknown == null) {
          unknown = e.unknownReason();
          unknownAt = e.span();
        }
        continue;
      }
      if (origin.equals("null") && e.raw().equals("null")) return new Match(Tri.YES, e.span(), false, null);
      if (e.split() != null && e.split().equals(url)) return new Match(Tri.YES, e.span(), false, null);
    }
    for (RegexEntry r : c.regexes()) {
      if (r.regex() == null) {
        if (unknown == null) {
          unknown = r.unknownReason();
          unknownAt = r.span();
        }
        continue;
      }
      Tri t = r.regex().matches(origin);
      if (t == Tri.YES) return new Match(Tri.YES, r.span(), false, null);
      if (t == Tri.UNKNOWN && unknown == null) {
        unknown = "whether /" + r.regex().source() + "/ matches " + origin + " (the match gave up)";
        unknownAt = r.span();
      }
    }
    return unknown == null ? new Match(Tri.NO, null, false, null) : new Match(Tri.UNKNOWN, unknownAt, false, unknown);
  }

  private Value<String> allowOriginValue(String origin, Match match) {
    if (match.allowed() == Tri.UNKNOWN) return Value.unknown(match.unknownReason(), match.span());
    if (!match.byAllowAll()) return Value.known(origin, match.span());
    Value<Boolean> cred = c.credentials();
    if (cred.isUnknown()) return Value.unknown(reason(cred, "CORS_ALLOW_CREDENTIALS"), match.span());
    return Value.known(cred.is(true) ? origin : "*", match.span());
  }

  private static String reason(Value<?> v, String setting) {
    if (v instanceof Value.Unknown<?> u) return u.reason();
    return setting + " is not known";
  }

  @Override
  public String toString() {
    return "CorsHeadersPolicy[" + c.scope().description() + "]";
  }
}
