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
      HeaderLine first = lines.get(0);
      HeaderLine second = lines.get(1);
      // two layers (the application behind a proxy, then the proxy) rather than two lines of one configuration
      boolean layered = policy.forwarding().isPresent() && first.layer() != null && second.layer() != null
          && !first.layer().equals(second.layer());
      String already = layered ? "the " + first.layer() + " application already sends Access-Control-Allow-Origin here"
          : "Access-Control-Allow-Origin is already sent here";
      List<RelatedLocation> related = first.value().where()
          .map(s -> List.of(new RelatedLocation(s, already)))
          .orElse(List.of());
      String what = layered
          ? "Access-Control-Allow-Origin is sent twice on one response: the " + first.layer() + " application behind "
              + second.layer() + " sends it, and " + second.layer() + " adds it again"
          : "Access-Control-Allow-Origin is sent twice on one response";
      audit.report(
          policy,
          second.value().where().orElse(null),
          probe.credentials(),
          what + " (even identical copies are rejected); the browser reports: "
              + Browser.consoleMessage(probe.fetch("GET"), reason) + " Set it in exactly one place.",
          "",
          related);
      return;
    }
  }
}
