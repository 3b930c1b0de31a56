package dev.corslint.ecosystems.express;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Environment;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Next.js {@code headers()} in {@code next.config.js}: each entry's headers are sent exactly as written on
 * every response whose path matches its {@code source}, error responses and Next's automatic 204 answer to
 * OPTIONS included (SEMANTICS.md). One policy per entry that sets CORS headers; an entry conditioned with
 * {@code has}/{@code missing} sends its headers only sometimes, so their values are unknown.
 */
final class NextHeaders {

  /** One entry of the list {@code headers()} returns. */
  record Entry(ExpressPath source, String sourceText, List<Header> headers, String condition, SourceSpan span) {}

  record Header(String name, Value<String> value) {}

  private NextHeaders() {}

  static boolean isConfig(JsModule m) {
    String name = m.relative().substring(m.relative().lastIndexOf('/') + 1);
    return name.matches("next\\.config\\.(js|mjs|cjs|ts|mts)");
  }

  static List<CorsPolicy> policies(Interpreter in, List<JsModule> modules) {
    List<CorsPolicy> out = new ArrayList<>();
    for (JsModule m : modules) {
      if (!isConfig(m)) continue;
      in.startAnalysis();
      List<Entry> entries = entries(in, m);
      for (Entry e : entries) {
        if (e.headers().stream().noneMatch(h -> h.name().toLowerCase(Locale.ROOT).startsWith("access-control-"))) continue;
        out.add(new Policy(e, entries, m));
      }
    }
    return out;
  }

  private static List<Entry> entries(Interpreter in, JsModule m) {
    ModuleExports ex = in.exportsOf(m);
    JsValue config = ex.defaultExport(m.root().span());
    if (config instanceof JsValue.Func f) config = single(in.runHandler(f, List.of()));
    JsValue headersFn = config instanceof JsValue.Obj o ? o.get("headers") : null;
    if (!(headersFn instanceof JsValue.Func f)) return List.of();
    JsValue list = single(in.runHandler(f, List.of()));
    if (!(list instanceof JsValue.Arr arr)) return List.of();
    List<Entry> out = new ArrayList<>();
    for (JsValue item : arr.items()) {
      if (!(item instanceof JsValue.Obj o) || !(o.get("source") instanceof JsValue.Str source)) continue;
      String condition = o.get("has") != null ? "a 'has' condition" : o.get("missing") != null ? "a 'missing' condition" : null;
      List<Header> hs = new ArrayList<>();
      if (o.get("headers") instanceof JsValue.Arr headerList) {
        for (JsValue h : headerList.items()) {
          if (!(h instanceof JsValue.Obj ho) || !(ho.get("key") instanceof JsValue.Str key)) continue;
          JsValue v = ho.get("value");
          SourceSpan at = v != null && v.span() != null ? v.span() : ho.span();
          Value<String> value = v instanceof JsValue.Str s ? Value.known(s.value(), at)
              : Value.unknown(v instanceof JsValue.Unknown u ? u.reason() : "a value known only at build time", at);
          if (condition != null && value.isKnown()) value = Value.unknown("sent only when the entry's " + condition + " holds", at);
          hs.add(new Header(key.value(), value));
        }
      }
      out.add(new Entry(ExpressPath.of(source, false), source.value(), hs, condition, o.span()));
    }
    return out;
  }

  /** What a function returns when it takes a single way. */
  private static JsValue single(List<ExecPath> paths) {
    if (paths.size() != 1 || !paths.get(0).returned) return null;
    return paths.get(0).returnValue;
  }

  /** One entry of {@code headers()}; responses apply every matching entry in order, later keys overriding. */
  private static final class Policy implements CorsPolicy {
    private final Entry entry;
    private final List<Entry> all;
    private final Scope scope;

    Policy(Entry entry, List<Entry> all, JsModule m) {
      this.entry = entry;
      this.all = all;
      Environment env = DevelopmentFiles.isDevelopmentOnly(m.relative()) ? Environment.DEVELOPMENT : Environment.PRODUCTION;
      this.scope = new Scope(Ecosystem.EXPRESS, "Next.js headers() for " + entry.sourceText() + " in " + m.relative(),
          entry.span(), entry.sourceText(), env, Value.absent(), Value.absent());
    }

    @Override
    public Scope scope() {
      return scope;
    }

    private Value<String> own(String name) {
      Value<String> found = null;
      for (Header h : entry.headers()) if (h.name().equalsIgnoreCase(name)) found = h.value();
      return found;
    }

    @Override
    public OriginMatcher allowedOrigins() {
      Value<String> v = own("Access-Control-Allow-Origin");
      if (v == null) return new OriginMatcher.None();
      SourceSpan at = v.where().orElse(entry.span());
      if (!v.isKnown()) return new OriginMatcher.Opaque(((Value.Unknown<String>) v).reason(), at);
      String o = v.get().orElse("");
      return o.strip().equals("*") ? new OriginMatcher.Wildcard(at) : new OriginMatcher.Exact(o, at);
    }

    @Override
    public Value<Boolean> credentials() {
      Value<String> v = own("Access-Control-Allow-Credentials");
      if (v == null) return Value.known(false, entry.span());
      return v.map(s -> s.strip().equalsIgnoreCase("true"));
    }

    @Override
    public String samplePath() {
      String s = entry.source().sample();
      return s == null ? "/" : s;
    }

    @Override
    public Response respond(Request r) {
      Map<String, HeaderLine> lines = new LinkedHashMap<>();
      SourceSpan decided = null;
      for (Entry e : all) {
        if (e.source().match(r.path()).matches() != Tri.YES) continue;
        decided = e.span();
        for (Header h : e.headers()) lines.put(h.name().toLowerCase(Locale.ROOT), new HeaderLine(h.name(), h.value(), "next.config"));
      }
      boolean options = r.method().equalsIgnoreCase("OPTIONS");
      Value<Integer> status = Value.known(options ? 204 : r.handlerStatus(), decided != null ? decided : entry.span());
      return new Response(status, new ArrayList<>(lines.values()));
    }
  }
}
