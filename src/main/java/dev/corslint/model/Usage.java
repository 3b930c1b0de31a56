package dev.corslint.model;

/**
 * Something the server's own code or configuration relies on that the CORS answer must cover: a method it
 * handles, a request header it reads, or one that front-end code sends.
 *
 * @param kind method or header
 * @param name the method (upper case) or header name
 * @param span where it is used
 * @param description short text for a related location, e.g. {@code limit_except allows PUT}
 */
public record Usage(Kind kind, String name, SourceSpan span, String description) {

  public enum Kind {
    METHOD,
    REQUEST_HEADER
  }
}
