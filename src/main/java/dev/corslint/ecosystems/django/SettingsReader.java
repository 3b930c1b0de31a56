package dev.corslint.ecosystems.django;

import dev.corslint.ecosystems.django.CorsHeadersConfig.OriginEntry;
import dev.corslint.ecosystems.django.CorsHeadersConfig.RegexEntry;
import dev.corslint.ecosystems.django.CorsHeadersConfig.UrlScope;
import dev.corslint.ecosystems.django.python.EnvironmentDefaults;
import dev.corslint.ecosystems.django.python.Namespace;
import dev.corslint.ecosystems.django.python.PyValue;
import dev.corslint.ecosystems.django.python.PyValue.Bool;
import dev.corslint.ecosystems.django.python.PyValue.FloatNum;
import dev.corslint.ecosystems.django.python.PyValue.NoneValue;
import dev.corslint.ecosystems.django.python.PyValue.Num;
import dev.corslint.ecosystems.django.python.PyValue.Pattern;
import dev.corslint.ecosystems.django.python.PyValue.Seq;
import dev.corslint.ecosystems.django.python.PyValue.Str;
import dev.corslint.ecosystems.django.python.PyValue.Unknown;
import dev.corslint.model.Alternative;
import dev.corslint.model.Environment;
import dev.corslint.model.GuardedRegex;
import dev.corslint.model.Notice;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the evaluated names of one settings module into the values {@code CorsMiddleware} reads, with
 * django-cors-headers' own defaults and fallbacks (the new setting names win over the legacy ones).
 */
final class SettingsReader {

  static final String CORS_MIDDLEWARE = "corsheaders.middleware.CorsMiddleware";
  static final Set<String> CORS_SETTINGS = Set.of(
      "CORS_ALLOWED_ORIGINS", "CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ALLOW_ALL_ORIGINS", "CORS_ALLOW_CREDENTIALS",
      "CORS_ALLOW_METHODS", "CORS_ALLOW_HEADERS", "CORS_EXPOSE_HEADERS", "CORS_PREFLIGHT_MAX_AGE", "CORS_URLS_REGEX",
      "CORS_ALLOW_PRIVATE_NETWORK", "CORS_ORIGIN_ALLOW_ALL", "CORS_ORIGIN_WHITELIST", "CORS_ORIGIN_REGEX_WHITELIST",
      "CORS_REPLACE_HTTPS_REFERER");
  private static final String DEFAULT_URLS_REGEX = "^.*$";

  private final String modulePath;
  private final Namespace ns;
  private final CorsHeadersVersion version;
  private final List<Notice> notices;
  private final boolean inputsSet;
  private final Set<String> seen = new LinkedHashSet<>();
  private final Set<Alternative<String>> assumed = new LinkedHashSet<>();
  private SourceSpan defaultsAt;

  SettingsReader(String modulePath, Namespace ns, CorsHeadersVersion version, List<Notice> notices) {
    this(modulePath, ns, version, notices, false);
  }

  /** @param inputsSet read environment reads as a deployment that sets the variables: unknown, defaults ignored */
  SettingsReader(String modulePath, Namespace ns, CorsHeadersVersion version, List<Notice> notices, boolean inputsSet) {
    this.modulePath = modulePath;
    this.ns = ns;
    this.version = version;
    this.notices = notices;
    this.inputsSet = inputsSet;
  }

  /** The environment defaults that the settings read so far answer with. */
  List<Alternative<String>> assumedDefaults() {
    return assumed.stream().sorted(Comparator.comparing(Alternative::span, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
  }

  /** Whether the module configures django-cors-headers at all (a setting, the middleware or the app). */
  static boolean configuresCors(Namespace ns) {
    for (String n : CORS_SETTINGS) if (ns.has(n)) return true;
    return middlewareEntry(ns).isPresent() || installsApp(ns) == Tri.YES;
  }

  static Optional<PyValue> middlewareEntry(Namespace ns) {
    Optional<PyValue> mw = ns.value("MIDDLEWARE");
    if (mw.isEmpty()) return Optional.empty();
    for (PyValue item : items(mw.get())) {
      if (item instanceof Str s && s.value().equals(CORS_MIDDLEWARE)) return Optional.of(item);
    }
    return Optional.empty();
  }

  static Tri installsApp(Namespace ns) {
    Optional<PyValue> apps = ns.value("INSTALLED_APPS");
    if (apps.isEmpty()) return Tri.NO;
    Tri result = Tri.NO;
    for (PyValue item : items(apps.get())) {
      if (item instanceof Str s && (s.value().equals("corsheaders") || s.value().startsWith("corsheaders.apps"))) return Tri.YES;
      if (item instanceof Unknown) result = Tri.UNKNOWN;
    }
    return apps.get() instanceof Unknown ? Tri.UNKNOWN : result;
  }

  /** The items of a list setting, through unknown parts with fallbacks. */
  static List<PyValue> items(PyValue v) {
    List<PyValue> out = new ArrayList<>();
    if (v instanceof Seq s) {
      for (PyValue i : s.items()) {
        if (i instanceof Unknown u && u.fallback() instanceof Seq f) out.addAll(f.items());
        else out.add(i);
      }
    } else if (v instanceof Unknown u && u.fallback() instanceof Seq f) {
      out.addAll(items(f));
    }
    return out;
  }

  CorsHeadersConfig read(Environment environment, String variant, MiddlewareStack.Result middleware, List<Usage> usages) {
    SourceSpan file = SourceSpan.file(modulePath);
    defaultsAt = middleware.corsAt() != null ? middleware.corsAt()
        : firstSetting().orElse(ns.get("MIDDLEWARE").map(Namespace.Binding::at).orElse(file));
    Value<Boolean> allowAll = bool(first("CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"), false);
    Value<Boolean> credentials = bool(first("CORS_ALLOW_CREDENTIALS"), false);
    List<OriginEntry> origins = origins(first("CORS_ALLOWED_ORIGINS", "CORS_ORIGIN_WHITELIST"), installsApp(ns) != Tri.NO);
    List<RegexEntry> regexes = regexes(first("CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST"));
    Value<List<String>> headers = strings(first("CORS_ALLOW_HEADERS"), version.defaultHeaders());
    Value<List<String>> methods = strings(first("CORS_ALLOW_METHODS"), CorsHeadersVersion.DEFAULT_METHODS);
    Value<List<String>> expose = strings(first("CORS_EXPOSE_HEADERS"), List.of());
    Value<String> maxAge = maxAge(first("CORS_PREFLIGHT_MAX_AGE"));
    UrlScope urls = urls(first("CORS_URLS_REGEX"));
    Value<Boolean> privateNetwork = bool(first("CORS_ALLOW_PRIVATE_NETWORK"), false);
    if (!version.privateNetwork() && ns.has("CORS_ALLOW_PRIVATE_NETWORK")) {
      notice(Notice.note("CORS_ALLOW_PRIVATE_NETWORK has no effect in " + version.label()
          + " (the project pins it): the setting exists from 4.0", ns.get("CORS_ALLOW_PRIVATE_NETWORK").get().at()));
    }

    String description = "the Django app configured by " + modulePath
        + (variant.isEmpty() ? "" : " " + variant)
        + (urls.regex() != null && urls.regex().source().equals(DEFAULT_URLS_REGEX) ? "" : ", paths matching " + urlsText(urls));
    Scope scope = new Scope(dev.corslint.model.Ecosystem.DJANGO, description, firstSetting().orElse(defaultsAt),
        urls.regex() == null ? null : urls.regex().source(), environment, tls(), host());
    return new CorsHeadersConfig(version, scope, middleware.corsAt(), defaultsAt, allowAll, credentials, origins,
        regexes, headers, methods, expose, maxAge, urls, privateNetwork, middleware.layers(), usages);
  }

  private static String urlsText(UrlScope urls) {
    return urls.regex() == null ? "(unknown)" : urls.regex().source();
  }

  private Optional<SourceSpan> firstSetting() {
    SourceSpan best = null;
    for (String n : CORS_SETTINGS) {
      Optional<Namespace.Binding> b = ns.get(n);
      if (b.isEmpty() || b.get().at() == null) continue;
      SourceSpan at = b.get().at();
      // Prefer the module's own lines over those it star-imports.
      boolean own = at.file().equals(modulePath);
      boolean bestOwn = best != null && best.file().equals(modulePath);
      if (best == null || (own && !bestOwn) || (own == bestOwn && at.compareTo(best) < 0)) best = at;
    }
    return Optional.ofNullable(best);
  }

  private Optional<Named> first(String... names) {
    for (String n : names) {
      Optional<Namespace.Binding> b = ns.get(n);
      if (b.isEmpty()) continue;
      PyValue v = b.get().value();
      if (inputsSet) v = EnvironmentDefaults.withoutDefaults(v);
      else EnvironmentDefaults.collect(v, b.get().at(), assumed);
      return Optional.of(new Named(n, v, b.get().at()));
    }
    return Optional.empty();
  }

  private record Named(String name, PyValue value, SourceSpan at) {}

  /** Resolves an unknown with a fallback to the fallback, saying so in a notice. */
  private PyValue resolved(Named n) {
    PyValue v = n.value();
    if (v instanceof Unknown u && u.fallback() != null) {
      notice(Notice.note(n.name() + " comes from " + u.reason() + "; corslint uses its default "
          + PyValue.show(u.fallback()) + " as written in the code", n.at()));
      return u.fallback();
    }
    if (v instanceof Unknown u) {
      notice(Notice.warning(n.name() + " depends on " + u.reason() + ", which cannot be known statically; the settings that depend on it are not analysed", n.at()));
    }
    return v;
  }

  private Value<Boolean> bool(Optional<Named> named, boolean dflt) {
    if (named.isEmpty()) return Value.known(dflt, null);
    PyValue v = resolved(named.get());
    Tri t = PyValue.truthy(v);
    if (t == Tri.UNKNOWN) return Value.unknown(why(v), named.get().at());
    return Value.known(t == Tri.YES, named.get().at());
  }

  private static String why(PyValue v) {
    return v instanceof Unknown u ? u.reason() : PyValue.show(v);
  }

  /** {@code ", ".join(value)} needs strings; a lone string is joined character by character, as Python does. */
  private Value<List<String>> strings(Optional<Named> named, List<String> dflt) {
    if (named.isEmpty()) return Value.known(dflt, null);
    PyValue v = resolved(named.get());
    SourceSpan at = named.get().at();
    if (v instanceof Str s) {
      notice(Notice.warning(named.get().name() + " is a string, not a list or tuple (a one-item tuple needs a trailing comma): the middleware joins its characters", at));
      List<String> chars = new ArrayList<>();
      s.value().codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
      return Value.known(chars, at);
    }
    if (!(v instanceof Seq) && !(v instanceof Unknown)) {
      return Value.unknown(named.get().name() + " is " + PyValue.show(v) + ", not a list", at);
    }
    List<String> out = new ArrayList<>();
    for (PyValue item : v instanceof Seq ? items(v) : List.of(v)) {
      if (item instanceof Str s) out.add(s.value());
      else if (item instanceof Unknown u && u.fallback() instanceof Str s) out.add(s.value());
      else return Value.unknown(named.get().name() + " contains " + why(item), at);
    }
    return Value.known(out, at);
  }

  private List<OriginEntry> origins(Optional<Named> named, boolean checksRun) {
    List<OriginEntry> out = new ArrayList<>();
    if (named.isEmpty()) return out;
    PyValue v = resolved(named.get());
    String setting = named.get().name();
    if (v instanceof Str s) {
      notice(Notice.warning(setting + " is a string, not a list or tuple (a one-item tuple needs a trailing comma): django-cors-headers compares each character as an origin, so no browser origin matches and 'null' does", named.get().at()));
      out.add(new OriginEntry("", new UrlSplit("", ""), null, s.span()));
      return out;
    }
    if (v instanceof Unknown u) {
      out.add(OriginEntry.unknown(setting + " (" + u.reason() + ")", named.get().at()));
      return out;
    }
    for (PyValue item : items(v)) {
      if (item instanceof Unknown u && u.fallback() instanceof Str s) item = s;
      if (item instanceof Str s) {
        String raw = s.value();
        Optional<UrlSplit> split = UrlSplit.of(raw);
        out.add(new OriginEntry(raw, split.orElse(null), null, s.span()));
        systemCheck(setting, raw, split, s.span(), checksRun);
      } else {
        out.add(OriginEntry.unknown(setting + " entry " + why(item), item.span() == null ? named.get().at() : item.span()));
      }
    }
    return out;
  }

  /** The corsheaders.E013/E014 system checks, which stop runserver but not a production server. */
  private void systemCheck(String setting, String raw, Optional<UrlSplit> split, SourceSpan at, boolean checksRun) {
    if (raw.equals("null") || raw.equals("file://") || split.isEmpty()) return;
    String where = checksRun
        ? "runserver and manage.py check stop on it, but gunicorn and uwsgi do not run system checks"
        : "corsheaders is not in INSTALLED_APPS, so the check never runs";
    if (split.get().scheme().isEmpty() || split.get().netloc().isEmpty()) {
      notice(Notice.note("'" + raw + "' in " + setting + " fails the system check corsheaders.E013 (missing scheme or host); "
          + where + ", and there the entry matches no browser origin but does match 'Origin: null'", at));
    } else if (UrlSplit.hasPathQueryOrFragment(raw)) {
      notice(Notice.note("'" + raw + "' in " + setting + " fails the system check corsheaders.E014 (path, query or fragment); "
          + where + ", and there it matches " + split.get().origin() + " (only scheme and host are compared)", at));
    }
  }

  private List<RegexEntry> regexes(Optional<Named> named) {
    List<RegexEntry> out = new ArrayList<>();
    if (named.isEmpty()) return out;
    PyValue v = resolved(named.get());
    String setting = named.get().name();
    if (v instanceof Str s) {
      notice(Notice.warning(setting + " is a string, not a list or tuple (a one-item tuple needs a trailing comma): django-cors-headers runs re.match with each character as a pattern", named.get().at()));
      Set<String> chars = new LinkedHashSet<>();
      s.value().codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
      for (String ch : chars) out.add(regex(setting, ch, false, s.span()));
      return out;
    }
    if (v instanceof Unknown u) {
      out.add(new RegexEntry(null, setting + " (" + u.reason() + ")", named.get().at()));
      return out;
    }
    for (PyValue item : items(v)) {
      if (item instanceof Unknown u && u.fallback() != null) item = u.fallback();
      if (item instanceof Str s) out.add(regex(setting, s.value(), false, s.span()));
      else if (item instanceof Pattern p) out.add(regex(setting, p.source(), p.ignoreCase(), p.span()));
      else out.add(new RegexEntry(null, setting + " entry " + why(item), item.span() == null ? named.get().at() : item.span()));
    }
    return out;
  }

  private RegexEntry regex(String setting, String source, boolean ignoreCase, SourceSpan at) {
    GuardedRegex.Result r = GuardedRegex.compile(source, RegexFlavor.PYTHON, RegexFlavor.Mode.START, ignoreCase);
    if (r.regex().isPresent()) return new RegexEntry(r.regex().get(), null, at);
    notice(Notice.warning("the pattern /" + source + "/ in " + setting + " cannot be evaluated (" + r.error() + "); what it allows is not analysed", at));
    return new RegexEntry(null, "the pattern /" + source + "/", at);
  }

  private Value<String> maxAge(Optional<Named> named) {
    if (named.isEmpty()) return Value.known("86400", null);
    PyValue v = resolved(named.get());
    SourceSpan at = named.get().at();
    if (PyValue.truthy(v) == Tri.NO) return Value.absent();
    if (v instanceof Num n) return Value.known(Long.toString(n.value()), at);
    if (v instanceof FloatNum f) return Value.known(f.text(), at);
    if (v instanceof Bool b) return Value.known(b.value() ? "True" : "False", at);
    if (v instanceof Str s) return Value.known(s.value(), at);
    if (v instanceof NoneValue) return Value.absent();
    return Value.unknown("CORS_PREFLIGHT_MAX_AGE is " + why(v), at);
  }

  private UrlScope urls(Optional<Named> named) {
    if (named.isEmpty()) {
      return new UrlScope(GuardedRegex.compile(DEFAULT_URLS_REGEX, RegexFlavor.PYTHON, RegexFlavor.Mode.START, false).regex().orElseThrow(), null, null);
    }
    PyValue v = resolved(named.get());
    SourceSpan at = named.get().at();
    String source = v instanceof Str s ? s.value() : v instanceof Pattern p ? p.source() : null;
    boolean ignoreCase = v instanceof Pattern p && p.ignoreCase();
    if (source == null) return new UrlScope(null, "CORS_URLS_REGEX (" + why(v) + ")", at);
    GuardedRegex.Result r = GuardedRegex.compile(source, RegexFlavor.PYTHON, RegexFlavor.Mode.START, ignoreCase);
    if (r.regex().isEmpty()) {
      notice(Notice.warning("CORS_URLS_REGEX /" + source + "/ cannot be evaluated (" + r.error() + ")", at));
      return new UrlScope(null, "CORS_URLS_REGEX /" + source + "/", at);
    }
    return new UrlScope(r.regex().get(), null, at);
  }

  /** {@code SECURE_SSL_REDIRECT} or {@code SECURE_PROXY_SSL_HEADER} say the site is served over https. */
  private Value<Boolean> tls() {
    Optional<Namespace.Binding> redirect = ns.get("SECURE_SSL_REDIRECT");
    if (redirect.isPresent() && PyValue.truthy(redirect.get().value()) == Tri.YES) return Value.known(true, redirect.get().at());
    Optional<Namespace.Binding> proxy = ns.get("SECURE_PROXY_SSL_HEADER");
    if (proxy.isPresent() && proxy.get().value() instanceof Seq) return Value.known(true, proxy.get().at());
    return Value.absent();
  }

  /** The first concrete public host name of {@code ALLOWED_HOSTS}. */
  private Value<String> host() {
    Optional<Namespace.Binding> hosts = ns.get("ALLOWED_HOSTS");
    if (hosts.isEmpty()) return Value.absent();
    for (PyValue item : items(hosts.get().value())) {
      if (!(item instanceof Str s)) continue;
      String h = s.value().toLowerCase(Locale.ROOT);
      if (h.isEmpty() || h.contains("*") || h.startsWith(".") || h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]")) continue;
      return Value.known(h, s.span());
    }
    return Value.absent();
  }

  private void notice(Notice n) {
    if (seen.add(n.message() + "@" + n.span())) notices.add(n);
  }
}
