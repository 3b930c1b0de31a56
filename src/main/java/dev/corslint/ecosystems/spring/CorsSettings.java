package dev.corslint.ecosystems.spring;

import dev.corslint.model.GuardedRegex;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring's {@code CorsConfiguration}, as read from source: the same fields, defaults, {@code combine} and checks,
 * with the span of every value. The "permit default" lists ({@code applyPermitDefaultValues}) are marked, because
 * Spring's {@code combine} replaces them instead of extending them.
 */
final class CorsSettings {

  /** Where the configuration comes from; decides how Spring reacts to {@code *} with credentials. */
  enum Kind {
    /** {@code @CrossOrigin}: validated while the request mappings are built, so the application does not start. */
    ANNOTATION,
    /** {@code CorsRegistry.addMapping}: validated per request. */
    REGISTRY,
    /** A {@code CorsConfiguration} object in a bean or a security chain. */
    BEAN,
    /** Spring Cloud Gateway {@code globalcors}. */
    GATEWAY,
    /** {@code management.endpoints.web.cors}. */
    ACTUATOR
  }

  /**
   * A list-valued setting.
   *
   * @param entries the values, in order
   * @param defaulted Spring's permit-default list (all origins, all headers, GET/HEAD/POST), not written by the user
   * @param span the call or key that set it
   * @param unknown why part of the list cannot be known statically, or null
   */
  record ListSetting(List<Entry> entries, boolean defaulted, SourceSpan span, String unknown) {
    ListSetting {
      entries = List.copyOf(entries);
    }

    boolean contains(String text) {
      return entries.stream().anyMatch(e -> e.text().equals(text));
    }

    boolean isEmpty() {
      return entries.isEmpty() && unknown == null;
    }

    ListSetting plus(List<Entry> more, SourceSpan at, String moreUnknown) {
      // Spring copies a permit-default list before adding to it, so the defaults stay.
      List<Entry> all = new ArrayList<>(entries);
      all.addAll(more);
      return new ListSetting(all, false, at == null ? span : at, unknown != null ? unknown : moreUnknown);
    }
  }

  static final String ALL = "*";

  final Kind kind;
  final SourceSpan declaredAt;
  final String description;

  ListSetting origins;
  ListSetting originPatterns;
  ListSetting methods;
  ListSetting headers;
  ListSetting exposed;
  Value<Boolean> credentials = Value.absent();
  Value<Boolean> privateNetwork = Value.absent();
  Value<Long> maxAge = Value.absent();

  CorsSettings(Kind kind, SourceSpan declaredAt, String description) {
    this.kind = kind;
    this.declaredAt = declaredAt;
    this.description = description;
  }

  CorsSettings copy() {
    CorsSettings c = new CorsSettings(kind, declaredAt, description);
    c.origins = origins;
    c.originPatterns = originPatterns;
    c.methods = methods;
    c.headers = headers;
    c.exposed = exposed;
    c.credentials = credentials;
    c.privateNetwork = privateNetwork;
    c.maxAge = maxAge;
    return c;
  }

  // ---- setters that mirror CorsConfiguration ----

  /** {@code setAllowedOrigins}: replaces the list; each value may hold several comma-separated origins. */
  void setOrigins(List<Entry> values, SourceSpan at, String unknown) {
    origins = new ListSetting(splitOrigins(values), false, at, unknown);
  }

  /** {@code addAllowedOrigin}. */
  void addOrigins(List<Entry> values, SourceSpan at, String unknown) {
    List<Entry> split = splitOrigins(values);
    // After applyPermitDefaultValues the '*' stays: Spring copies the default list, then adds.
    origins = origins == null ? new ListSetting(split, false, at, unknown) : origins.plus(split, at, unknown);
  }

  void setOriginPatterns(List<Entry> values, SourceSpan at, String unknown) {
    originPatterns = null;
    addOriginPatterns(values, at, unknown);
    if (values.isEmpty()) originPatterns = new ListSetting(List.of(), false, at, unknown);
  }

  /** {@code addAllowedOriginPattern}: also drops the permit-default origin list. */
  void addOriginPatterns(List<Entry> values, SourceSpan at, String unknown) {
    List<Entry> split = splitOrigins(values);
    originPatterns = originPatterns == null ? new ListSetting(split, false, at, unknown) : originPatterns.plus(split, at, unknown);
    if (!split.isEmpty() && origins != null && origins.defaulted()) origins = null;
  }

  void setMethods(List<Entry> values, SourceSpan at, String unknown) {
    methods = new ListSetting(values, false, at, unknown);
  }

  void addMethods(List<Entry> values, SourceSpan at, String unknown) {
    methods = methods == null ? new ListSetting(values, false, at, unknown) : methods.plus(values, at, unknown);
  }

  void setHeaders(List<Entry> values, SourceSpan at, String unknown) {
    headers = new ListSetting(values, false, at, unknown);
  }

  void addHeaders(List<Entry> values, SourceSpan at, String unknown) {
    headers = headers == null ? new ListSetting(values, false, at, unknown) : headers.plus(values, at, unknown);
  }

  void setExposed(List<Entry> values, SourceSpan at, String unknown) {
    exposed = new ListSetting(values, false, at, unknown);
  }

  void addExposed(List<Entry> values, SourceSpan at, String unknown) {
    exposed = exposed == null ? new ListSetting(values, false, at, unknown) : exposed.plus(values, at, unknown);
  }

  /** {@code applyPermitDefaultValues}: all origins, GET/HEAD/POST, all headers, 1800 s, where unset. */
  CorsSettings applyPermitDefaults(SourceSpan at) {
    if (origins == null && originPatterns == null) origins = new ListSetting(List.of(new Entry(ALL, at)), true, at, null);
    if (methods == null) {
      methods = new ListSetting(List.of(new Entry("GET", at), new Entry("HEAD", at), new Entry("POST", at)), true, at, null);
    }
    if (headers == null) headers = new ListSetting(List.of(new Entry(ALL, at)), true, at, null);
    if (maxAge.isAbsent()) maxAge = Value.known(1800L, at);
    return this;
  }

  /** {@code CorsConfiguration.combine}: {@code other} (the more specific one) refines this one. */
  CorsSettings combine(CorsSettings other) {
    if (other == null) return this;
    CorsSettings c = new CorsSettings(other.kind, other.declaredAt, other.description);
    ListSetting o = combine(origins, other.origins);
    ListSetting p = combinePatterns(originPatterns, other.originPatterns);
    c.origins = o != null && o.defaulted() && p != null && !p.entries().isEmpty() ? null : o;
    c.originPatterns = p;
    c.methods = combine(methods, other.methods);
    c.headers = combine(headers, other.headers);
    c.exposed = combine(exposed, other.exposed);
    c.credentials = other.credentials.isAbsent() ? credentials : other.credentials;
    c.privateNetwork = other.privateNetwork.isAbsent() ? privateNetwork : other.privateNetwork;
    c.maxAge = other.maxAge.isAbsent() ? maxAge : other.maxAge;
    return c;
  }

  private static ListSetting combine(ListSetting source, ListSetting other) {
    if (other == null) return source != null ? source : new ListSetting(List.of(), false, null, null);
    if (source == null) return other;
    if (source.defaulted()) return other;
    if (other.defaulted()) return source;
    if (source.contains(ALL) || other.contains(ALL)) {
      Entry star = source.entries().stream().filter(e -> e.text().equals(ALL)).findFirst()
          .orElseGet(() -> other.entries().stream().filter(e -> e.text().equals(ALL)).findFirst().orElseThrow());
      return new ListSetting(List.of(star), false, star.span(), null);
    }
    return union(source, other);
  }

  private static ListSetting combinePatterns(ListSetting source, ListSetting other) {
    if (other == null) return source != null ? source : new ListSetting(List.of(), false, null, null);
    if (source == null) return other;
    if (source.contains(ALL) || other.contains(ALL)) {
      Entry star = source.entries().stream().filter(e -> e.text().equals(ALL)).findFirst()
          .orElseGet(() -> other.entries().stream().filter(e -> e.text().equals(ALL)).findFirst().orElseThrow());
      return new ListSetting(List.of(star), false, star.span(), null);
    }
    return union(source, other);
  }

  private static ListSetting union(ListSetting a, ListSetting b) {
    List<Entry> all = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Entry e : a.entries()) if (seen.add(e.text())) all.add(e);
    for (Entry e : b.entries()) if (seen.add(e.text())) all.add(e);
    String unknown = a.unknown() != null ? a.unknown() : b.unknown();
    return new ListSetting(all, false, b.span() != null ? b.span() : a.span(), unknown);
  }

  // ---- checks ----

  /** Whether Spring refuses this configuration: {@code allowedOrigins} contains {@code *} and credentials are on. */
  boolean wildcardWithCredentials() {
    return origins != null && origins.contains(ALL) && credentials.is(true);
  }

  /** Same check for {@code allowPrivateNetwork}. */
  boolean wildcardWithPrivateNetwork() {
    return origins != null && origins.contains(ALL) && privateNetwork.is(true);
  }

  /** The line that makes {@link #wildcardWithCredentials} true: the {@code *} entry. */
  SourceSpan wildcardSpan() {
    if (origins == null) return declaredAt;
    return origins.entries().stream().filter(e -> e.text().equals(ALL)).map(Entry::span).findFirst().orElse(declaredAt);
  }

  /** The outcome of {@code checkOrigin}: the value for Access-Control-Allow-Origin, or none, or unknown. */
  record OriginCheck(Tri allowed, String value, SourceSpan span, String unknownReason) {}

  OriginCheck checkOrigin(String origin) {
    if (origin == null || origin.isBlank()) return new OriginCheck(Tri.NO, null, null, null);
    String toCheck = trimTrailingSlash(origin);
    String unknown = null;
    if (origins != null && !origins.entries().isEmpty()) {
      for (Entry e : origins.entries()) {
        if (e.text().equals(ALL)) return new OriginCheck(Tri.YES, ALL, e.span(), null);
      }
      for (Entry e : origins.entries()) {
        if (toCheck.equalsIgnoreCase(e.text())) return new OriginCheck(Tri.YES, origin, e.span(), null);
      }
    }
    if (origins != null && origins.unknown() != null) unknown = origins.unknown();
    if (originPatterns != null) {
      for (Entry e : originPatterns.entries()) {
        if (e.text().equals(ALL)) return new OriginCheck(Tri.YES, origin, e.span(), null);
        Pattern p = springPattern(e.text());
        if (p != null && p.matcher(toCheck).matches()) return new OriginCheck(Tri.YES, origin, e.span(), null);
      }
      if (originPatterns.unknown() != null) unknown = originPatterns.unknown();
    }
    if (unknown != null) return new OriginCheck(Tri.UNKNOWN, null, originsSpan(), unknown);
    return new OriginCheck(Tri.NO, null, originsSpan(), null);
  }

  SourceSpan originsSpan() {
    if (origins != null && origins.span() != null) return origins.span();
    if (originPatterns != null && originPatterns.span() != null) return originPatterns.span();
    return declaredAt;
  }

  /**
   * {@code checkHttpMethod}: the methods to list in Access-Control-Allow-Methods, or empty when refused. A
   * {@code *} echoes the requested method. Spring compares method names case-sensitively.
   */
  Optional<List<String>> checkMethod(String method) {
    if (method == null) return Optional.empty();
    List<String> resolved = resolvedMethods();
    if (resolved == null) return Optional.of(List.of(method));
    return resolved.contains(method) ? Optional.of(resolved) : Optional.empty();
  }

  /** Spring's resolved methods: null for {@code *}; GET and HEAD when nothing was set. */
  List<String> resolvedMethods() {
    if (methods == null || methods.entries().isEmpty()) return List.of("GET", "HEAD");
    List<String> out = new ArrayList<>();
    for (Entry e : methods.entries()) {
      if (e.text().equals(ALL)) return null;
      out.add(e.text());
    }
    return out;
  }

  SourceSpan methodsSpan() {
    return methods != null && methods.span() != null && !methods.defaulted() ? methods.span() : declaredAt;
  }

  /** {@code checkHeaders}: the allowed subset of the requested headers; empty when none is allowed. */
  Optional<List<String>> checkHeaders(List<String> requested) {
    if (requested.isEmpty()) return Optional.of(List.of());
    if (headers == null || headers.entries().isEmpty()) return Optional.empty();
    boolean any = headers.contains(ALL);
    List<String> out = new ArrayList<>();
    for (String r : requested) {
      String h = r.trim();
      if (h.isEmpty()) continue;
      if (any || headers.entries().stream().anyMatch(e -> e.text().equalsIgnoreCase(h))) out.add(h);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  SourceSpan headersSpan() {
    return headers != null && headers.span() != null && !headers.defaulted() ? headers.span() : declaredAt;
  }

  // ---- origin matchers for the rules ----

  /** The origins this configuration admits, as matchers with the span of each entry. */
  OriginMatcher matcher() {
    List<OriginMatcher> out = new ArrayList<>();
    if (origins != null) {
      for (Entry e : origins.entries()) {
        out.add(e.text().equals(ALL) ? new OriginMatcher.Wildcard(e.span()) : new OriginMatcher.Exact(e.text(), e.span(), true));
      }
      if (origins.unknown() != null) out.add(new OriginMatcher.Opaque(origins.unknown(), origins.span()));
    }
    if (originPatterns != null) {
      for (Entry e : originPatterns.entries()) {
        if (e.text().equals(ALL)) {
          out.add(new OriginMatcher.Reflect(e.span()));
          continue;
        }
        GuardedRegex.Result r = GuardedRegex.compile(readableRegex(e.text()), RegexFlavor.JAVA, RegexFlavor.Mode.FULL, false);
        out.add(r.regex().<OriginMatcher>map(g -> new OriginMatcher.Regex(g, e.span()))
            .orElseGet(() -> new OriginMatcher.Opaque("origin pattern '" + e.text() + "' does not compile: " + r.error(), e.span())));
      }
      if (originPatterns.unknown() != null) out.add(new OriginMatcher.Opaque(originPatterns.unknown(), originPatterns.span()));
    }
    return OriginMatcher.anyOf(out);
  }

  // ---- Spring's origin pattern syntax ----

  private static final Pattern PORTS = Pattern.compile("(.*):\\[(\\*|\\d+(,\\d+)*)]");

  /** The pattern exactly as {@code CorsConfiguration.OriginPattern} compiles it. */
  static Pattern springPattern(String declared) {
    String value = declared;
    String ports = null;
    Matcher m = PORTS.matcher(value);
    if (m.matches()) {
      value = m.group(1);
      ports = m.group(2);
    }
    String regex = "\\Q" + value + "\\E";
    regex = regex.replace("*", "\\E.*\\Q");
    if (ports != null) regex += ports.equals(ALL) ? "(:\\d+)?" : ":(" + ports.replace(',', '|') + ")";
    try {
      return Pattern.compile(regex);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The same pattern spelled with escapes rather than \Q..\E, so that findings can quote it readably. */
  static String readableRegex(String declared) {
    String value = declared;
    String ports = null;
    Matcher m = PORTS.matcher(value);
    if (m.matches()) {
      value = m.group(1);
      ports = m.group(2);
    }
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '*') out.append(".*");
      else if ("\\.[]{}()^$|?+".indexOf(c) >= 0) out.append('\\').append(c);
      else out.append(c);
    }
    if (ports != null) out.append(ports.equals(ALL) ? "(:\\d+)?" : ":(" + ports.replace(',', '|') + ")");
    return out.toString();
  }

  static String trimTrailingSlash(String origin) {
    return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
  }

  /** {@code parseCommaDelimitedOrigin} and trailing-slash trimming, applied to every origin and pattern entry. */
  static List<Entry> splitOrigins(List<Entry> values) {
    List<Entry> out = new ArrayList<>();
    for (Entry v : values) {
      parseCommaDelimited(v, part -> out.add(part.withText(trimTrailingSlash(part.text()))));
    }
    return out;
  }

  private static void parseCommaDelimited(Entry raw, Consumer<Entry> sink) {
    String s = raw.text();
    if (s.indexOf(',') < 0) {
      sink.accept(raw);
      return;
    }
    int start = 0;
    boolean inPorts = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') inPorts = true;
      else if (c == ']') inPorts = false;
      else if (c == ',' && !inPorts) {
        sink.accept(slice(raw, start, i));
        start = i + 1;
      }
    }
    if (start < s.length()) sink.accept(slice(raw, start, s.length()));
  }

  /** Part of an entry, with a narrower span when the entry sits on one line and the offset is known. */
  static Entry slice(Entry raw, int from, int to) {
    String s = raw.text();
    String part = s.substring(from, to);
    int lead = part.length() - part.stripLeading().length();
    String text = part.strip();
    SourceSpan sp = raw.span();
    if (sp != null && sp.line() == sp.endLine()) {
      int width = sp.endColumn() - sp.column();
      int quote = width == s.length() + 2 ? 1 : width == s.length() ? 0 : -1;
      if (quote >= 0) {
        int col = sp.column() + quote + from + lead;
        sp = new SourceSpan(sp.file(), sp.line(), col, sp.line(), col + text.length());
      }
    }
    return new Entry(text, sp);
  }
}
