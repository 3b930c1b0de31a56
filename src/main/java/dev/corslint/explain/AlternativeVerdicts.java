package dev.corslint.explain;

import dev.corslint.browser.Browser;
import dev.corslint.browser.BrowserVerdict;
import dev.corslint.browser.CrossOriginFetch;
import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      if (sameResponses(v, base)) continue;
      out.add(new Explanation.Case(a.input(), a.when(), a.span(), verdict(v), v.corsError(), v.consoleMessage()));
    }
    return out;
  }

  /** The scope to show for a request, and the cases that label its answer. */
  record Shown(CorsPolicy policy, List<Explanation.Case> cases) {}

  /**
   * A policy that answers with the defaults of inputs read at run time answers only the case where they are
   * unset. When the verdict would differ, or could not be told, with those inputs set, the scope is shown as a
   * deployment sees it (those values unknown) and the defaults' verdict becomes the unset case.
   */
  static Shown unsetCase(CorsPolicy p, CrossOriginFetch fetch) {
    List<Alternative<String>> defaults = p.assumedDefaults();
    if (defaults.isEmpty()) return new Shown(p, List.of());
    BrowserVerdict unset = Browser.fetch(fetch, p::respond);
    CorsPolicy set = p.withInputsSet();
    BrowserVerdict deployed = Browser.fetch(fetch, set::respond);
    if (sameResponses(unset, deployed) || deployed.known() && sameVerdict(unset, deployed)) return new Shown(p, List.of());
    // The inputs the deployed answer names among its unknowns; all of them when it names none.
    String said = unknownReasons(deployed);
    Map<String, Alternative<String>> byInput = new LinkedHashMap<>();
    for (Alternative<String> a : defaults) if (said.contains(a.input())) byInput.putIfAbsent(a.input(), a);
    if (byInput.isEmpty()) for (Alternative<String> a : defaults) byInput.putIfAbsent(a.input(), a);
    List<String> inputs = new ArrayList<>(byInput.keySet());
    Alternative<String> first = byInput.values().iterator().next();
    String input = String.join(" and ", inputs);
    String when = inputs.size() == 1 ? first.when() : input + " are unset";
    return new Shown(set, List.of(new Explanation.Case(input, when, first.span(), verdict(unset), unset.corsError(), unset.consoleMessage())));
  }

  private static boolean sameResponses(BrowserVerdict a, BrowserVerdict b) {
    return Objects.equals(a.preflight(), b.preflight()) && Objects.equals(a.actual(), b.actual());
  }

  private static boolean sameVerdict(BrowserVerdict a, BrowserVerdict b) {
    return a.known() == b.known() && a.allowed() == b.allowed() && Objects.equals(a.consoleMessage(), b.consoleMessage());
  }

  private static String unknownReasons(BrowserVerdict v) {
    StringBuilder out = new StringBuilder(Objects.toString(v.reason(), ""));
    for (Response r : new Response[] {v.preflight(), v.actual()}) {
      if (r == null) continue;
      if (r.status() instanceof Value.Unknown<Integer> u) out.append('\n').append(u.reason());
      for (HeaderLine h : r.headers()) {
        if (h.value() instanceof Value.Unknown<String> u) out.append('\n').append(u.reason());
      }
    }
    return out.toString();
  }

  private static String verdict(BrowserVerdict v) {
    return !v.known() ? "unknown" : v.allowed() ? "allowed" : "blocked";
  }
}
