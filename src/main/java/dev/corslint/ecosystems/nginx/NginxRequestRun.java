package dev.corslint.ecosystems.nginx;

import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One request simulated through nginx's phases for one location: server rewrite, location lookup (the
 * policy's own location first), {@code limit_except}, location rewrite ({@code set}, {@code if},
 * {@code return}, {@code rewrite}, {@code break}), access ({@code allow}/{@code deny}, {@code auth_basic}),
 * {@code try_files}, content. The result is the status and the configuration level whose headers apply;
 * {@link NginxHeaderFilters} turns that into header lines.
 *
 * <p>With {@link NginxBranches} the request origin stays symbolic: every check on it becomes a decision
 * whose outcome the branches choose and record, so that a set of runs covers every origin.
 */
final class NginxRequestRun {

  static final int MAX_URI_CHANGES = 10;

  /** Headers browsers send with values corslint cannot know. */
  private static final Set<String> BROWSER_HEADERS = Set.of("user_agent", "accept", "accept_language",
      "accept_encoding", "referer", "connection", "sec_fetch_mode", "sec_fetch_site", "sec_fetch_dest",
      "sec_ch_ua", "sec_ch_ua_mobile", "sec_ch_ua_platform", "priority", "pragma", "cache_control");

  /**
   * The result of the phases.
   *
   * @param status the status, unknown when it depends on something corslint cannot decide
   * @param statusGuess the status on the path taken (undecidable conditions read as false), or -1 when there
   *     is none; header filters use it so that headers stay exact where only the status is in doubt
   * @param conf the configuration level whose header directives apply
   * @param handler the content handler that answered, when one did
   * @param builtinPage whether the body is nginx's own error page (which the gzip filter may mark with
   *     {@code Vary: Accept-Encoding})
   */
  record Outcome(Value<Integer> status, int statusGuess, NginxLevel conf, NginxLevel.Handler handler,
      boolean builtinPage) {

    Outcome(Value<Integer> status, int statusGuess, NginxLevel conf, NginxLevel.Handler handler) {
      this(status, statusGuess, conf, handler, false);
    }

    Outcome withBuiltinPage(boolean builtin) {
      return new Outcome(status, statusGuess, conf, handler, builtin);
    }
  }

  private final NginxServer server;
  private final NginxLocation start;
  private final Request request;
  private final NginxBranches branches;
  private final Map<String, NginxText> variables = new HashMap<>();
  private final Map<String, NginxText> mapCache = new HashMap<>();
  private List<NginxText> captures = List.of();
  private final String requestUri;
  private String uri;
  private String args;
  private String uncertainty;
  private SourceSpan uncertainAt;
  /** The method nginx sees: error pages are fetched with GET. */
  private String method;
  /** Whether the answer is one nginx makes itself, which {@code error_page} may replace. */
  private boolean special;
  /** Whether the upstream answered (its body, not an nginx page, is sent unless error_page intercepts). */
  private boolean upstreamAnswered;
  /** nginx counts URI changes per request (rewrites and internal redirects) and fails the eleventh. */
  private int uriChangesLeft = MAX_URI_CHANGES + 1;
  /** What the application behind {@code proxy_pass} answers, when it is known; null to assume a bare answer. */
  private final Function<Request, Response> upstream;
  /** The request passed to {@link #upstream} and its answer, while that answer is the one sent. */
  private Request forwarded;
  private Response upstreamResponse;

  NginxRequestRun(NginxServer server, NginxLocation start, Request request, NginxBranches branches) {
    this(server, start, request, branches, null);
  }

  NginxRequestRun(NginxServer server, NginxLocation start, Request request, NginxBranches branches,
      Function<Request, Response> upstream) {
    this.upstream = upstream;
    this.server = server;
    this.start = start;
    this.request = request;
    this.branches = branches;
    this.requestUri = request.path();
    this.method = request.method();
    int q = request.path().indexOf('?');
    this.uri = q < 0 ? request.path() : request.path().substring(0, q);
    this.args = q < 0 ? "" : request.path().substring(q + 1);
    if (uri.isEmpty()) uri = "/";
  }

  private boolean symbolic() {
    return branches != null;
  }

  Outcome run() {
    try {
      Outcome o = phases(null, false);
      boolean builtin = special && !upstreamAnswered;
      if (special) {
        Outcome page = errorPage(o);
        if (page != o) builtin = false;
        o = page;
      }
      return o.withBuiltinPage(builtin);
    } catch (RuntimeException | StackOverflowError e) {
      return new Outcome(Value.unknown("corslint could not simulate this request", server.span()), -1,
          server.level, null);
    }
  }

  private record Step(Integer status, Directive statusAt, NginxLevel conf, boolean uriChanged, boolean stop,
      boolean special) {}

  /**
   * Runs the phases from server rewrite (or, for a named location, from location rewrite).
   *
   * @param named a named location to enter, or null
   * @param internalRequest whether this is an internal redirect (try_files, error_page)
   */
  private Outcome phases(NginxLocation named, boolean internalRequest) {
    boolean internal = internalRequest;
    while (true) {
      NginxLocation loc;
      NginxLevel conf;
      if (named == null) {
        String before = uri;
        Step s = runCodes(server.level.codes, server.level, true);
        if (s.status() != null) {
          return finish(s.status(), s.statusAt().span(), server.level, null, s.special());
        }
        loc = locate(!internal && uri.equals(before) ? start : null);
        if (loc == AUTO_REDIRECTED) return finish(301, lastLookup.directive.span(), lastLookup.level, null, false);
        if (loc != null && loc.level.internal != null && !internal) {
          return finish(404, loc.level.internal.span(), loc.level, null, true);
        }
      } else {
        loc = named;
        named = null;
      }
      // Location rewrite, repeated while rewrites change the URI (nginx allows 10 changes).
      while (true) {
        if (loc == null) {
          conf = server.level;
          break;
        }
        NginxLevel.NginxLimitExcept le = loc.level.limitExcept;
        if (le != null && !le.allows(method)) {
          // nginx switches to the limit_except configuration before the rewrite phase; it has no rewrite code.
          conf = le.level();
          limitedBy = le.directive();
          break;
        }
        Step s = runCodes(loc.level.codes, loc.level, false);
        conf = s.conf();
        if (s.status() != null) return finish(s.status(), s.statusAt().span(), conf, null, s.special());
        if (s.uriChanged() && !s.stop()) {
          if (--uriChangesLeft == 0) return finish(500, s.statusAt().span(), conf, null, true);
          loc = locate(null);
          if (loc == AUTO_REDIRECTED) {
            return finish(301, lastLookup.directive.span(), lastLookup.level, null, false);
          }
          continue;
        }
        break;
      }
      if (conf.opaquePhaseCode != null || loc != null && loc.level.opaquePhaseCode != null) {
        Directive d = conf.opaquePhaseCode != null ? conf.opaquePhaseCode : loc.level.opaquePhaseCode;
        uncertain("\"" + d.name() + "\" runs code whose answer corslint cannot know", d.span());
      }
      Outcome denied = access(conf);
      if (denied != null) return denied;
      Directive tryFiles = conf.tryFiles;
      if (tryFiles != null && !internal) {
        String fallback = tryFiles.arg(tryFiles.args().size() - 1);
        if (fallback.startsWith("=")) {
          // Files are assumed to exist; the code answers only when the handler reports the file missing.
          if (request.handlerStatus() == 404 && fallback.substring(1).matches("\\d{3}")) {
            return finish(Integer.parseInt(fallback.substring(1)), tryFiles.span(), conf, null, true);
          }
        } else {
          // An application fallback (`try_files $uri @app`, `... /index.php?$args`): dynamic paths take it.
          if (--uriChangesLeft == 0) return finish(500, tryFiles.span(), conf, null, true);
          internal = true;
          if (fallback.startsWith("@")) {
            named = NginxLocationLookup.named(server, fallback.substring(1));
            if (named == null) return finish(500, tryFiles.span(), conf, null, true);
          } else {
            NginxText target = eval(NginxTemplate.parse(fallback, tryFiles.span()));
            if (!target.isConcrete()) {
              uncertain("try_files falls back to a computed URI", tryFiles.span());
              target = NginxText.of(uri, tryFiles.span());
            }
            setUri(target.concrete(), true);
          }
          continue;
        }
      }
      return content(conf, loc);
    }
  }

  private static final NginxLocation AUTO_REDIRECTED = new NginxLocation("", "", null, null, null, null);
  private NginxLocation lastLookup;

  /** Finds the location for the current URI; {@code preferred} is the policy's own location. */
  private NginxLocation locate(NginxLocation preferred) {
    if (preferred != null) {
      if (preferred.isRegex() && preferred.regex != null) {
        NginxRegex.Match m = preferred.regex.match(uri);
        if (m.matched() == Tri.YES) setCaptures(m);
      }
      return preferred;
    }
    NginxLocationLookup.Found f = NginxLocationLookup.find(server, uri);
    if (f.uncertain()) uncertain("a location regex could not be evaluated", server.span());
    if (f.rc() == NginxLocationLookup.AUTO_REDIRECT) {
      lastLookup = f.location();
      return AUTO_REDIRECTED;
    }
    if (f.match() != null) setCaptures(f.match());
    return f.location();
  }

  private Outcome content(NginxLevel conf, NginxLocation loc) {
    NginxLevel.Handler handler = conf.handler;
    if (handler == null && conf.kind != NginxLevel.Kind.LOCATION && loc != null) handler = loc.level.handler;
    SourceSpan where = loc != null ? loc.directive.span() : server.span();
    if (handler != null && handler.upstream()) {
      upstreamAnswered = true;
      int status = request.handlerStatus();
      SourceSpan statusAt = handler.directive().span();
      Optional<NginxProxyTarget> target = upstream == null ? Optional.empty() : NginxProxyTarget.of(handler, server.http);
      if (target.isPresent()) {
        String path = target.get().forwardedUri(uri, loc) + (args.isEmpty() ? "" : "?" + args);
        forwarded = new Request(path, method, request.origin(), request.requestMethod(), request.requestHeaders(),
            request.credentials(), request.handlerStatus());
        upstreamResponse = upstream.apply(forwarded);
        Value<Integer> answered = upstreamResponse.status();
        if (answered instanceof Value.Known<Integer> k) {
          status = k.value();
          statusAt = k.span() != null ? k.span() : statusAt;
        } else {
          uncertain(answered instanceof Value.Unknown<Integer> u ? "the application's status: " + u.reason()
              : "the application's status is not known", answered.where().orElse(statusAt));
        }
      }
      return finish(status, statusAt, conf, handler, status >= 300 && interceptsErrors(conf, handler.module()));
    }
    if (handler != null && handler.module().equals("code")) {
      return new Outcome(Value.unknown("the answer comes from \"" + handler.directive().name() + "\" code",
          handler.directive().span()), -1, conf, handler);
    }
    if (method.equals("GET") || method.equals("HEAD")) {
      int status = request.handlerStatus();
      return finish(status, where, conf, handler, status >= 400);
    }
    // The static module (and index, empty_gif, stub_status) refuses every other method.
    return finish(405, handler != null ? handler.directive().span() : where, conf, handler, true);
  }

  private static boolean interceptsErrors(NginxLevel conf, String module) {
    for (NginxLevel l = conf; l != null; l = l.parent) {
      Directive d = l.interceptErrors.get(module);
      if (d != null) return "on".equals(d.arg(0));
    }
    return false;
  }

  /** The limit_except whose configuration answers a method it does not list: the line to change. */
  private Directive limitedBy;

  private Outcome access(NginxLevel conf) {
    for (NginxLevel l = conf; l != null; l = l.parent) {
      if (l.access == null) continue;
      for (NginxLevel.AccessRule r : l.access) {
        if (!r.address().equals("all")) continue; // a browser client is assumed to match no listed address
        if (r.allow()) break;
        return finish(403, (limitedBy != null ? limitedBy : r.directive()).span(), conf, null, true);
      }
      break;
    }
    for (NginxLevel l = conf; l != null; l = l.parent) {
      if (l.authBasic == null) continue;
      if ("off".equals(l.authBasic.arg(0))) break;
      // Basic auth needs an Authorization header; cookies do not satisfy it, and preflights carry neither.
      boolean authorized = !request.isPreflight() && request.requestHeaders().contains("authorization");
      if (!authorized) return finish(401, (limitedBy != null ? limitedBy : l.authBasic).span(), conf, null, true);
      break;
    }
    return null;
  }

  /**
   * Replaces an answer nginx made itself by the {@code error_page} configured for its status: an internal
   * redirect (with GET) whose configuration then decides the headers; the status stays the error's unless
   * the directive overrides it. Error pages do not apply to their own errors (recursive_error_pages off).
   */
  private Outcome errorPage(Outcome o) {
    special = false;
    if (o.statusGuess() < 0) return o;
    NginxLevel.ErrorPage page = null;
    for (NginxLevel l = o.conf(); l != null && page == null; l = l.parent) {
      if (l.errorPages.isEmpty()) continue;
      for (NginxLevel.ErrorPage p : l.errorPages) {
        if (p.codes().contains(o.statusGuess())) {
          page = p;
          break;
        }
      }
      break;
    }
    if (page == null) return o;
    // the error page replaces the application's answer, headers included
    forwarded = null;
    upstreamResponse = null;
    NginxText target = eval(page.target());
    if (!target.isConcrete()) {
      uncertain("error_page leads to a computed URI", page.directive().span());
      return o;
    }
    String t = target.concrete();
    SourceSpan at = page.directive().span();
    if (NginxConfigBuilder.isRedirectTarget(t)) {
      int status = page.override() != null && page.override().matches("\\d{3}")
          ? Integer.parseInt(page.override()) : 302;
      return finish(status, at, o.conf(), null, false);
    }
    if (!method.equals("HEAD")) method = "GET";
    Outcome r;
    if (t.startsWith("@")) {
      NginxLocation named = NginxLocationLookup.named(server, t.substring(1));
      if (named == null) return finish(500, at, o.conf(), null, false);
      r = phases(named, true);
    } else {
      setUri(t, true);
      r = phases(null, true);
    }
    if (page.override() == null) {
      // The status stays, but the response is now the error page's: error_page is the line that decided it.
      Value<Integer> status = o.status() instanceof Value.Known<Integer> k ? Value.known(k.value(), at) : o.status();
      return new Outcome(status, o.statusGuess(), r.conf(), r.handler());
    }
    if (page.override().isEmpty()) return r;
    int status = page.override().matches("\\d{3}") ? Integer.parseInt(page.override()) : r.statusGuess();
    return finish(status, at, r.conf(), r.handler(), false);
  }

  private Outcome finish(int status, SourceSpan at, NginxLevel conf, NginxLevel.Handler handler,
      boolean nginxAnswers) {
    special = nginxAnswers;
    Value<Integer> v = uncertainty == null
        ? Value.known(status, at)
        : Value.unknown(uncertainty + " (otherwise " + status + ")", uncertainAt);
    return new Outcome(v, status, conf, handler);
  }

  private void uncertain(String why, SourceSpan at) {
    if (uncertainty == null) {
      uncertainty = why;
      uncertainAt = at;
    }
  }

  // ---- rewrite module ----

  private Step runCodes(List<NginxLevel.Code> codes, NginxLevel owner, boolean serverLevel) {
    State st = new State(owner);
    exec(codes, st, serverLevel, 0);
    return new Step(st.status, st.statusAt, st.conf, st.uriChanged, st.stop, st.special);
  }

  private static final class State {
    NginxLevel conf;
    Integer status;
    Directive statusAt;
    boolean uriChanged;
    boolean stop;
    boolean done;
    boolean special;

    State(NginxLevel conf) {
      this.conf = conf;
    }
  }

  private void exec(List<NginxLevel.Code> codes, State st, boolean serverLevel, int depth) {
    if (depth > NginxParser.MAX_DEPTH) return;
    for (NginxLevel.Code code : codes) {
      if (st.done) return;
      if (code instanceof NginxLevel.SetCode s) {
        variables.put(s.variable(), eval(s.value()));
      } else if (code instanceof NginxLevel.IfCode i) {
        if (test(i.condition()) == Tri.YES) {
          // An if in a location makes its block the request's configuration; at server level it does not.
          if (!serverLevel) st.conf = i.body();
          exec(i.body().codes, st, serverLevel, depth + 1);
        }
      } else if (code instanceof NginxLevel.ReturnCode r) {
        st.status = r.status();
        st.statusAt = r.directive();
        // "return 4xx" without a body is finished by nginx's error pages, which error_page may replace
        st.special = r.status() >= 400 && r.text() == null;
        st.done = true;
      } else if (code instanceof NginxLevel.RewriteCode r) {
        rewrite(r, st);
      } else if (code instanceof NginxLevel.BreakCode b) {
        st.stop = true;
        st.done = true;
      }
    }
  }

  private void rewrite(NginxLevel.RewriteCode r, State st) {
    if (r.regex() == null) {
      uncertain("a rewrite regex could not be evaluated", r.directive().span());
      return;
    }
    NginxRegex.Match m = r.regex().match(uri);
    if (m.matched() == Tri.UNKNOWN) {
      uncertain("a rewrite regex could not be evaluated", r.directive().span());
      return;
    }
    if (m.matched() == Tri.NO) return;
    setCaptures(m);
    st.statusAt = r.directive();
    if (r.redirect()) {
      st.status = "permanent".equals(r.flag()) ? 301 : 302;
      st.done = true;
      return;
    }
    NginxText target = eval(r.replacement());
    if (!target.isConcrete()) {
      uncertain("a rewrite produces a URI corslint cannot compute", r.directive().span());
    } else {
      setUri(target.concrete(), r.keepArgs());
    }
    st.uriChanged = true;
    if ("last".equals(r.flag())) {
      st.done = true;
    } else if ("break".equals(r.flag())) {
      st.stop = true;
      st.done = true;
    }
  }

  private void setUri(String target, boolean keepArgs) {
    int q = target.indexOf('?');
    if (q < 0) {
      uri = target;
      if (!keepArgs) args = "";
      return;
    }
    uri = target.substring(0, q);
    String newArgs = target.substring(q + 1);
    args = keepArgs && !args.isEmpty() ? newArgs + "&" + args : newArgs;
  }

  private void setCaptures(NginxRegex.Match m) {
    List<NginxText> list = new ArrayList<>();
    for (String g : m.groups()) list.add(NginxText.of(g, null));
    captures = list;
    for (Map.Entry<String, String> e : m.named().entrySet()) variables.put(e.getKey(), NginxText.of(e.getValue(), null));
  }

  private void setSymbolicCaptures(SourceSpan at) {
    List<NginxText> list = new ArrayList<>();
    for (int i = 0; i < 10; i++) list.add(NginxText.unknown("part of the request origin", at));
    captures = list;
  }

  // ---- conditions ----

  private Tri test(NginxCondition c) {
    Tri t = evaluate(c);
    if (t != Tri.UNKNOWN) return t;
    if (symbolic()) return branches.choose(2) == 0 ? Tri.YES : Tri.NO;
    uncertain("the condition of \"if\" at line " + c.span().line() + " cannot be decided statically", c.span());
    return Tri.NO;
  }

  private Tri evaluate(NginxCondition c) {
    if (c instanceof NginxCondition.Truthy t) {
      NginxText v = variable(t.variable(), t.span());
      if (v.isConcrete()) {
        String s = v.concrete();
        return Tri.of(!s.isEmpty() && !s.equals("0"));
      }
      return v.isOriginOnly() ? Tri.YES : Tri.UNKNOWN;
    }
    if (c instanceof NginxCondition.Equals e) {
      NginxText v = variable(e.variable(), e.span());
      NginxText w = eval(e.value());
      if (v.isConcrete() && w.isConcrete()) return Tri.of(v.concrete().equals(w.concrete()) != e.negate());
      if (v.isOriginOnly() && w.isConcrete() && symbolic()) {
        String origin = w.concrete();
        // symbolic runs model requests that carry an Origin
        if (origin.isEmpty()) return Tri.of(e.negate());
        return fork(new OriginMatcher.Exact(origin, e.span()), e.negate());
      }
      return Tri.UNKNOWN;
    }
    if (c instanceof NginxCondition.Matches m) {
      if (m.regex() == null) return Tri.UNKNOWN;
      NginxText v = variable(m.variable(), m.span());
      if (v.isConcrete()) {
        NginxRegex.Match r = m.regex().match(v.concrete());
        if (r.matched() == Tri.UNKNOWN) return Tri.UNKNOWN;
        if (r.matched() == Tri.YES) setCaptures(r);
        return Tri.of((r.matched() == Tri.YES) != m.negate());
      }
      if (v.isOriginOnly() && symbolic()) {
        Tri t = fork(new OriginMatcher.Regex(m.regex().guarded(), m.regexSpan()), m.negate());
        if (t == Tri.YES != m.negate()) setSymbolicCaptures(m.span());
        return t;
      }
      return Tri.UNKNOWN;
    }
    return Tri.UNKNOWN;
  }

  /** Decides a check on the symbolic origin; {@code check} is what the origin passes when it matches. */
  private Tri fork(OriginMatcher check, boolean negate) {
    boolean taken = branches.choose(2) == 0;
    boolean originMatches = taken != negate;
    if (originMatches && check != null) branches.passed.add(check);
    return Tri.of(taken);
  }

  // ---- values and variables ----

  /** The request the application behind {@code proxy_pass} received, when its answer is the one sent. */
  Optional<Request> forwarded() {
    return Optional.ofNullable(forwarded);
  }

  /** The application's answer that nginx passes on, when it is the one sent. */
  Optional<Response> upstreamResponse() {
    return Optional.ofNullable(upstreamResponse);
  }

  /** The method nginx finally served the request with (error pages switch to GET). */
  String method() {
    return method;
  }

  NginxText eval(NginxTemplate t) {
    if (t == null) return NginxText.EMPTY;
    NginxText.Builder b = new NginxText.Builder();
    for (NginxTemplate.Segment s : t.segments()) {
      if (s instanceof NginxTemplate.Literal l) {
        b.append(new NginxText.Literal(l.text(), t.span()));
      } else if (s instanceof NginxTemplate.Variable v) {
        b.append(retag(variable(v.name(), t.span()), t.span()));
      } else if (s instanceof NginxTemplate.Capture c) {
        if (c.number() < captures.size()) b.append(retag(captures.get(c.number()), t.span()));
      }
    }
    return b.build();
  }

  /** Literal pieces without a known origin (captures, request data) take the span of the value using them. */
  private static NginxText retag(NginxText t, SourceSpan span) {
    boolean needs = false;
    for (NginxText.Part p : t.parts()) if (p.span() == null) needs = true;
    if (!needs) return t;
    NginxText.Builder b = new NginxText.Builder();
    for (NginxText.Part p : t.parts()) {
      if (p.span() != null) b.append(p);
      else if (p instanceof NginxText.Literal l) b.append(new NginxText.Literal(l.text(), span));
      else if (p instanceof NginxText.Origin) b.append(new NginxText.Origin(span));
      else if (p instanceof NginxText.Unknown u) b.append(new NginxText.Unknown(u.reason(), span));
    }
    return b.build();
  }

  NginxText variable(String name, SourceSpan at) {
    NginxText set = variables.get(name);
    if (set != null) return set;
    NginxMap map = server.http.maps.get(name);
    if (map != null) return map(map);
    if (server.http.hostCaptures.contains(name)) {
      return NginxText.unknown("$" + name + " is captured from the Host header by a server_name regex", at);
    }
    if (server.http.setVariables.contains(name)) return NginxText.EMPTY;
    if (server.http.opaqueVariables.contains(name)) {
      return NginxText.unknown("$" + name + " is computed by a module corslint does not model", at);
    }
    return builtin(name.toLowerCase(Locale.ROOT), at);
  }

  private NginxText map(NginxMap map) {
    NginxText cached = mapCache.get(map.variable);
    if (cached != null && !map.isVolatile) return cached;
    NginxText result = mapValue(map);
    mapCache.put(map.variable, result);
    return result;
  }

  private NginxText mapValue(NginxMap map) {
    List<NginxText> saved = captures;
    try {
      NginxText subject = eval(map.source);
      if (subject.isConcrete()) {
        NginxMap.Selection sel = map.select(subject.concrete());
        if (sel.certain() == Tri.UNKNOWN && sel.isDefault()) {
          return NginxText.unknown("map $" + map.variable + " has a regex corslint cannot evaluate",
              map.directive.span());
        }
        if (sel.regexEntry() != null) {
          setCaptures(sel.match());
          return eval(sel.regexEntry().value());
        }
        return eval(sel.entry().value());
      }
      if (subject.isOriginOnly() && symbolic()) return symbolicMap(map);
      return NginxText.unknown("map $" + map.variable + " is keyed by a value corslint cannot know",
          map.directive.span());
    } finally {
      captures = saved;
    }
  }

  /** Forks over the entries a symbolic origin can select: every key, every regex, and the default. */
  private NginxText symbolicMap(NginxMap map) {
    int width = map.exact.size() + map.wildcards.size() + map.regexes.size() + 1;
    int c = branches.choose(width);
    if (c < map.exact.size()) {
      NginxMap.Entry e = map.exact.get(c);
      // map compares keys case-insensitively; a browser sends the origin in lower case
      branches.passed.add(new OriginMatcher.Exact(e.key().toLowerCase(Locale.ROOT), e.span()));
      return eval(e.value());
    }
    c -= map.exact.size();
    if (c < map.wildcards.size()) {
      NginxMap.Entry e = map.wildcards.get(c);
      branches.passed.add(new OriginMatcher.Opaque("map hostnames entry \"" + e.key() + "\"", e.span()));
      return eval(e.value());
    }
    c -= map.wildcards.size();
    if (c < map.regexes.size()) {
      NginxMap.RegexEntry r = map.regexes.get(c);
      branches.passed.add(r.regex() != null
          ? new OriginMatcher.Regex(r.regex().guarded(), r.span())
          : new OriginMatcher.Opaque("map regex \"" + r.source() + "\" cannot be analysed", r.span()));
      setSymbolicCaptures(r.span());
      return eval(r.value());
    }
    return eval(map.defaultOrEmpty().value());
  }

  private NginxText builtin(String name, SourceSpan at) {
    switch (name) {
      case "http_origin":
        if (symbolic()) return NginxText.origin(at);
        return request.origin() == null ? NginxText.EMPTY : NginxText.of(request.origin(), at);
      case "request_method":
        return NginxText.of(method, at);
      case "uri":
      case "document_uri":
        return NginxText.of(uri, at);
      case "request_uri":
        return NginxText.of(requestUri, at);
      case "args":
      case "query_string":
        return NginxText.of(args, at);
      case "is_args":
        return NginxText.of(args.isEmpty() ? "" : "?", at);
      case "scheme": {
        String s = server.scheme();
        return s == null ? NginxText.unknown("$scheme: the server block around this location is not known", at)
            : NginxText.of(s, at);
      }
      case "https": {
        String s = server.scheme();
        return s == null ? NginxText.unknown("$https: the server block around this location is not known", at)
            : NginxText.of(s.equals("https") ? "on" : "", at);
      }
      case "host":
      case "http_host":
        return server.host().get().map(h -> NginxText.of(h, at))
            .orElse(NginxText.unknown("$" + name + " is the requested host name", at));
      case "server_name":
        return NginxText.of(server.serverNames.isEmpty() || server.serverNames.get(0).args().isEmpty()
            ? "" : server.serverNames.get(0).arg(0), at);
      case "server_protocol":
        return NginxText.of("HTTP/1.1", at);
      case "content_type":
        return header("content_type", at);
      case "content_length":
        return header("content_length", at);
      default:
        break;
    }
    if (name.startsWith("http_")) return header(name.substring(5), at);
    if (name.startsWith("arg_")) return NginxText.of(queryArgument(name.substring(4)), at);
    if (name.startsWith("cookie_")) {
      return request.credentials() ? NginxText.unknown("$" + name + " is a cookie value", at) : NginxText.EMPTY;
    }
    return NginxText.unknown("$" + name + " is not known statically", at);
  }

  private String queryArgument(String key) {
    for (String pair : args.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      if (k.equalsIgnoreCase(key)) return eq < 0 ? "" : pair.substring(eq + 1);
    }
    return "";
  }

  /** A request header as the browser sends it: CORS headers known, others known to be absent or unknown. */
  private NginxText header(String h, SourceSpan at) {
    boolean preflight = request.isPreflight();
    switch (h) {
      case "origin":
        return builtin("http_origin", at);
      case "access_control_request_method":
        return preflight ? NginxText.of(request.requestMethod(), at) : NginxText.EMPTY;
      case "access_control_request_headers":
        return preflight ? NginxText.of(String.join(",", request.requestHeaders()), at) : NginxText.EMPTY;
      case "host":
        return builtin("host", at);
      case "cookie":
        return request.credentials() ? NginxText.unknown("$http_cookie is the user's cookies", at)
            : NginxText.EMPTY;
      case "content_type":
      case "content_length": {
        String m = request.method();
        boolean body = !preflight && !m.equals("GET") && !m.equals("HEAD");
        return body ? NginxText.unknown("$http_" + h + " depends on the request body", at) : NginxText.EMPTY;
      }
      default:
        break;
    }
    if (BROWSER_HEADERS.contains(h)) return NginxText.unknown("$http_" + h + " is set by the browser", at);
    if (h.startsWith("x_forwarded_") || h.equals("forwarded") || h.equals("x_real_ip") || h.startsWith("cf_")
        || h.equals("x_request_id") || h.equals("via")) {
      return NginxText.unknown("$http_" + h + " is set by whatever proxy runs in front of nginx", at);
    }
    String dashed = h.replace('_', '-');
    if (!preflight && request.requestHeaders().contains(dashed)) {
      return NginxText.unknown("$http_" + h + " is a request header whose value corslint cannot know", at);
    }
    // Browsers send no other headers; a preflight never carries the headers it asks about.
    return NginxText.EMPTY;
  }
}
