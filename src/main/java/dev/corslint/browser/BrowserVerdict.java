package dev.corslint.browser;

import dev.corslint.model.Response;

/**
 * What the browser does with a cross-origin fetch.
 *
 * @param allowed whether the page's script can read the response
 * @param known false when the configuration leaves the answer open (an unknown header value or status)
 * @param preflightSent whether an OPTIONS preflight goes out first
 * @param stage where it failed, or {@link Stage#NONE}
 * @param corsError Chromium's {@code corsError} name, e.g. {@code PreflightMissingAllowOriginHeader}
 * @param reason the text after "blocked by CORS policy: ", verbatim as Chromium prints it
 * @param consoleMessage the whole console line
 * @param preflight the preflight response, when one was sent
 * @param actual the actual response, when the request got that far
 */
public record BrowserVerdict(
    boolean allowed,
    boolean known,
    boolean preflightSent,
    Stage stage,
    String corsError,
    String reason,
    String consoleMessage,
    Response preflight,
    Response actual) {

  public enum Stage {
    NONE,
    MIXED_CONTENT,
    PREFLIGHT,
    ACTUAL
  }

  public boolean blocked() {
    return known && !allowed;
  }
}
