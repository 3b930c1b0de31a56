package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.Rule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * CORS headers sent with successful responses and lost on error responses, so the browser reports a CORS
 * error instead of the status. Either a header lacks nginx's {@code always}, or an {@code error_page}
 * replaces the error with a page that carries no CORS headers.
 */
public final class CorsHeadersMissingOnErrors implements Rule {

  private static final int[] ERRORS = {500, 401, 404};
  private static final String NO_ACAO = "\"No 'Access-Control-Allow-Origin' header is present on the requested resource.\"";

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    String origin = probe.legitOrigin();
    boolean credentials = probe.credentials();
    Response ok = probe.actual(origin, "GET", 200, credentials);
    Optional<HeaderLine> acao = ok.first("Access-Control-Allow-Origin");
    if (acao.isEmpty() || acao.get().value().isAbsent()) return;
    for (int status : ERRORS) {
      Response error = probe.actual(origin, "GET", status, credentials);
      if (!error.status().is(status)) continue;
      if (!error.has("Access-Control-Allow-Origin")) {
        report(policy, audit, probe, ok, error, acao.get(), status, "Access-Control-Allow-Origin", NO_ACAO);
        return;
      }
      Optional<HeaderLine> acac = ok.first("Access-Control-Allow-Credentials");
      if (credentials && acac.isPresent() && !error.has("Access-Control-Allow-Credentials")) {
        report(policy, audit, probe, ok, error, acac.get(), status, "Access-Control-Allow-Credentials",
            "\"The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.\"");
        return;
      }
    }
  }

  private static void report(CorsPolicy policy, Audit audit, PolicyProbe probe, Response ok, Response error,
      HeaderLine lost, int status, String name, String console) {
    SourceSpan okAt = ok.status().where().orElse(null);
    SourceSpan errorAt = error.status().where().orElse(null);
    boolean replacedPage = errorAt != null && !Objects.equals(errorAt, okAt) && !errorAt.equals(policy.scope().span());
    if (replacedPage) {
      audit.report(policy, errorAt, probe.credentials(),
          "When the application answers " + status + ", this error_page replaces the response with one that carries no "
              + name + ", so the browser hides the real status and reports: " + console
              + " Send the CORS headers (with 'always') where the error page is served, or let the application's error through.",
          name, lost.value().where().map(s -> List.of(new RelatedLocation(s, name + " is sent on successful responses here"))).orElse(List.of()));
    } else {
      audit.report(policy, lost.value().where().orElse(null), probe.credentials(),
          "When the application answers " + status + ", " + name
              + " is not sent (add_header without 'always' applies only to 2xx and 3xx), so the browser hides the real status and reports: "
              + console + " Add 'always' to the CORS add_header directives.",
          name, List.of());
    }
  }
}
