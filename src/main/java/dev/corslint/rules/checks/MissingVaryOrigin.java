package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.Objects;
import java.util.Optional;

/** Access-Control-Allow-Origin depends on the request's Origin, but the response does not say so in Vary. */
public final class MissingVaryOrigin implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    Response legit = probe.actual(probe.legitOrigin(), "GET");
    Optional<HeaderLine> acao = legit.first("Access-Control-Allow-Origin");
    if (acao.isEmpty() || !acao.get().value().isKnown() || acao.get().value().is("*")) return;
    Optional<String> other = probe.actual(PolicyProbe.ATTACKER, "GET").value("Access-Control-Allow-Origin");
    if (Objects.equals(other.orElse(null), acao.get().value().get().orElse(null))) return; // same for everyone
    boolean varies = legit.all("Vary").stream()
        .anyMatch(h -> h.value().get().map(v -> PolicyProbe.lists(v, "origin") || PolicyProbe.lists(v, "*")).orElse(true));
    if (varies) return;
    audit.report(
        policy,
        acao.get().value().where().orElse(null),
        probe.credentials(),
        "Access-Control-Allow-Origin is chosen per request but the response has no 'Vary: Origin': a cache or CDN can serve the answer for "
            + probe.legitOrigin() + " to another origin, and the browser then blocks that site's requests. Add 'Vary: Origin'.",
        "",
        java.util.List.of());
  }
}
