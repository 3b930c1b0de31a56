package dev.corslint.model;

/**
 * One request through two layers: what the layer in front forwards, what the application behind it answers,
 * and what the browser finally receives.
 *
 * @param combined the response the browser receives
 * @param forwarded the request the application receives, or null when the front layer answered by itself
 * @param application the application's own response to {@code forwarded}, or null when it was not reached
 */
public record ProxiedResponse(Response combined, Request forwarded, Response application) {

  public boolean reachedApplication() {
    return forwarded != null;
  }
}
