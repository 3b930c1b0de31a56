package dev.corslint.ecosystems.nginx;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the include-expanded directives of one entry file into {@code http} contexts, servers, locations and
 * levels. Directives corslint does not model are ignored; regexes that cannot be analysed and directives
 * nginx itself would refuse become notices.
 */
final class NginxConfigBuilder {

  /** Modules whose {@code *_pass} hands the request to an upstream and whose {@code *_hide_header} applies. */
  static final Set<String> UPSTREAM_MODULES = Set.of("proxy", "fastcgi", "uwsgi", "scgi", "grpc", "memcached");

  private static final Set<String> CODE_CONTENT =
      Set.of("content_by_lua", "content_by_lua_block", "content_by_lua_file", "js_content", "perl");
  /** Built-in handlers that, like the static module, answer GET and HEAD and refuse other methods with 405. */
  private static final Set<String> STATIC_LIKE_CONTENT = Set.of("empty_gif", "stub_status");
  private static final Set<String> OPAQUE_PHASES = Set.of("rewrite_by_lua", "rewrite_by_lua_block",
      "rewrite_by_lua_file", "access_by_lua", "access_by_lua_block", "access_by_lua_file", "auth_request",
      "js_access", "server_rewrite_by_lua_block", "server_rewrite_by_lua_file");

  private final List<Notice> notices;
  private final Map<String, NginxRegex.Compiled> regexCache = new HashMap<>();

  NginxConfigBuilder(List<Notice> notices) {
    this.notices = notices;
  }

  /**
   * The http contexts of a file: its {@code http} blocks, or, for a fragment, an implicit one around its
   * top-level {@code server}/{@code map} directives, or an implicit server around top-level locations.
   */
  List<NginxHttp> build(String file, List<Directive> top) {
    List<NginxHttp> out = new ArrayList<>();
    boolean hasHttp = false;
    boolean httpFragment = false;
    boolean hasLocation = false;
    for (Directive d : top) {
      if (d.is("http") && d.hasBlock()) hasHttp = true;
      // a fragment of maps is http context too: its variables serve the servers of sibling fragments
      if ((d.is("server") || d.is("map")) && d.hasBlock()) httpFragment = true;
      if (d.is("location") && d.hasBlock()) hasLocation = true;
    }
    if (hasHttp) {
      for (Directive d : top) if (d.is("http") && d.hasBlock()) out.add(http(d, d.block(), file, false));
    } else if (httpFragment) {
      out.add(http(null, top, file, false));
    } else if (hasLocation) {
      out.add(http(null, top, file, true));
    }
    return out;
  }

  private NginxHttp http(Directive d, List<Directive> ds, String file, boolean implicitServer) {
    NginxHttp http = new NginxHttp();
    http.level = new NginxLevel(NginxLevel.Kind.HTTP, null, d);
    collectVariables(ds, http, 0);
    for (Directive m : ds) if (m.is("map") && m.hasBlock()) map(m, http);
    for (Directive u : ds) {
      if (u.is("upstream") && u.hasBlock() && u.args().size() == 1) http.upstreams.putIfAbsent(u.arg(0), u);
    }
    if (implicitServer) {
      NginxServer server = new NginxServer(http, null, file);
      server.level = new NginxLevel(NginxLevel.Kind.SERVER, http.level, null);
      fill(server.level, ds, http, server);
      http.servers.add(server);
      reportUndefinedVariables(http);
      return http;
    }
    fill(http.level, ds, http, null);
    for (Directive s : ds) {
      if (s.is("server") && s.hasBlock()) {
        NginxServer server = new NginxServer(http, s, s.span().file());
        server.level = new NginxLevel(NginxLevel.Kind.SERVER, http.level, s);
        fill(server.level, s.block(), http, server);
        http.servers.add(server);
      }
    }
    reportUndefinedVariables(http);
    return http;
  }

  /**
   * CORS header values naming a variable nothing defines: nginx would refuse to start, and in a template
   * ({@code envsubst}) it is a placeholder; either way the value is unknown.
   */
  private void reportUndefinedVariables(NginxHttp http) {
    List<NginxLevel> levels = new ArrayList<>();
    levels.add(http.level);
    for (NginxServer s : http.servers) collectLevels(s.level, levels, 0);
    Set<String> reported = new java.util.HashSet<>();
    for (NginxLevel l : levels) {
      for (NginxLevel.AddHeader h : l.addHeaders) {
        if (isCors(h.name())) undefined(h.value(), h.directive(), http, reported);
      }
      for (NginxLevel.MoreHeaders m : l.moreHeaders) {
        for (NginxLevel.MoreHeader h : m.headers()) {
          if (h.value() != null && isCors(h.name())) undefined(h.value(), m.directive(), http, reported);
        }
      }
    }
  }

  private void undefined(NginxTemplate t, Directive d, NginxHttp http, Set<String> reported) {
    for (String v : t.variables()) {
      if (http.maps.containsKey(v) || http.setVariables.contains(v) || http.opaqueVariables.contains(v)
          || http.hostCaptures.contains(v) || NginxVariables.isBuiltin(v)) {
        continue;
      }
      if (reported.add(v + "@" + d.span())) {
        notices.add(Notice.note("$" + v + " is not defined in the scanned configuration (nginx refuses unknown "
            + "variables; in a template it is a placeholder); the header value is unknown", d.span()));
      }
    }
  }

  private static void collectLevels(NginxLevel l, List<NginxLevel> out, int depth) {
    if (depth > NginxParser.MAX_DEPTH) return;
    out.add(l);
    for (NginxLevel.Code c : l.codes) if (c instanceof NginxLevel.IfCode i) out.add(i.body());
    if (l.limitExcept != null) out.add(l.limitExcept.level());
    for (NginxLocation loc : l.locations) collectLevels(loc.level, out, depth + 1);
  }

  private static boolean isCors(String header) {
    return header.toLowerCase(Locale.ROOT).startsWith("access-control-");
  }

  /** Variables that {@code set} and other modules define anywhere: they exist in every request. */
  private void collectVariables(List<Directive> ds, NginxHttp http, int depth) {
    if (depth > NginxParser.MAX_DEPTH) return;
    for (Directive d : ds) {
      String name = d.name();
      if (name.equals("set") && d.args().size() == 2 && d.arg(0).startsWith("$")) {
        http.setVariables.add(variableName(d.arg(0)));
      } else if ((name.equals("perl_set") || name.equals("js_set") || name.startsWith("set_by_lua"))
          && !d.args().isEmpty() && d.arg(0).startsWith("$")) {
        http.opaqueVariables.add(variableName(d.arg(0)));
      } else if ((name.equals("geo") || name.equals("split_clients")) && !d.args().isEmpty()) {
        String last = d.arg(d.args().size() - 1);
        if (last.startsWith("$")) http.opaqueVariables.add(variableName(last));
      }
      for (Arg a : d.args()) namedCaptures(a.value(), name.equals("server_name") ? http.hostCaptures : http.setVariables);
      if (name.equals("map") && d.hasBlock()) {
        for (Directive e : d.block()) namedCaptures(e.name(), http.setVariables);
      }
      if (d.hasBlock() && !d.rawBlock() && !name.equals("map")) collectVariables(d.block(), http, depth + 1);
    }
  }

  private static final java.util.regex.Pattern NAMED_CAPTURE =
      java.util.regex.Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

  /** Named captures of a regex become variables when it matches; elsewhere they are empty. */
  private static void namedCaptures(String text, Set<String> into) {
    if (!text.contains("(?")) return;
    var m = NAMED_CAPTURE.matcher(text);
    while (m.find()) into.add(m.group(1));
  }

  private static String variableName(String s) {
    String n = s.startsWith("$") ? s.substring(1) : s;
    if (n.startsWith("{") && n.endsWith("}")) n = n.substring(1, n.length() - 1);
    return n;
  }

  private void map(Directive d, NginxHttp http) {
    if (d.args().size() != 2 || !d.arg(1).startsWith("$")) {
      notices.add(Notice.warning("map needs a source value and a $variable; it is ignored", d.span()));
      return;
    }
    String variable = variableName(d.arg(1));
    NginxTemplate source = NginxTemplate.parse(d.arg(0), d.span());
    boolean hostnames = false;
    boolean isVolatile = false;
    List<NginxMap.Entry> exact = new ArrayList<>();
    List<NginxMap.Entry> wildcards = new ArrayList<>();
    List<NginxMap.RegexEntry> regexes = new ArrayList<>();
    NginxMap.Entry def = null;
    for (Directive e : d.block()) {
      if (e.is("hostnames") && e.args().isEmpty()) {
        hostnames = true;
        continue;
      }
      if (e.is("volatile") && e.args().isEmpty()) {
        isVolatile = true;
        continue;
      }
      if (e.hasBlock() || e.args().size() != 1) {
        if (!e.is("include")) {
          notices.add(Notice.warning("invalid map entry \"" + e.name() + "\"; it is ignored", e.span()));
        }
        continue;
      }
      NginxTemplate value = NginxTemplate.parse(e.arg(0), e.span());
      String key = e.name();
      if (key.equals("default")) {
        def = new NginxMap.Entry(key, value, e.span());
        continue;
      }
      if (key.startsWith("\\")) key = key.substring(1);
      if (key.startsWith("~") && !e.name().startsWith("\\")) {
        boolean ci = key.startsWith("~*");
        String src = key.substring(ci ? 2 : 1);
        NginxRegex re = regex(src, ci, e.span(), "map " + d.arg(1));
        regexes.add(new NginxMap.RegexEntry(src, ci, re, value, e.span()));
      } else if (hostnames && NginxMap.isWildcard(key)) {
        wildcards.add(new NginxMap.Entry(key, value, e.span()));
      } else {
        exact.add(new NginxMap.Entry(key, value, e.span()));
      }
    }
    http.maps.putIfAbsent(
        variable, new NginxMap(variable, source, hostnames, isVolatile, exact, wildcards, regexes, def, d));
  }

  /** Reads the directives of one level. */
  private void fill(NginxLevel level, List<Directive> ds, NginxHttp http, NginxServer server) {
    for (Directive d : ds) {
      try {
        directive(level, d, http, server);
      } catch (RuntimeException e) {
        notices.add(Notice.warning("cannot model \"" + d.name() + "\" (" + e.getClass().getSimpleName()
            + "); it is ignored", d.span()));
      }
    }
  }

  private void directive(NginxLevel level, Directive d, NginxHttp http, NginxServer server) {
    String name = d.name();
    boolean serverIf = level.kind == NginxLevel.Kind.IF && level.parent != null
        && level.parent.kind == NginxLevel.Kind.SERVER;
    switch (name) {
      case "add_header" -> {
        if (serverIf) {
          refused(d, "is not allowed in an if block at server level");
          return;
        }
        if (level.kind == NginxLevel.Kind.LIMIT_EXCEPT) {
          refused(d, "is not allowed in limit_except");
          return;
        }
        if (d.args().size() < 2 || d.args().size() > 3 || d.hasBlock()) {
          refused(d, "takes a name, a value and optionally \"always\"");
          return;
        }
        if (d.args().size() == 3 && !d.arg(2).equals("always")) {
          refused(d, "has an invalid parameter \"" + d.arg(2) + "\"");
          return;
        }
        level.addHeaders.add(new NginxLevel.AddHeader(
            d.arg(0), NginxTemplate.parse(d.arg(1), d.span()), d.args().size() == 3, d));
      }
      case "more_set_headers", "more_clear_headers" -> {
        if (serverIf) {
          refused(d, "is not allowed in an if block at server level");
          return;
        }
        level.moreHeaders.add(moreHeaders(d, name.equals("more_clear_headers")));
      }
      case "allow", "deny" -> {
        if (d.args().size() == 1) {
          if (level.access == null) level.access = new ArrayList<>();
          level.access.add(new NginxLevel.AccessRule(name.equals("allow"), d.arg(0), d));
        }
      }
      case "auth_basic" -> level.authBasic = d;
      case "set" -> {
        if (d.args().size() == 2 && d.arg(0).startsWith("$")) {
          level.codes.add(new NginxLevel.SetCode(
              variableName(d.arg(0)), NginxTemplate.parse(d.arg(1), d.span()), d));
        }
      }
      case "if" -> {
        if (!d.hasBlock()) return;
        if (level.kind != NginxLevel.Kind.SERVER && level.kind != NginxLevel.Kind.LOCATION) {
          refused(d, "is not allowed here");
          return;
        }
        NginxLevel body = new NginxLevel(NginxLevel.Kind.IF, level, d);
        body.ownerLocation = level.ownerLocation;
        NginxCondition condition = NginxCondition.parse(d, (src, ci, at) -> regex(src, ci, at, "if"));
        if (condition instanceof NginxCondition.Invalid inv) {
          notices.add(Notice.warning("if: " + inv.why() + "; nginx refuses this configuration", d.span()));
        }
        fill(body, d.block(), http, server);
        level.codes.add(new NginxLevel.IfCode(condition, body, d));
      }
      case "return" -> returnCode(level, d);
      case "rewrite" -> rewrite(level, d);
      case "break" -> level.codes.add(new NginxLevel.BreakCode(d));
      case "error_page" -> errorPage(level, d);
      case "gzip" -> level.gzip = d;
      case "gzip_vary" -> level.gzipVary = d;
      case "gzip_min_length" -> level.gzipMinLength = d;
      case "internal" -> {
        if (level.kind == NginxLevel.Kind.LOCATION) level.internal = d;
      }
      case "try_files" -> {
        if (d.args().size() >= 2) level.tryFiles = d;
      }
      case "location" -> {
        if (!d.hasBlock()) return;
        if (level.kind != NginxLevel.Kind.SERVER && level.kind != NginxLevel.Kind.LOCATION) {
          refused(d, "is not allowed here");
          return;
        }
        if (server != null) location(level, d, http, server);
      }
      case "limit_except" -> {
        if (!d.hasBlock() || level.kind != NginxLevel.Kind.LOCATION || d.args().isEmpty()) return;
        Set<String> methods = new LinkedHashSet<>();
        for (Arg a : d.args()) methods.add(a.value().toUpperCase(Locale.ROOT));
        NginxLevel body = new NginxLevel(NginxLevel.Kind.LIMIT_EXCEPT, level, d);
        body.ownerLocation = level.ownerLocation;
        fill(body, d.block(), http, server);
        level.limitExcept = new NginxLevel.NginxLimitExcept(methods, body, d);
      }
      case "server_name" -> {
        if (server != null && level.kind == NginxLevel.Kind.SERVER) server.serverNames.add(d);
      }
      case "listen" -> {
        if (server != null && level.kind == NginxLevel.Kind.SERVER) server.listens.add(d);
      }
      case "ssl" -> {
        if (server != null && level.kind == NginxLevel.Kind.SERVER) server.sslOn = d;
      }
      default -> other(level, d, name);
    }
  }

  private void other(NginxLevel level, Directive d, String name) {
    int underscore = name.indexOf('_');
    String prefix = underscore > 0 ? name.substring(0, underscore) : name;
    if (name.endsWith("_pass") && UPSTREAM_MODULES.contains(prefix) && !d.args().isEmpty()) {
      level.handler = new NginxLevel.Handler(prefix, true, d);
    } else if (name.endsWith("_hide_header") && UPSTREAM_MODULES.contains(prefix) && d.args().size() == 1) {
      level.hideHeaders.computeIfAbsent(prefix, k -> new ArrayList<>()).add(d);
    } else if (name.endsWith("_intercept_errors") && UPSTREAM_MODULES.contains(prefix) && d.args().size() == 1) {
      level.interceptErrors.put(prefix, d);
    } else if (CODE_CONTENT.contains(name)) {
      level.handler = new NginxLevel.Handler("code", false, d);
    } else if (STATIC_LIKE_CONTENT.contains(name)) {
      level.handler = new NginxLevel.Handler("static", false, d);
    } else if (OPAQUE_PHASES.contains(name) && level.opaquePhaseCode == null) {
      level.opaquePhaseCode = d;
    }
  }

  private void refused(Directive d, String why) {
    notices.add(Notice.warning("\"" + d.name() + "\" " + why + "; nginx refuses this configuration, corslint "
        + "ignores the directive", d.span()));
  }

  private NginxLevel.MoreHeaders moreHeaders(Directive d, boolean clear) {
    Set<Integer> statuses = new LinkedHashSet<>();
    List<String> types = new ArrayList<>();
    List<NginxLevel.MoreHeader> headers = new ArrayList<>();
    List<Arg> args = d.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i).value();
      if (a.isEmpty()) continue;
      if (a.charAt(0) == '-' && a.length() == 2 && i + 1 < args.size()) {
        String list = args.get(++i).value();
        for (String part : list.trim().split("\\s+")) {
          if (part.isEmpty()) continue;
          if (a.equals("-s")) {
            try {
              statuses.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
              notices.add(Notice.warning("invalid status \"" + part + "\" in " + d.name(), d.span()));
            }
          } else if (a.equals("-t")) {
            types.add(part);
          }
        }
        continue;
      }
      int colon = a.indexOf(':');
      String header = (colon < 0 ? a : a.substring(0, colon)).trim();
      if (header.isEmpty()) continue;
      boolean wildcard = header.endsWith("*");
      if (wildcard) header = header.substring(0, header.length() - 1);
      if (clear) {
        headers.add(new NginxLevel.MoreHeader(header, wildcard, null));
      } else {
        String value = colon < 0 ? "" : a.substring(colon + 1).replaceFirst("^[ \t]+", "");
        headers.add(new NginxLevel.MoreHeader(header, wildcard, NginxTemplate.parse(value, d.span())));
      }
    }
    return new NginxLevel.MoreHeaders(clear, statuses, types, headers, d);
  }

  private void errorPage(NginxLevel level, Directive d) {
    List<Arg> args = d.args();
    if (args.size() < 2) {
      refused(d, "takes codes and a URI");
      return;
    }
    Set<Integer> codes = new LinkedHashSet<>();
    String override = null;
    for (int i = 0; i < args.size() - 1; i++) {
      String a = args.get(i).value();
      if (a.startsWith("=") && i == args.size() - 2) {
        override = a.substring(1);
      } else if (a.matches("\\d{3}")) {
        codes.add(Integer.parseInt(a));
      } else {
        refused(d, "has an invalid code \"" + a + "\"");
        return;
      }
    }
    level.errorPages.add(new NginxLevel.ErrorPage(
        codes, override, NginxTemplate.parse(args.get(args.size() - 1).value(), d.span()), d));
  }

  private void returnCode(NginxLevel level, Directive d) {
    if (d.args().isEmpty() || d.args().size() > 2) {
      refused(d, "takes a code and an optional text or URL");
      return;
    }
    String first = d.arg(0);
    if (first.matches("\\d{1,3}")) {
      NginxTemplate text = d.args().size() == 2 ? NginxTemplate.parse(d.arg(1), d.span()) : null;
      level.codes.add(new NginxLevel.ReturnCode(Integer.parseInt(first), text, d));
    } else if (d.args().size() == 1 && isRedirectTarget(first)) {
      level.codes.add(new NginxLevel.ReturnCode(302, NginxTemplate.parse(first, d.span()), d));
    } else {
      refused(d, "has an invalid return code \"" + first + "\"");
    }
  }

  static boolean isRedirectTarget(String s) {
    return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("$scheme");
  }

  private void rewrite(NginxLevel level, Directive d) {
    if (d.args().size() < 2 || d.args().size() > 3) {
      refused(d, "takes a regex, a replacement and an optional flag");
      return;
    }
    String flag = d.args().size() == 3 ? d.arg(2) : null;
    if (flag != null && !Set.of("last", "break", "redirect", "permanent").contains(flag)) {
      refused(d, "has an invalid flag \"" + flag + "\"");
      return;
    }
    NginxRegex re = regex(d.arg(0), false, d.args().get(0).span(), "rewrite");
    String replacement = d.arg(1);
    boolean keepArgs = !replacement.endsWith("?");
    if (!keepArgs) replacement = replacement.substring(0, replacement.length() - 1);
    boolean redirect = isRedirectTarget(replacement) || "redirect".equals(flag) || "permanent".equals(flag);
    level.codes.add(new NginxLevel.RewriteCode(
        re, NginxTemplate.parse(replacement, d.span()), flag, redirect, keepArgs, d));
  }

  private void location(NginxLevel parent, Directive d, NginxHttp http, NginxServer server) {
    String modifier;
    String path;
    if (d.args().size() == 2) {
      modifier = d.arg(0);
      path = d.arg(1);
      if (!Set.of("=", "~", "~*", "^~").contains(modifier)) {
        refused(d, "has an invalid location modifier \"" + modifier + "\"");
        return;
      }
    } else if (d.args().size() == 1) {
      String a = d.arg(0);
      if (a.startsWith("~*")) {
        modifier = "~*";
      } else if (a.startsWith("^~")) {
        modifier = "^~";
      } else if (a.startsWith("=") || a.startsWith("~") || a.startsWith("@")) {
        modifier = a.substring(0, 1);
      } else {
        modifier = "";
      }
      path = a.substring(modifier.length());
    } else {
      refused(d, "takes a modifier and a path");
      return;
    }
    NginxRegex re = null;
    if (modifier.equals("~") || modifier.equals("~*")) {
      re = regex(path, modifier.equals("~*"), d.span(), "location");
    }
    NginxLocation loc = new NginxLocation(modifier, path, re, d, parent.ownerLocation, server);
    NginxLevel level = new NginxLevel(NginxLevel.Kind.LOCATION, parent, d);
    level.ownerLocation = loc;
    loc.level = level;
    parent.locations.add(loc);
    fill(level, d.block(), http, server);
  }

  NginxRegex regex(String source, boolean ignoreCase, SourceSpan at, String where) {
    NginxRegex.Compiled c =
        regexCache.computeIfAbsent((ignoreCase ? "i:" : "s:") + source, k -> NginxRegex.compile(source, ignoreCase));
    if (c.regex() == null) {
      notices.add(Notice.warning("regex \"" + source + "\" in " + where + " cannot be analysed (" + c.error()
          + "); what depends on it is unknown", at));
    }
    return c.regex();
  }
}
