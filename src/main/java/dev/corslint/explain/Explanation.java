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
   * depends on a value read at run time, {@code cases} gives the verdict in each case the code names.
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
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Case> cases) {}

  /**
   * The verdict in one case the code names for a value read at run time.
   *
   * @param input what the value depends on ({@code CORS_ORIGIN})
   * @param when the case ({@code CORS_ORIGIN is unset})
   * @param span where the code writes the value used in that case
   * @param verdict {@code allowed}, {@code blocked} or {@code unknown}
   */
  public record Case(String input, String when, SourceSpan span, String verdict, String corsError, String consoleMessage) {}

  /** One request and the response the configuration gives it. */
  public record Exchange(String requestLine, List<String> requestHeaders, Integer status, SourceSpan statusSpan,
      List<Header> headers) {}

  /** A response header; {@code value} is null when it cannot be known statically ({@code unknown} says why). */
  public record Header(String name, String value, String unknown, SourceSpan span) {}

  /** What to change, where, and how it looks in the scope's own syntax. */
  public record Fix(String summary, String code, SourceSpan at) {}
}
