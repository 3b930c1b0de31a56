package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.Optional;

/** CORS headers sent with successful responses and dropped from error responses. */
public final class CorsHeadersMissingOnErrors implements Rule {

  private static final int[] ERRORS = {500, 401, 404};

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    String origin = probe.legitOrigin();
    Optional<HeaderLine> ok = probe.actual(origin, "GET", 200, false).first("Access-Control-Allow-Origin");
    if (ok.isEmpty() || ok.get().value().isAbsent()) return;
    for (int status : ERRORS) {
      Response error = probe.actual(origin, "GET", status, false);
      if (!error.status().is(status) || error.has("Access-Control-Allow-Origin")) continue;
      audit.report(
          policy,
          ok.get().value().where().orElse(null),
          probe.credentials(),
          "When the application answers " + status + ", Access-Control-Allow-Origin is not sent (add_header without 'always' applies only to 2xx and 3xx), so the browser hides the real status and reports: "
              + "\"No 'Access-Control-Allow-Origin' header is present on the requested resource.\" Add 'always' to the CORS add_header directives.",
          "",
          java.util.List.of());
      return;
    }
  }
}
