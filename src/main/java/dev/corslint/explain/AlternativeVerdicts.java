package dev.corslint.explain;

import dev.corslint.browser.Browser;
import dev.corslint.browser.BrowserVerdict;
import dev.corslint.browser.CrossOriginFetch;
import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When the answer to a request depends on a value read at run time, the browser's verdict in each case the code
 * itself names (the default when an environment variable is unset). Cases that leave this request's answer as
 * it is are left out: the variable does not matter here.
 */
final class AlternativeVerdicts {

  private AlternativeVerdicts() {}

  static List<Explanation.Case> of(CorsPolicy p, CrossOriginFetch fetch, BrowserVerdict base) {
    List<Explanation.Case> out = new ArrayList<>();
    for (Alternative<CorsPolicy> a : p.alternatives()) {
      BrowserVerdict v = Browser.fetch(fetch, a.value()::respond);
      if (Objects.equals(v.preflight(), base.preflight()) && Objects.equals(v.actual(), base.actual())) continue;
      String verdict = !v.known() ? "unknown" : v.allowed() ? "allowed" : "blocked";
      out.add(new Explanation.Case(a.input(), a.when(), a.span(), verdict, v.corsError(), v.consoleMessage()));
    }
    return out;
  }
}
