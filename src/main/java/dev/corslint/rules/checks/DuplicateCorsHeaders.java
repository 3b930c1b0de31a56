package dev.corslint.rules.checks;

import dev.corslint.browser.Browser;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.Rule;
import java.util.List;
import java.util.stream.Collectors;

/** Two layers, or two directives, both send Access-Control-Allow-Origin on one response. */
public final class DuplicateCorsHeaders implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    for (Response r : probe.legitResponses()) {
      List<HeaderLine> lines = r.all("Access-Control-Allow-Origin");
      if (lines.size() < 2) continue;
      String joined = lines.stream().map(h -> h.value().get().orElse("…")).collect(Collectors.joining(", "));
      String reason = "The 'Access-Control-Allow-Origin' header contains multiple values '" + joined
          + "', but only one is allowed. Have the server send the header with a valid value.";
      HeaderLine second = lines.get(1);
      List<RelatedLocation> related = lines.get(0).value().where()
          .map(s -> List.of(new RelatedLocation(s, "Access-Control-Allow-Origin is already sent here")))
          .orElse(List.of());
      audit.report(
          policy,
          second.value().where().orElse(null),
          probe.credentials(),
          "Access-Control-Allow-Origin is sent twice on one response (even identical copies are rejected); the browser reports: "
              + Browser.consoleMessage(probe.fetch("GET"), reason) + " Set it in exactly one place.",
          "",
          related);
      return;
    }
  }
}
