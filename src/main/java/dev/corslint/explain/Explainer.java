package dev.corslint.explain;

import dev.corslint.browser.Browser;
import dev.corslint.browser.BrowserVerdict;
import dev.corslint.browser.CrossOriginFetch;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.ProxiedPolicy;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Explains one request against the policies of a repository, with the browser model's verdict. */
public final class Explainer {

  private static final Set<String> SAFELISTED_METHODS = Set.of("GET", "HEAD", "POST");

  private Explainer() {}

  public static Explanation explain(ExplainRequest req, List<CorsPolicy> policies) {
    List<String> notes = new ArrayList<>();
    List<CorsPolicy> serving = select(req, policies, notes);
    CrossOriginFetch probe = req.fetch(req.url());
    List<String> reasons = preflightReasons(probe);
    List<Explanation.ScopeAnswer> answers = new ArrayList<>();
    for (CorsPolicy p : serving) answers.add(answer(req, p));
    if (serving.isEmpty()) {
      notes.add("No scope in this repository serves " + req.path()
          + ": corslint found no configuration that answers this URL, so the browser would see no CORS headers from it.");
    }
    return new Explanation(req, !reasons.isEmpty(), reasons, answers, notes);
  }

  /** The scopes that serve the request's path (and host, when the URL names one and the scope knows its own). */
  static List<CorsPolicy> select(ExplainRequest req, List<CorsPolicy> policies, List<String> notes) {
    String host = req.host();
    // When some scope names the URL's host, only those serve it; scopes without a known host are the
    // fallback, as a default server is.
    boolean hostNamed = host != null && policies.stream()
        .anyMatch(p -> p.scope().host().get().map(h -> h.equalsIgnoreCase(host)).orElse(false));
    List<CorsPolicy> yes = new ArrayList<>();
    List<CorsPolicy> maybe = new ArrayList<>();
    for (CorsPolicy p : policies) {
      String scopeHost = p.scope().host().get().map(h -> h.toLowerCase(Locale.ROOT)).orElse(null);
      if (host != null && scopeHost != null && !scopeHost.equals(host)) continue;
      if (hostNamed && scopeHost == null) continue;
      // An https URL never reaches a server block that listens only for plain http.
      if (req.url().startsWith("https://") && p.scope().tls().is(false)) continue;
      Tri serves = p.serves(req.path());
      if (serves == Tri.YES) yes.add(p);
      else if (serves == Tri.UNKNOWN && req.path().startsWith(literalPrefix(p.scope().pathPattern()))) maybe.add(p);
    }
    List<CorsPolicy> out = yes.isEmpty() ? maybe : yes;
    if (yes.isEmpty() && !maybe.isEmpty()) {
      notes.add("Which scope answers could not be decided exactly; showing every scope whose path covers " + req.path() + ".");
    }
    behindProxies(out, notes);
    out.sort(Comparator.comparing(p -> p.scope().span()));
    return out;
  }

  /**
   * Drops the scopes of an application that a selected proxy forwards to: the browser reaches them through the
   * proxy, whose answer shows both layers.
   */
  private static void behindProxies(List<CorsPolicy> selected, List<String> notes) {
    List<ProxiedPolicy> proxies = new ArrayList<>();
    for (CorsPolicy p : selected) if (p instanceof ProxiedPolicy pp) proxies.add(pp);
    for (ProxiedPolicy proxy : proxies) {
      if (selected.removeIf(p -> !(p instanceof ProxiedPolicy) && proxy.applicationScopes().contains(p.scope()))) {
        notes.add("The " + proxy.application() + " is reached through " + proxy.front().scope().ecosystem().displayName()
            + " (" + proxy.link() + "), so it is shown as the layer behind it.");
      }
    }
  }

  private static String literalPrefix(String pattern) {
    if (pattern == null) return "/";
    String p = pattern.replaceFirst("^(=|\\^~)\\s*", "");
    int cut = 0;
    while (cut < p.length() && "*?[({\\^$~".indexOf(p.charAt(cut)) < 0) cut++;
    return p.substring(0, cut);
  }

  static List<String> preflightReasons(CrossOriginFetch f) {
    List<String> out = new ArrayList<>();
    if (!SAFELISTED_METHODS.contains(f.method())) {
      out.add(f.method() + " is not a CORS-safelisted method (only GET, HEAD and POST are)");
    }
    for (String h : Browser.unsafeHeaderNames(f.headers())) {
      if (h.equals("content-type")) {
        out.add("Content-Type " + contentType(f) + " is not one of application/x-www-form-urlencoded, multipart/form-data or text/plain");
      } else {
        out.add(h + " is not a CORS-safelisted request header");
      }
    }
    return out;
  }

  private static String contentType(CrossOriginFetch f) {
    for (Map.Entry<String, String> e : f.headers().entrySet()) {
      if (e.getKey().equalsIgnoreCase("content-type")) return e.getValue();
    }
    return "";
  }

  private static Explanation.ScopeAnswer answer(ExplainRequest req, CorsPolicy serving) {
    String url = absoluteUrl(req, serving);
    CrossOriginFetch fetch = req.fetch(url);
    AlternativeVerdicts.Shown shown = AlternativeVerdicts.unsetCase(serving, fetch);
    CorsPolicy p = shown.policy();
    List<Request> sent = new ArrayList<>();
    BrowserVerdict v = Browser.fetch(fetch, r -> {
      sent.add(r);
      return p.respond(r);
    });
    Explanation.Exchange pre = null;
    if (v.preflight() != null) {
      List<String> reqHeaders = new ArrayList<>();
      reqHeaders.add("Origin: " + fetch.serializedOrigin());
      reqHeaders.add("Access-Control-Request-Method: " + fetch.method());
      List<String> unsafe = Browser.unsafeHeaderNames(fetch.headers());
      if (!unsafe.isEmpty()) reqHeaders.add("Access-Control-Request-Headers: " + String.join(",", unsafe));
      pre = exchange("OPTIONS " + req.path(), reqHeaders, v.preflight());
    }
    Explanation.Exchange actual = null;
    if (v.actual() != null) {
      List<String> reqHeaders = new ArrayList<>();
      reqHeaders.add("Origin: " + fetch.serializedOrigin());
      for (String h : fetch.headers().keySet()) reqHeaders.add(h + ": …");
      if (req.credentials()) reqHeaders.add("Cookie: …");
      actual = exchange(fetch.method() + " " + req.path(), reqHeaders, v.actual());
    }
    String verdict = !v.known() ? "unknown" : v.allowed() ? "allowed" : "blocked";
    List<String> unknowns = unknowns(v);
    if (!v.known() && v.reason() != null) unknowns.add(0, v.reason());
    Explanation.Fix fix = v.blocked() ? FixAdvice.forVerdict(p, fetch, v) : null;
    List<Explanation.Case> cases = new ArrayList<>(shown.cases());
    if (!v.known()) cases.addAll(AlternativeVerdicts.of(p, fetch, v));
    Explanation.Layers layers = p instanceof ProxiedPolicy proxied ? LayeredAnswer.of(proxied, sent) : null;
    if (layers != null && fix != null) {
      Explanation.Fix layered = v.corsError() != null && v.corsError().endsWith("MultipleAllowOriginValues")
          ? LayeredAnswer.duplicateFix(layers) : null;
      // the proxy passes the application's answer on without touching CORS: the fix is the application's
      CorsPolicy owner = layered == null ? LayeredAnswer.corsOwner((ProxiedPolicy) p, layers, sent) : null;
      if (layered != null) fix = layered;
      else if (owner != null) fix = FixAdvice.forVerdict(owner, fetch, v);
    }
    return new Explanation.ScopeAnswer(p.scope().ecosystem().displayName(), p.scope().description(), p.scope().span(),
        url, pre, actual, verdict, v.corsError(), v.consoleMessage(), unknowns, fix, cases, layers);
  }

  /** The URL as the page calls it: the scope's own scheme and host when the request gave only a path. */
  private static String absoluteUrl(ExplainRequest req, CorsPolicy p) {
    if (req.url().contains("://")) return req.url();
    boolean tls = !p.scope().tls().is(false);
    String host = p.scope().host().get().orElse("api.example.com");
    return (tls ? "https://" : "http://") + host + req.path();
  }

  static Explanation.Exchange exchange(String line, List<String> requestHeaders, Response r) {
    List<Explanation.Header> headers = new ArrayList<>();
    for (HeaderLine h : r.headers()) {
      Value<String> v = h.value();
      String unknown = v instanceof Value.Unknown<String> u ? u.reason() : null;
      headers.add(new Explanation.Header(h.name(), v.get().orElse(null), unknown, v.where().orElse(null)));
    }
    Integer status = r.status().get().orElse(null);
    return new Explanation.Exchange(line, requestHeaders, status, r.status().where().orElse(null), headers);
  }

  private static List<String> unknowns(BrowserVerdict v) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Response r : new Response[] {v.preflight(), v.actual()}) {
      if (r == null) continue;
      if (r.status() instanceof Value.Unknown<Integer> u) out.putIfAbsent("status", "the status: " + u.reason());
      for (HeaderLine h : r.headers()) {
        if (h.value() instanceof Value.Unknown<String> u) out.putIfAbsent(h.name(), h.name() + ": " + u.reason());
      }
    }
    return new ArrayList<>(new TreeSet<>(out.values()));
  }
}
