package dev.corslint.model;

/**
 * A layer in front of the application that removes or overrides a header the application sends (nginx
 * {@code proxy_hide_header}, {@code more_clear_headers}).
 *
 * @param name the header name or pattern removed, e.g. {@code Access-Control-Allow-Origin} or
 *     {@code Access-Control-*}
 * @param span the directive
 */
public record HeaderRemoval(String name, SourceSpan span) {}
