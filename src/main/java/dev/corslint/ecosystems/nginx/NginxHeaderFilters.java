package dev.corslint.ecosystems.nginx;

import dev.corslint.model.HeaderLine;
import dev.corslint.model.HeaderRemoval;
import dev.corslint.model.Response;
import dev.corslint.model.ShadowedHeader;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The response header filters nginx runs, in the order they run: headers-more first (it is an "aux" filter,
 * registered after the headers filter and therefore called before it), then {@code add_header}. What a
 * proxied application sends is not invented: unless its answer is given, only the headers nginx itself adds
 * are produced, and what the proxy strips is reported as {@link HeaderRemoval}s. When the application's answer
 * is given, its header lines come first, minus what {@code proxy_hide_header} hides, and go through the same
 * filters as nginx's own.
 */
final class NginxHeaderFilters {

  /** Statuses with which {@code add_header} without {@code always} is sent. */
  static final Set<Integer> SAFE_STATUSES = Set.of(200, 201, 204, 206, 301, 302, 303, 304, 307, 308);

  static final String LAYER = "nginx";

  /**
   * One header line nginx sends.
   *
   * @param conditional the line is sent only with some statuses or content types, and the answer's are not
   *     known
   * @param passed the application's line when nginx passes it on from the upstream, else null
   */
  record Emitted(String name, NginxText value, Directive directive, boolean conditional, HeaderLine passed) {

    Emitted(String name, NginxText value, Directive directive, boolean conditional) {
      this(name, value, directive, conditional, null);
    }
  }

  record Result(List<Emitted> lines, List<ShadowedHeader> shadowed, List<HeaderRemoval> removed) {}

  private NginxHeaderFilters() {}

  static Response response(NginxRequestRun.Outcome outcome, NginxRequestRun run) {
    Result r = apply(outcome, run);
    List<HeaderLine> lines = new ArrayList<>();
    for (Emitted e : r.lines()) lines.add(e.passed() != null ? e.passed() : new HeaderLine(e.name(), value(e), LAYER));
    return new Response(outcome.status(), lines, r.shadowed(), r.removed());
  }

  private static Value<String> value(Emitted e) {
    SourceSpan at = e.directive().span();
    if (e.conditional()) {
      return Value.unknown("sent only with some statuses or content types, which are not known here", at);
    }
    NginxText t = e.value();
    if (t.isConcrete()) return Value.known(t.concrete(), at);
    NginxText.Unknown u = t.firstUnknown();
    return Value.unknown(u != null ? u.reason() : "depends on the request origin", at);
  }

  static Result apply(NginxRequestRun.Outcome outcome, NginxRequestRun run) {
    int status = outcome.statusGuess();
    boolean statusKnown = status >= 0;
    List<NginxLevel> chain = new ArrayList<>();
    for (NginxLevel l = outcome.conf(); l != null; l = l.parent) chain.add(l);
    List<Emitted> lines = new ArrayList<>();
    List<HeaderRemoval> removed = new ArrayList<>();
    NginxLevel.Handler handler = outcome.handler();
    List<Directive> hidden = handler != null && handler.upstream() ? hidden(chain, handler) : List.of();
    run.upstreamResponse().ifPresent(up -> {
      for (HeaderLine h : up.headers()) {
        if (hidden.stream().noneMatch(d -> d.arg(0).equalsIgnoreCase(h.name()))) {
          lines.add(new Emitted(h.name(), NginxText.EMPTY, null, false, h));
        }
      }
    });

    Directive gzipVary = gzipVary(outcome, chain, status, run.method());
    if (gzipVary != null) {
      lines.add(new Emitted("Vary", NginxText.of("Accept-Encoding", gzipVary.span()), gzipVary, false));
    }

    // headers-more: commands of every level, outermost first (its merge prepends the parent's commands)
    List<NginxLevel> outermostFirst = new ArrayList<>(chain);
    Collections.reverse(outermostFirst);
    for (NginxLevel l : outermostFirst) {
      for (NginxLevel.MoreHeaders cmd : l.moreHeaders) {
        boolean conditional = false;
        if (!cmd.statuses().isEmpty()) {
          if (!statusKnown) conditional = true;
          else if (!cmd.statuses().contains(status)) continue;
        }
        // "-t": the content type of the answer is not known statically
        if (!cmd.types().isEmpty()) conditional = true;
        for (NginxLevel.MoreHeader h : cmd.headers()) {
          if (cmd.clear()) {
            lines.removeIf(e -> matches(h, e.name()));
            if (touchesCors(h)) {
              removed.add(new HeaderRemoval(h.name() + (h.wildcard() ? "*" : ""), cmd.directive().span()));
            }
            continue;
          }
          NginxText v = run.eval(h.value());
          int at = -1;
          for (int i = lines.size() - 1; i >= 0; i--) {
            if (matches(h, lines.get(i).name())) {
              lines.remove(i);
              at = i;
            }
          }
          if (v.isEmpty() || h.wildcard()) continue;
          Emitted e = new Emitted(h.name(), v, cmd.directive(), conditional);
          if (at >= 0) lines.add(at, e);
          else lines.add(e);
        }
      }
    }

    // add_header: the nearest level that has any add_header replaces every outer one (add_trailer is
    // inherited separately: nginx 1.22 was observed to keep the server's add_header next to a location's
    // add_trailer)
    NginxLevel owner = null;
    for (NginxLevel l : chain) {
      if (!l.addHeaders.isEmpty()) {
        owner = l;
        break;
      }
    }
    boolean safe = statusKnown && SAFE_STATUSES.contains(status);
    List<ShadowedHeader> shadowed = new ArrayList<>();
    if (owner != null) {
      for (NginxLevel.AddHeader h : owner.addHeaders) {
        if (!h.always() && statusKnown && !safe) continue;
        NginxText v = run.eval(h.value());
        if (v.isEmpty()) continue;
        lines.add(new Emitted(h.name(), v, h.directive(), !h.always() && !statusKnown));
      }
      Directive replacedAt = owner.firstAddHeader();
      Set<String> present = new HashSet<>();
      for (Emitted e : lines) present.add(e.name().toLowerCase(Locale.ROOT));
      for (NginxLevel outer = owner.parent; outer != null; outer = outer.parent) {
        for (NginxLevel.AddHeader h : outer.addHeaders) {
          String key = h.name().toLowerCase(Locale.ROOT);
          if (present.contains(key)) continue;
          if (!h.always() && statusKnown && !safe) continue;
          if (run.eval(h.value()).isEmpty()) continue;
          present.add(key);
          shadowed.add(new ShadowedHeader(h.name(), h.directive().span(), replacedAt.span()));
        }
      }
    }

    for (Directive d : hidden) {
      if (d.arg(0).toLowerCase(Locale.ROOT).startsWith("access-control-")) {
        removed.add(new HeaderRemoval(d.arg(0), d.span()));
      }
    }
    return new Result(lines, shadowed, removed);
  }

  /** proxy_hide_header and siblings: the nearest level with its own list, for the module that answered. */
  private static List<Directive> hidden(List<NginxLevel> chain, NginxLevel.Handler handler) {
    for (NginxLevel l : chain) {
      List<Directive> hidden = l.hideHeaders.get(handler.module());
      if (hidden != null) return hidden;
    }
    return List.of();
  }

  /** The length of nginx's own 403 or 404 page, well above the default {@code gzip_min_length} of 20. */
  private static final int BUILTIN_PAGE_LENGTH = 150;

  /**
   * The {@code gzip_vary} directive when the gzip filter marks this answer: nginx's own 403 or 404 page
   * (text/html, longer than {@code gzip_min_length}) with {@code gzip on} gets {@code Vary: Accept-Encoding}
   * whatever the client accepts. Bodies from files or the upstream have a type and length corslint does not
   * know, and get none here.
   */
  private static Directive gzipVary(NginxRequestRun.Outcome outcome, List<NginxLevel> chain, int status,
      String method) {
    if (!outcome.builtinPage() || status != 403 && status != 404 || method.equals("HEAD")) return null;
    Directive gzip = null;
    Directive vary = null;
    Directive minLength = null;
    for (NginxLevel l : chain) {
      if (gzip == null) gzip = l.gzip;
      if (vary == null) vary = l.gzipVary;
      if (minLength == null) minLength = l.gzipMinLength;
    }
    if (gzip == null || !"on".equals(gzip.arg(0)) || vary == null || !"on".equals(vary.arg(0))) return null;
    if (minLength != null) {
      try {
        if (Integer.parseInt(minLength.arg(0)) > BUILTIN_PAGE_LENGTH) return null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return vary;
  }

  private static boolean matches(NginxLevel.MoreHeader h, String name) {
    if (!h.wildcard()) return h.name().equalsIgnoreCase(name);
    return name.regionMatches(true, 0, h.name(), 0, h.name().length());
  }

  private static boolean touchesCors(NginxLevel.MoreHeader h) {
    String n = h.name().toLowerCase(Locale.ROOT);
    if (!h.wildcard()) return n.startsWith("access-control-");
    return "access-control-".startsWith(n) || n.startsWith("access-control-");
  }
}
