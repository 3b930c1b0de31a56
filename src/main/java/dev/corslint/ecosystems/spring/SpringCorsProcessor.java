package dev.corslint.ecosystems.spring;

import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.List;
import java.util.Optional;

/**
 * Spring's {@code DefaultCorsProcessor} (servlet and reactive alike): the Vary lines, the checks in Spring's
 * order (origin, method, headers) and the 403 "Invalid CORS request" on any refusal.
 */
final class SpringCorsProcessor {

  /** What the processor decided. */
  enum Verdict {
    /** The request goes on (CORS headers written when it is a CORS request). */
    VALID,
    /** Answered 403 with no CORS headers. */
    REJECTED,
    /** Cannot be told statically (an origin list read from the environment). */
    UNKNOWN
  }

  static final List<String> VARY = List.of("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");

  private SpringCorsProcessor() {}

  /**
   * @param config the configuration for this request, or null when none applies
   * @param missingAt where the configuration would be, for the status of a refused preflight without one
   */
  static Verdict process(CorsSettings config, Request req, ResponseDraft out, SourceSpan missingAt) {
    SourceSpan at = config != null ? config.declaredAt : missingAt;
    List<String> vary = out.values("Vary");
    for (String v : VARY) {
      if (!vary.contains(v)) out.add("Vary", Value.known(v, at));
    }
    if (req.origin() == null) return Verdict.VALID;
    if (out.has("Access-Control-Allow-Origin")) return Verdict.VALID;
    boolean preflight = req.isPreflight();
    if (config == null) {
      if (preflight) {
        out.status(403, missingAt);
        return Verdict.REJECTED;
      }
      return Verdict.VALID;
    }
    CorsSettings.OriginCheck origin = config.checkOrigin(req.origin());
    if (origin.allowed() == Tri.UNKNOWN) {
      out.status(Value.unknown(origin.unknownReason(), origin.span()));
      out.set("Access-Control-Allow-Origin", Value.unknown(origin.unknownReason(), origin.span()));
      return Verdict.UNKNOWN;
    }
    if (origin.allowed() == Tri.NO) {
      out.status(403, origin.span());
      return Verdict.REJECTED;
    }
    String method = preflight ? req.requestMethod() : req.method();
    Optional<List<String>> methods = config.checkMethod(method);
    if (methods.isEmpty()) {
      out.status(403, config.methodsSpan());
      return Verdict.REJECTED;
    }
    Optional<List<String>> headers = preflight ? config.checkHeaders(req.requestHeaders()) : Optional.of(List.of());
    if (headers.isEmpty()) {
      out.status(403, config.headersSpan());
      return Verdict.REJECTED;
    }
    out.set("Access-Control-Allow-Origin", origin.value(), origin.span());
    if (preflight) out.set("Access-Control-Allow-Methods", String.join(",", methods.get()), config.methodsSpan());
    if (preflight && !headers.get().isEmpty()) {
      out.set("Access-Control-Allow-Headers", String.join(", ", headers.get()), config.headersSpan());
    }
    if (config.exposed != null && !config.exposed.entries().isEmpty()) {
      out.set(
          "Access-Control-Expose-Headers",
          String.join(", ", config.exposed.entries().stream().map(Entry::text).toList()),
          config.exposed.span() != null ? config.exposed.span() : config.declaredAt);
    } else if (config.exposed != null && config.exposed.unknown() != null) {
      out.set("Access-Control-Expose-Headers", Value.unknown(config.exposed.unknown(), config.exposed.span()));
    }
    if (config.credentials.is(true)) {
      out.set("Access-Control-Allow-Credentials", "true", config.credentials.where().orElse(config.declaredAt));
    } else if (config.credentials.isUnknown()) {
      out.set("Access-Control-Allow-Credentials", config.credentials.map(b -> "true"));
    }
    // Access-Control-Allow-Private-Network answers only a request that asks for it, which Request cannot carry.
    if (preflight && !config.maxAge.isAbsent()) {
      out.set("Access-Control-Max-Age", config.maxAge.map(String::valueOf));
    }
    return Verdict.VALID;
  }
}
