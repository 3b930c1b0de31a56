package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.Optional;

/** Any origin echoed back in Access-Control-Allow-Origin with no real check. */
public final class OriginReflection implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    // Some servers echo only requests that carry cookies (Starlette with '*' and credentials); an echo
    // there matters only together with Access-Control-Allow-Credentials: true, else it is no more than '*'.
    Optional<HeaderLine> acao = echo(probe.actual(PolicyProbe.ATTACKER, "GET"));
    if (acao.isEmpty()) {
      Response withCookies = probe.actual(PolicyProbe.ATTACKER, "GET", 200, true);
      if (withCookies.value("Access-Control-Allow-Credentials").map("true"::equals).orElse(false)) {
        acao = echo(withCookies);
      }
    }
    if (acao.isEmpty()) return;
    // A regex or string check that lets the attacker in is a loose check, reported by its own rule.
    SourceSpan at = null;
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (leaf.accepts(PolicyProbe.ATTACKER) != Tri.YES) continue;
      if (leaf instanceof OriginMatcher.Regex || leaf instanceof OriginMatcher.StringTest) return;
      if (at == null) at = leaf.span();
    }
    if (at == null) at = acao.get().value().where().orElse(null);
    audit.report(
        policy,
        at,
        probe.credentials(),
        "Any origin is echoed back in Access-Control-Allow-Origin: a page on " + PolicyProbe.ATTACKER
            + " can read responses from " + policy.scope().description() + probe.withCookies()
            + ". Check the origin against an allow list of exact origins.",
        "",
        probe.credentialsRelated());
  }

  private static Optional<HeaderLine> echo(Response r) {
    Optional<HeaderLine> line = r.first("Access-Control-Allow-Origin");
    return line.flatMap(h -> h.value().get()).map(PolicyProbe.ATTACKER::equals).orElse(false) ? line : Optional.empty();
  }
}
