package dev.corslint.explain;

import dev.corslint.model.SourceSpan;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Renders an explanation for a terminal: the checklist a developer would follow, done from the configuration. */
public final class ExplanationText {

  private ExplanationText() {}

  public static String render(Explanation e) {
    StringBuilder out = new StringBuilder();
    ExplainRequest r = e.request();
    out.append("Request: fetch('").append(r.url()).append("', { method: '").append(r.method()).append('\'');
    if (!r.headers().isEmpty() || r.contentType() != null) {
      out.append(", headers: {");
      boolean first = true;
      for (String h : r.headers()) {
        out.append(first ? " " : ", ").append(h).append(": …");
        first = false;
      }
      if (r.contentType() != null) out.append(first ? " " : ", ").append("Content-Type: '").append(r.contentType()).append('\'');
      out.append(" }");
    }
    if (r.credentials()) out.append(", credentials: 'include'");
    out.append(" }) from ").append(r.origin()).append('\n');
    if (e.preflight()) {
      out.append("Preflight: sent first, because ").append(String.join("; ", e.preflightReasons())).append(".\n");
    } else {
      out.append("Preflight: none (a simple request: safelisted method and headers).\n");
    }
    for (String note : e.notes()) out.append("Note: ").append(note).append('\n');
    for (Explanation.ScopeAnswer a : e.scopes()) {
      out.append('\n').append(a.ecosystem()).append(": ").append(a.scope()).append("  (").append(a.span()).append(")\n");
      Explanation.Layers layers = a.layers();
      if (layers != null) {
        out.append("  In front of the ").append(layers.application()).append(": ").append(layers.link()).append('\n');
      }
      if (a.preflight() != null) exchange(out, a.preflight(), layers);
      if (a.actual() != null) exchange(out, a.actual(), layers);
      switch (a.verdict()) {
        case "allowed" -> out.append("  Verdict: allowed. The page can read the response.\n");
        case "blocked" -> out.append("  Verdict: blocked. Chromium prints:\n    ").append(a.consoleMessage()).append('\n');
        default -> out.append("  Verdict: cannot be decided from the configuration alone.\n");
      }
      for (String u : a.unknowns()) out.append("    unknown: ").append(u).append('\n');
      cases(out, a.cases());
      if (a.fix() != null) {
        out.append("  Fix");
        if (a.fix().at() != null) out.append(" at ").append(a.fix().at());
        out.append(": ").append(a.fix().summary()).append('\n');
        if (!a.fix().code().isEmpty()) {
          for (String line : a.fix().code().split("\n")) out.append("      ").append(line).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The verdict in each case the code names, then what is left to the deployment. */
  private static void cases(StringBuilder out, List<Explanation.Case> cases) {
    if (cases == null || cases.isEmpty()) return;
    Set<String> inputs = new LinkedHashSet<>();
    for (Explanation.Case c : cases) {
      inputs.add(c.input());
      out.append("  When ").append(c.when());
      if (c.span() != null) out.append(" (default at ").append(c.span()).append(')');
      switch (c.verdict()) {
        case "allowed" -> out.append(": allowed. The page can read the response.\n");
        case "blocked" -> out.append(": blocked. Chromium prints:\n    ").append(c.consoleMessage()).append('\n');
        default -> out.append(": still cannot be decided from the configuration alone.\n");
      }
    }
    out.append("  Otherwise: depends on ").append(String.join(" and ", inputs)).append(" at deploy time.\n");
  }

  private static void exchange(StringBuilder out, Explanation.Exchange x, Explanation.Layers layers) {
    out.append("  > ").append(x.requestLine()).append('\n');
    for (String h : x.requestHeaders()) out.append("  > ").append(h).append('\n');
    Explanation.Hop hop = layers == null ? null
        : layers.hops().stream().filter(h -> h.requestLine().equals(x.requestLine())).findFirst().orElse(null);
    if (hop != null) {
      hop(out, hop, layers);
      out.append("  The browser receives:\n");
    }
    response(out, x);
  }

  /** What the application behind the proxy answers, and what the proxy changes on the way back. */
  private static void hop(StringBuilder out, Explanation.Hop hop, Explanation.Layers layers) {
    if (hop.application() == null) {
      out.append("  ").append(layers.front()).append(" answers by itself: the request never reaches the ")
          .append(layers.application()).append(".\n");
      return;
    }
    Explanation.Exchange app = hop.application();
    out.append("  The ").append(layers.application()).append(" receives ").append(app.requestLine()).append(" and answers:\n");
    response(out, app, "    ");
    for (String action : new String[] {"added", "removed"}) {
      List<Explanation.Change> cs = hop.changes().stream().filter(c -> c.action().equals(action)).toList();
      if (cs.isEmpty()) continue;
      out.append("  ").append(layers.front()).append(action.equals("added") ? " adds:\n" : " removes:\n");
      for (Explanation.Change c : cs) {
        out.append("    < ").append(c.name()).append(": ").append(c.value() == null ? "(unknown)" : c.value());
        at(out, c.span());
        out.append('\n');
      }
    }
    if (hop.changes().isEmpty()) out.append("  ").append(layers.front()).append(" passes it on unchanged.\n");
  }

  private static void response(StringBuilder out, Explanation.Exchange x) {
    response(out, x, "  ");
  }

  private static void response(StringBuilder out, Explanation.Exchange x, String indent) {
    out.append(indent).append("< ").append(x.status() == null ? "status unknown" : x.status().toString());
    at(out, x.statusSpan());
    out.append('\n');
    List<Explanation.Header> hs = x.headers();
    if (hs.isEmpty()) out.append(indent).append("< (no CORS headers)\n");
    for (Explanation.Header h : hs) {
      out.append(indent).append("< ").append(h.name()).append(": ").append(h.value() == null ? "(unknown: " + h.unknown() + ")" : h.value());
      at(out, h.span());
      out.append('\n');
    }
  }

  private static void at(StringBuilder out, SourceSpan span) {
    if (span != null) out.append("    [").append(span).append(']');
  }
}
