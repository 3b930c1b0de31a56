package dev.corslint.rules.checks;

import dev.corslint.browser.Browser;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.regex.Pattern;

/** One Access-Control-Allow-Origin value that lists several origins. */
public final class MultipleOriginValues implements Rule {

  private static final Pattern SEVERAL = Pattern.compile(".*\\S\\s*[,\\s]\\s*\\S.*");

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    for (Response r : probe.legitResponses()) {
      for (HeaderLine h : r.all("Access-Control-Allow-Origin")) {
        String v = h.value().get().orElse(null);
        if (v == null || !SEVERAL.matcher(v.strip()).matches()) continue;
        String reason = "The 'Access-Control-Allow-Origin' header contains multiple values '" + v
            + "', but only one is allowed. Have the server send the header with a valid value.";
        audit.report(
            policy,
            h.value().where().orElse(null),
            probe.credentials(),
            "Access-Control-Allow-Origin lists several origins in one value; the browser accepts exactly one and reports: "
                + Browser.consoleMessage(probe.fetch("GET"), reason)
                + " Send the caller's origin when it is in your allow list (for nginx, a map on $http_origin).",
            v,
            java.util.List.of());
        return;
      }
    }
  }
}
