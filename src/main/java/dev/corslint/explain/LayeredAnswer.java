package dev.corslint.explain;

import dev.corslint.model.HeaderLine;
import dev.corslint.model.HeaderRemoval;
import dev.corslint.model.ProxiedPolicy;
import dev.corslint.model.ProxiedResponse;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two layers of a proxied answer, for an explanation: for every request the browser sends, what the
 * application behind the proxy receives and answers, and what the proxy adds and removes on the way back.
 * The combined response itself is the scope's answer, so the browser's verdict is the one on what it sees.
 */
final class LayeredAnswer {

  private LayeredAnswer() {}

  static Explanation.Layers of(ProxiedPolicy p, List<Request> sent) {
    List<Explanation.Hop> hops = new ArrayList<>();
    for (Request r : sent) hops.add(hop(p, r));
    return new Explanation.Layers(p.front().scope().ecosystem().displayName(), p.application(), p.link(), hops);
  }

  private static Explanation.Hop hop(ProxiedPolicy p, Request r) {
    ProxiedResponse layered = p.respondInLayers(r);
    String line = r.method() + " " + r.path();
    if (!layered.reachedApplication()) return new Explanation.Hop(line, null, List.of());
    Request f = layered.forwarded();
    List<String> headers = new ArrayList<>();
    if (f.origin() != null) headers.add("Origin: " + f.origin());
    if (f.isPreflight()) {
      headers.add("Access-Control-Request-Method: " + f.requestMethod());
      if (!f.requestHeaders().isEmpty()) headers.add("Access-Control-Request-Headers: " + String.join(",", f.requestHeaders()));
    }
    Response app = layered.application();
    Response combined = layered.combined();
    Explanation.Exchange answered = Explainer.exchange(f.method() + " " + f.path(), headers, app);
    List<Explanation.Change> changes = new ArrayList<>();
    for (HeaderLine h : combined.headers()) {
      if (!app.headers().contains(h)) changes.add(change("added", h, h.value().where().orElse(null)));
    }
    for (HeaderLine h : app.headers()) {
      if (!combined.headers().contains(h)) changes.add(change("removed", h, removedBy(combined, h)));
    }
    return new Explanation.Hop(line, answered, changes);
  }

  /**
   * The fix when the proxy adds Access-Control-Allow-Origin on top of the application's own: one layer must
   * own it. Null when the duplicate is not one of both layers.
   */
  static Explanation.Fix duplicateFix(Explanation.Layers layers) {
    for (Explanation.Hop hop : layers.hops()) {
      if (hop.application() == null) continue;
      Explanation.Header own = hop.application().headers().stream()
          .filter(h -> h.name().equalsIgnoreCase("Access-Control-Allow-Origin")).findFirst().orElse(null);
      Explanation.Change added = hop.changes().stream()
          .filter(c -> c.action().equals("added") && c.name().equalsIgnoreCase("Access-Control-Allow-Origin"))
          .findFirst().orElse(null);
      if (own == null || added == null) continue;
      return new Explanation.Fix("The " + layers.application() + " already sends Access-Control-Allow-Origin"
          + (own.span() != null ? " (" + own.span() + ")" : "") + ", and " + layers.front() + " adds a second one."
          + " Let one layer own CORS: remove the proxy's header here, or keep it and hide the application's copy.",
          "# remove the add_header of Access-Control-Allow-Origin (and of the other CORS headers) here,\n"
              + "# or keep them and hide what the application sends:\nproxy_hide_header Access-Control-Allow-Origin;",
          added.span());
    }
    return null;
  }

  /**
   * The application's scope when it alone decides the CORS headers: every request reached it and the proxy
   * neither added nor removed an {@code Access-Control-*} or {@code Vary} line. Null otherwise.
   */
  static dev.corslint.model.CorsPolicy corsOwner(ProxiedPolicy p, Explanation.Layers layers, List<Request> sent) {
    if (sent.isEmpty()) return null;
    for (Explanation.Hop hop : layers.hops()) {
      if (hop.application() == null) return null;
      for (Explanation.Change c : hop.changes()) {
        String n = c.name().toLowerCase(Locale.ROOT);
        if (n.startsWith("access-control-") || n.equals("vary")) return null;
      }
    }
    Request last = sent.get(sent.size() - 1);
    ProxiedResponse layered = p.respondInLayers(last);
    return layered.forwarded() == null ? null : p.applicationFor(layered.forwarded());
  }

  private static Explanation.Change change(String action, HeaderLine h, SourceSpan span) {
    return new Explanation.Change(action, h.name(), h.value().get().orElse(null), span);
  }

  /** The directive that hides or clears {@code h}, or null when another header replaced it. */
  private static SourceSpan removedBy(Response combined, HeaderLine h) {
    String name = h.name().toLowerCase(Locale.ROOT);
    for (HeaderRemoval r : combined.removed()) {
      String pattern = r.name().toLowerCase(Locale.ROOT);
      boolean wildcard = pattern.endsWith("*");
      String stem = wildcard ? pattern.substring(0, pattern.length() - 1) : pattern;
      if (wildcard ? name.startsWith(stem) : name.equals(stem)) return r.span();
    }
    return null;
  }
}
