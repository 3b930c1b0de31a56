package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RegexBacktracking;
import dev.corslint.rules.Rule;

/** An origin regex the server's backtracking engine can take exponential time on. */
public final class OriginRegexRedos implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (!(leaf instanceof OriginMatcher.Regex r)) continue;
      RegexBacktracking.analyze(r.regex().source())
          .ifPresent(attack -> audit.report(
              policy,
              leaf.span(),
              new PolicyProbe(policy).credentials(),
              "The origin pattern /" + r.regex().source() + "/ backtracks exponentially on " + attack.vulnerablePart()
                  + ": one request with 'Origin: " + attack.input() + "' can keep a CPU busy for seconds to hours."
                  + " Remove the nested repetition (for example ([a-z0-9-]+\\.)* instead of ([a-z0-9-]+\\.?)+).",
              r.regex().source(),
              java.util.List.of()));
    }
  }
}
