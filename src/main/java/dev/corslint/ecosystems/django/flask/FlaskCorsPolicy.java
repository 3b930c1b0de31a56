package dev.corslint.ecosystems.django.flask;

import dev.corslint.ecosystems.django.DjangoPaths;
import dev.corslint.ecosystems.django.flask.FlaskCorsOptions.Rule;
import dev.corslint.ecosystems.django.flask.FlaskCorsOptions.Setting;
import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.GuardedRegex;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Notice;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * flask-cors 3.0 as {@code set_cors_headers} applies it, for one resource of {@code CORS(app, ...)} or one
 * {@code @cross_origin} route. Flask answers OPTIONS itself (200, automatic options), and the after-request
 * hook adds the CORS headers to every response of a matching path, errors included, but for the responses of a
 * {@code @cross_origin} view, which its decorator has already answered. The request origin is
 * echoed when it matches; {@code origins='*'} (the default) matches everything, so without
 * {@code send_wildcard} that is reflection.
 */
final class FlaskCorsPolicy implements CorsPolicy {

  /**
   * A path pattern of {@code resources}, matched with {@code re.match} when it looks like a regex.
   *
   * @param options the options with environment reads at the defaults the code writes
   * @param inputsSet the options with those reads unknown, as a deployment that sets the variables sees them
   * @param assumedDefaults the defaults {@code options} take
   */
  record Resource(String pattern, GuardedRegex regex, FlaskCorsOptions options, FlaskCorsOptions inputsSet,
      List<Alternative<String>> assumedDefaults) {

    Resource {
      assumedDefaults = List.copyOf(assumedDefaults);
    }

    /** The resource with its merged options {@code merged} read both ways; notices come from the defaults' reading. */
    static Resource of(String pattern, GuardedRegex regex, Map<String, Setting> merged, SourceSpan at, List<Notice> notices) {
      FlaskCorsOptions options = FlaskCorsOptions.of(merged, at, notices);
      Set<Alternative<String>> defaults = new LinkedHashSet<>();
      FlaskCorsOptions.collectDefaults(merged, defaults);
      if (defaults.isEmpty()) return new Resource(pattern, regex, options, options, List.of());
      FlaskCorsOptions inputsSet = FlaskCorsOptions.of(FlaskCorsOptions.withInputsSet(merged), at, new ArrayList<>());
      return new Resource(pattern, regex, options, inputsSet, List.copyOf(defaults));
    }

    Tri matches(String path) {
      return regex != null ? regex.matches(path) : Tri.of(pattern.equals(path));
    }

    Resource withInputsSet() {
      return new Resource(pattern, regex, inputsSet, inputsSet, List.of());
    }
  }

  private final Scope scope;
  private final List<Resource> resources;
  private final int own;
  private final List<ResponseHook> hooks;
  private final List<Usage> usages;
  private final String samplePath;
  private final Set<String> viewMethods;
  private final FlaskCorsPolicy outsideView;
  private final List<GuardedRegex> decoratedViews;

  /**
   * For one resource of {@code CORS(app, ...)}.
   *
   * @param resources every resource of the registration, in flask-cors' order (the first match wins)
   * @param own the index of the resource this policy covers
   * @param hooks after-request hooks in the order Flask runs them
   * @param decoratedViews the paths of the app's {@code @cross_origin} routes: their decorator marks the response
   *     as evaluated, and the extension then leaves it alone
   */
  FlaskCorsPolicy(Scope scope, List<Resource> resources, int own, List<ResponseHook> hooks, List<Usage> usages,
      List<GuardedRegex> decoratedViews) {
    this(scope, resources, own, hooks, usages, null, null, null, decoratedViews);
  }

  /**
   * For a {@code @cross_origin} view: {@code viewMethods} reach the view (and its decorator); other methods are
   * answered by Flask before the view runs, and then only the app-wide registration {@code outsideView} (or
   * nothing) adds CORS headers.
   */
  FlaskCorsPolicy(Scope scope, List<Resource> resources, int own, List<ResponseHook> hooks, List<Usage> usages, String samplePath,
      Set<String> viewMethods, FlaskCorsPolicy outsideView) {
    this(scope, resources, own, hooks, usages, samplePath, viewMethods, outsideView, List.of());
  }

  private FlaskCorsPolicy(Scope scope, List<Resource> resources, int own, List<ResponseHook> hooks, List<Usage> usages, String samplePath,
      Set<String> viewMethods, FlaskCorsPolicy outsideView, List<GuardedRegex> decoratedViews) {
    this.decoratedViews = List.copyOf(decoratedViews);
    this.viewMethods = viewMethods == null ? null : Set.copyOf(viewMethods);
    this.outsideView = outsideView;
    this.scope = scope;
    this.resources = List.copyOf(resources);
    this.own = own;
    this.hooks = List.copyOf(hooks);
    this.usages = List.copyOf(usages);
    this.samplePath = samplePath != null ? samplePath : ownSample();
  }

  private String ownSample() {
    Resource r = resources.get(own);
    if (r.regex() != null) return DjangoPaths.sample(r.regex());
    return r.pattern().startsWith("/") ? r.pattern() : "/" + r.pattern();
  }

  private FlaskCorsOptions options() {
    return resources.get(own).options();
  }

  /**
   * The defaults of every resource of the registration (the first that matches a path answers it) and, for a
   * {@code @cross_origin} view, those of the app-wide registration that answers the other methods.
   */
  @Override
  public List<Alternative<String>> assumedDefaults() {
    Set<Alternative<String>> out = new LinkedHashSet<>();
    for (Resource r : resources) out.addAll(r.assumedDefaults());
    if (outsideView != null) out.addAll(outsideView.assumedDefaults());
    return out.stream().sorted(Comparator.comparing(Alternative::span, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
  }

  @Override
  public CorsPolicy withInputsSet() {
    if (assumedDefaults().isEmpty()) return this;
    return new FlaskCorsPolicy(scope, resources.stream().map(Resource::withInputsSet).toList(), own, hooks, usages, samplePath,
        viewMethods, outsideView == null ? null : (FlaskCorsPolicy) outsideView.withInputsSet(), decoratedViews);
  }

  @Override
  public Scope scope() {
    return scope;
  }

  @Override
  public String samplePath() {
    return samplePath;
  }

  @Override
  public List<Usage> usages() {
    return usages;
  }

  /**
   * Whether this resource is the first that matches {@code path} and no {@code @cross_origin} route of the app
   * takes the path: that route's scope answers it, with the app's answer for the methods its view does not run for.
   */
  @Override
  public Tri serves(String path) {
    Tri first = Tri.NO;
    for (int i = 0; i < resources.size(); i++) {
      Tri t = resources.get(i).matches(path);
      if (t == Tri.YES) {
        first = Tri.of(i == own);
        break;
      }
      if (t == Tri.UNKNOWN) {
        first = Tri.UNKNOWN;
        break;
      }
    }
    if (first == Tri.NO) return Tri.NO;
    Tri decorated = Tri.NO;
    for (GuardedRegex view : decoratedViews) decorated = decorated.or(view.matches(path));
    if (decorated == Tri.YES) return Tri.NO;
    return decorated == Tri.UNKNOWN ? Tri.UNKNOWN : first;
  }

  @Override
  public OriginMatcher allowedOrigins() {
    List<OriginMatcher> leaves = new ArrayList<>();
    boolean preempted = false;
    for (ResponseHook h : hooks) {
      leaves.addAll(h.matchers());
      if (h.runsBeforeCors() && h.alwaysSetsAllowOrigin()) preempted = true;
    }
    if (!preempted) leaves.add(0, options().matcher());
    return OriginMatcher.anyOf(leaves);
  }

  @Override
  public Value<Boolean> credentials() {
    for (ResponseHook h : hooks) {
      for (ResponseHook.HeaderOp op : h.ops()) {
        if (op.name().equalsIgnoreCase("Access-Control-Allow-Credentials") && "true".equalsIgnoreCase(op.value().literal())) {
          return Value.known(true, op.at());
        }
      }
    }
    return options().credentials();
  }

  @Override
  public Response respond(Request req) {
    if (viewMethods != null && !viewMethods.contains(req.method())) {
      return outsideView != null ? outsideView.respond(req) : new Response(Value.known(req.handlerStatus(), null), List.of());
    }
    boolean preflight = "OPTIONS".equals(req.method()) && req.requestMethod() != null;
    Value<Integer> status = preflight ? Value.known(200, scope.span()) : Value.known(req.handlerStatus(), null);
    List<HeaderLine> headers = new ArrayList<>();
    for (ResponseHook h : hooks) if (h.runsBeforeCors()) h.apply(headers, req);
    boolean evaluated = headers.stream().anyMatch(h -> h.is("Access-Control-Allow-Origin")
        && (h.value().isUnknown() || h.value().get().map(v -> !v.isEmpty()).orElse(false)));
    if (!evaluated) {
      FlaskCorsOptions o = null;
      for (Resource r : resources) {
        Tri t = r.matches(req.path());
        if (t != Tri.NO) {
          o = r.options();
          break;
        }
      }
      if (o != null) corsHeaders(o, req, headers);
    }
    for (ResponseHook h : hooks) if (!h.runsBeforeCors()) h.apply(headers, req);
    return new Response(status, headers);
  }

  /** {@code get_cors_headers}: the lines flask-cors adds, in its order. */
  private static void corsHeaders(FlaskCorsOptions o, Request req, List<HeaderLine> headers) {
    String origin = req.origin();
    Value<String> allowOrigin = null;
    if (origin != null && !origin.isEmpty()) {
      if (o.wildcard() && o.sendWildcard()) {
        allowOrigin = Value.known("*", spanOf(o, Rule.Kind.ANY));
      } else {
        Tri result = Tri.NO;
        SourceSpan at = null;
        String unknown = null;
        for (Rule r : o.origins()) {
          Tri t = r.matches(origin);
          if (t == Tri.YES) {
            result = Tri.YES;
            at = r.span();
            break;
          }
          if (t == Tri.UNKNOWN && result == Tri.NO) {
            result = Tri.UNKNOWN;
            at = r.span();
            // Naming what is unknown (an environment variable) lets an explanation tell which input decides.
            unknown = "whether flask-cors allows " + origin + (r.unknownReason() == null ? "" : ": " + r.unknownReason());
          }
        }
        if (result == Tri.YES) allowOrigin = Value.known(origin, at);
        else if (result == Tri.UNKNOWN) allowOrigin = Value.unknown(unknown, at);
      }
    } else if (o.alwaysSend()) {
      if (o.wildcard()) {
        if (!o.credentials().is(true)) allowOrigin = Value.known("*", spanOf(o, Rule.Kind.ANY));
      } else {
        List<Rule> plain = o.origins().stream().filter(r -> r.kind() == Rule.Kind.PLAIN)
            .sorted((a, b) -> a.text().compareTo(b.text())).toList();
        if (!plain.isEmpty()) allowOrigin = Value.known(plain.get(0).text(), plain.get(0).span());
      }
    }
    if (allowOrigin == null) return;
    headers.add(new HeaderLine("Access-Control-Allow-Origin", allowOrigin, "flask-cors"));
    if (!o.exposeHeaders().isAbsent()) headers.add(new HeaderLine("Access-Control-Expose-Headers", at(o.exposeHeaders(), o), "flask-cors"));
    if (o.credentials().is(true)) {
      headers.add(new HeaderLine("Access-Control-Allow-Credentials", Value.known("true", o.credentials().where().orElse(o.at())), "flask-cors"));
    } else if (o.credentials().isUnknown()) {
      headers.add(new HeaderLine("Access-Control-Allow-Credentials", o.credentials().map(b -> "true"), "flask-cors"));
    }
    if ("OPTIONS".equals(req.method())) {
      String requested = req.requestMethod() == null ? "" : req.requestMethod().toUpperCase(Locale.ROOT);
      // flask-cors tests membership in the joined string.
      boolean methodOk = !requested.isEmpty() && o.methods().get().map(m -> m.contains(requested)).orElse(true);
      if (methodOk) {
        Value<String> allowHeaders = allowHeaders(o, req.requestHeaders());
        if (allowHeaders != null) headers.add(new HeaderLine("Access-Control-Allow-Headers", allowHeaders, "flask-cors"));
        if (!o.maxAge().isAbsent()) headers.add(new HeaderLine("Access-Control-Max-Age", at(o.maxAge(), o), "flask-cors"));
        if (!o.methods().isAbsent()) headers.add(new HeaderLine("Access-Control-Allow-Methods", at(o.methods(), o), "flask-cors"));
      }
    }
    boolean star = allowOrigin.is("*");
    if (o.varyHeader() && !star && (o.origins().size() > 1 || o.anyRegex())) {
      headers.add(new HeaderLine("Vary", Value.known("Origin", o.at()), "flask-cors"));
    }
  }

  /** The requested header names that {@code allow_headers} matches, sorted and joined; null when none. */
  private static Value<String> allowHeaders(FlaskCorsOptions o, List<String> requested) {
    if (requested.isEmpty()) return null;
    List<String> allowed = new ArrayList<>();
    SourceSpan at = o.allowHeaders().isEmpty() ? o.at() : o.allowHeaders().get(0).span();
    for (String h : requested) {
      Tri t = Tri.NO;
      for (Rule r : o.allowHeaders()) t = t.or(r.matches(h));
      if (t == Tri.UNKNOWN) return Value.unknown("whether flask-cors allows the header " + h, at);
      if (t == Tri.YES) allowed.add(h);
    }
    allowed.sort(null);
    return allowed.isEmpty() ? null : Value.known(String.join(", ", allowed), at);
  }

  private static Value<String> at(Value<String> v, FlaskCorsOptions o) {
    if (v instanceof Value.Known<String> k && k.span() == null) return Value.known(k.value(), o.at());
    return v;
  }

  private static SourceSpan spanOf(FlaskCorsOptions o, Rule.Kind kind) {
    return o.origins().stream().filter(r -> r.kind() == kind).map(Rule::span).findFirst().orElse(o.at());
  }

  @Override
  public String toString() {
    return "FlaskCorsPolicy[" + scope.description() + "]";
  }
}
