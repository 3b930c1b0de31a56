package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.util.List;
import java.util.Locale;

/**
 * A {@code map} block: a variable whose value is looked up from another value. Lookup follows
 * ngx_http_map_find: an empty subject gets the default; exact keys first (case-insensitive), then, with
 * {@code hostnames}, wildcard names, then regexes in the order written; otherwise the default.
 */
final class NginxMap {

  /** A plain key (or a wildcard name with {@code hostnames}). */
  record Entry(String key, NginxTemplate value, SourceSpan span) {}

  /** A regex key; {@code regex} is null when it cannot be compiled. */
  record RegexEntry(String source, boolean ignoreCase, NginxRegex regex, NginxTemplate value, SourceSpan span) {}

  /** The entry a subject selects, with the regex captures when a regex selected it. */
  record Selection(Entry entry, RegexEntry regexEntry, NginxRegex.Match match, boolean isDefault, Tri certain) {}

  final String variable;
  final NginxTemplate source;
  final boolean hostnames;
  final boolean isVolatile;
  final List<Entry> exact;
  final List<Entry> wildcards;
  final List<RegexEntry> regexes;
  final Entry defaultEntry;
  final Directive directive;

  NginxMap(String variable, NginxTemplate source, boolean hostnames, boolean isVolatile, List<Entry> exact,
      List<Entry> wildcards, List<RegexEntry> regexes, Entry defaultEntry, Directive directive) {
    this.variable = variable;
    this.source = source;
    this.hostnames = hostnames;
    this.isVolatile = isVolatile;
    this.exact = List.copyOf(exact);
    this.wildcards = List.copyOf(wildcards);
    this.regexes = List.copyOf(regexes);
    this.defaultEntry = defaultEntry;
    this.directive = directive;
  }

  /** The default entry, or an empty value at the map line when the map has none. */
  Entry defaultOrEmpty() {
    return defaultEntry != null
        ? defaultEntry
        : new Entry("default", NginxTemplate.literal("", directive.span()), directive.span());
  }

  Selection select(String subject) {
    String s = subject;
    if (hostnames && s.endsWith(".")) s = s.substring(0, s.length() - 1);
    if (s.isEmpty()) return new Selection(defaultOrEmpty(), null, null, true, Tri.YES);
    String lower = s.toLowerCase(Locale.ROOT);
    for (Entry e : exact) {
      if (e.key().toLowerCase(Locale.ROOT).equals(lower)) return new Selection(e, null, null, false, Tri.YES);
    }
    if (hostnames) {
      Entry best = null;
      for (Entry e : wildcards) {
        if (wildcardMatches(e.key().toLowerCase(Locale.ROOT), lower)
            && (best == null || e.key().length() > best.key().length())) {
          best = e;
        }
      }
      if (best != null) return new Selection(best, null, null, false, Tri.YES);
    }
    Tri certain = Tri.YES;
    for (RegexEntry r : regexes) {
      if (r.regex() == null) {
        certain = Tri.UNKNOWN;
        continue;
      }
      NginxRegex.Match m = r.regex().match(s);
      if (m.matched() == Tri.YES) return new Selection(null, r, m, false, certain);
      if (m.matched() == Tri.UNKNOWN) certain = Tri.UNKNOWN;
    }
    return new Selection(defaultOrEmpty(), null, null, true, certain);
  }

  /** {@code .example.com}, {@code *.example.com} and {@code www.example.*} as map hostnames read them. */
  static boolean wildcardMatches(String key, String name) {
    if (key.startsWith("*.")) return name.endsWith(key.substring(1)) && name.length() > key.length() - 1;
    if (key.startsWith(".")) return name.equals(key.substring(1)) || name.endsWith(key);
    if (key.endsWith(".*")) return name.startsWith(key.substring(0, key.length() - 1));
    return false;
  }

  static boolean isWildcard(String key) {
    return key.startsWith("*.") || key.startsWith(".") || key.endsWith(".*");
  }
}
