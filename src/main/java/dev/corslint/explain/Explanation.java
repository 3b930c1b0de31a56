package dev.corslint.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corslint.model.SourceSpan;
import java.util.List;

/**
 * The answer to "why does the browser block this request?": whether a preflight goes out and why, and for
 * every scope that serves the URL, the responses the configuration produces (each header with the line that
 * set it), the browser's verdict with Chromium's console text, and the fix in the scope's own syntax.
 */
public record Explanation(
    ExplainRequest request,
    boolean preflight,
    List<String> preflightReasons,
    List<ScopeAnswer> scopes,
    List<String> notes) {

  /**
   * What one scope answers. {@code verdict} is {@code allowed}, {@code blocked} or {@code unknown}; when it
   * depends on a value read at run time, {@code cases} gives the verdict in each case the code names. The
   * exchanges are what the browser receives, and {@code layers} (only for a proxy linked to the application
   * behind it) shows how both layers made them.
   */
  public record ScopeAnswer(
      String ecosystem,
      String scope,
      SourceSpan span,
      String url,
      Exchange preflight,
      Exchange actual,
      String verdict,
      String corsError,
      String consoleMessage,
      List<String> unknowns,
      Fix fix,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Case> cases,
      @JsonInclude(JsonInclude.Include.NON_NULL) Layers layers) {

    public ScopeAnswer(String ecosystem, String scope, SourceSpan span, String url, Exchange preflight,
        Exchange actual, String verdict, String corsError, String consoleMessage, List<String> unknowns, Fix fix) {
      this(ecosystem, scope, span, url, preflight, actual, verdict, corsError, consoleMessage, unknowns, fix, List.of(), null);
    }
  }

  /**
   * The verdict in one case the code names for a value read at run time.
   *
   * @param input what the value depends on ({@code CORS_ORIGIN})
   * @param when the case ({@code CORS_ORIGIN is unset})
   * @param span where the code writes the value used in that case
   * @param verdict {@code allowed}, {@code blocked} or {@code unknown}
   */
  public record Case(String input, String when, SourceSpan span, String verdict, String corsError, String consoleMessage) {}

  /**
   * A proxy and the application of the same repository behind it.
   *
   * @param front the proxy, e.g. {@code nginx}
   * @param application the application, e.g. {@code Express application in api/}
   * @param link how the proxy reaches it
   * @param hops one per request the browser sends (preflight, then actual), in order
   */
  public record Layers(String front, String application, String link, List<Hop> hops) {}

  /**
   * One request through both layers.
   *
   * @param requestLine the browser's request, as in the matching {@link Exchange}
   * @param application what the application receives and answers, or null when the proxy answers by itself
   * @param changes what the proxy adds to and removes from the application's answer
   */
  public record Hop(String requestLine, Exchange application, List<Change> changes) {}

  /**
   * A header line the proxy adds ({@code added}) or takes away ({@code removed}), with the line responsible.
   * A removed header's {@code value} is the application's.
   */
  public record Change(String action, String name, String value, SourceSpan span) {}

  /** One request and the response the configuration gives it. */
  public record Exchange(String requestLine, List<String> requestHeaders, Integer status, SourceSpan statusSpan,
      List<Header> headers) {}

  /** A response header; {@code value} is null when it cannot be known statically ({@code unknown} says why). */
  public record Header(String name, String value, String unknown, SourceSpan span) {}

  /** What to change, where, and how it looks in the scope's own syntax. */
  public record Fix(String summary, String code, SourceSpan at) {}
}
