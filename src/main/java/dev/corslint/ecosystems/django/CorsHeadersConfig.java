package dev.corslint.ecosystems.django;

import dev.corslint.model.GuardedRegex;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.List;

/**
 * The django-cors-headers settings of one settings module, resolved to what the middleware reads, defaults
 * applied. Every value keeps the span of the line that set it; defaults point at {@code defaultsAt} (the
 * {@code CorsMiddleware} entry, whose defaults apply).
 *
 * @param middlewareAt the {@code CorsMiddleware} entry in {@code MIDDLEWARE}, or null when it is not there
 * @param allowAll {@code CORS_ALLOW_ALL_ORIGINS} (or {@code CORS_ORIGIN_ALLOW_ALL})
 * @param origins {@code CORS_ALLOWED_ORIGINS} (or {@code CORS_ORIGIN_WHITELIST}), entry by entry
 * @param regexes {@code CORS_ALLOWED_ORIGIN_REGEXES} (or {@code CORS_ORIGIN_REGEX_WHITELIST})
 * @param maxAge what {@code str(CORS_PREFLIGHT_MAX_AGE)} gives, absent when the value is falsy (not sent)
 * @param urls {@code CORS_URLS_REGEX}, applied with {@code re.match} to the path
 */
record CorsHeadersConfig(
    CorsHeadersVersion version,
    Scope scope,
    SourceSpan middlewareAt,
    SourceSpan defaultsAt,
    Value<Boolean> allowAll,
    Value<Boolean> credentials,
    List<OriginEntry> origins,
    List<RegexEntry> regexes,
    Value<List<String>> allowHeaders,
    Value<List<String>> allowMethods,
    Value<List<String>> exposeHeaders,
    Value<String> maxAge,
    UrlScope urls,
    Value<Boolean> privateNetwork,
    List<LayerOrder> layers,
    List<Usage> usages) {

  CorsHeadersConfig {
    origins = List.copyOf(origins);
    regexes = List.copyOf(regexes);
    layers = List.copyOf(layers);
    usages = List.copyOf(usages);
  }

  /**
   * One entry of the allowed-origins list.
   *
   * @param raw the entry as written, or null when it is not known
   * @param split its scheme and network location, or null when unknown or unparseable
   * @param unknownReason why the entry is not known, or null
   */
  record OriginEntry(String raw, UrlSplit split, String unknownReason, SourceSpan span) {
    static OriginEntry unknown(String reason, SourceSpan span) {
      return new OriginEntry(null, null, reason, span);
    }
  }

  /** One entry of the regex list: the compiled pattern, or why it cannot be used. */
  record RegexEntry(GuardedRegex regex, String unknownReason, SourceSpan span) {}

  /** {@code CORS_URLS_REGEX}: the compiled pattern, or why it is not known. */
  record UrlScope(GuardedRegex regex, String unknownReason, SourceSpan span) {}
}
