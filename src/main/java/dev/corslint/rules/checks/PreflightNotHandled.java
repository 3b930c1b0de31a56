package dev.corslint.rules.checks;

import dev.corslint.browser.BrowserVerdict;
import dev.corslint.browser.CrossOriginFetch;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Response;
import dev.corslint.model.Usage;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scope allows requests that need a preflight, but an OPTIONS request gets no 2xx answer with the CORS
 * headers. Code behind the configured layer (a proxied application) is assumed not to answer OPTIONS, the
 * common case that this rule exists for.
 */
public final class PreflightNotHandled implements Rule {

  private static final Set<String> REPORTED =
      Set.of("PreflightMissingAllowOriginHeader", "PreflightInvalidStatus", "PreflightDisallowedRedirect");
  private static final int UNHANDLED_OPTIONS_STATUS = 405;

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    if (!probe.configuresCors()) return;
    CrossOriginFetch fetch = preflightedFetch(policy, probe);
    // A server that answers plain preflights handles OPTIONS; refusing one method or header is what
    // method-not-allowed and header-not-allowed report.
    if (fetch == null || probe.plainPreflightPasses(UNHANDLED_OPTIONS_STATUS)) return;
    BrowserVerdict v = probe.run(fetch, UNHANDLED_OPTIONS_STATUS);
    if (!v.blocked() || v.stage() != BrowserVerdict.Stage.PREFLIGHT || !REPORTED.contains(v.corsError())) return;
    Response pre = v.preflight();
    if (pre.shadowed().stream().anyMatch(s -> s.name().equalsIgnoreCase("Access-Control-Allow-Origin"))) return;
    String status = pre.status().get().map(s -> "answered " + s).orElse("not answered by this configuration");
    List<RelatedLocation> related = new ArrayList<>();
    probe.whereSet("Access-Control-Allow-Methods")
        .ifPresent(s -> related.add(new RelatedLocation(s, "these methods need a preflight")));
    audit.report(
        policy,
        pre.status().where().orElse(policy.scope().span()),
        probe.credentials(),
        "Preflight requests (OPTIONS) to " + policy.scope().description() + " are " + status
            + ", so " + fetch.method() + " requests never run; the browser reports: " + v.consoleMessage()
            + " Answer OPTIONS with 204 and the CORS headers.",
        "",
        related);
  }

  /** A legitimate request that needs a preflight, built from what the scope itself allows or serves. */
  static CrossOriginFetch preflightedFetch(CorsPolicy policy, PolicyProbe probe) {
    String method = null;
    List<String> candidates = new ArrayList<>();
    for (String v : probe.declaredValues("Access-Control-Allow-Methods")) {
      for (String m : v.split(",")) candidates.add(m.trim().toUpperCase(Locale.ROOT));
    }
    for (Usage u : policy.usages()) if (u.kind() == Usage.Kind.METHOD) candidates.add(u.name());
    for (String m : candidates) {
      if (!m.isEmpty() && !Set.of("GET", "HEAD", "POST", "OPTIONS", "*").contains(m)) {
        method = m;
        break;
      }
    }
    CrossOriginFetch f = probe.fetch(method == null ? "POST" : method);
    if (method != null) return f;
    boolean headersAllowed = probe.declaredValues("Access-Control-Allow-Headers").stream().anyMatch(v -> !v.isBlank());
    return headersAllowed ? f.withHeader("Content-Type", "application/json") : null;
  }
}
