package dev.corslint.model;

/**
 * A header configured in an enclosing scope that a response does not carry because a nearer scope replaced
 * the whole set (nginx {@code add_header} inheritance).
 *
 * @param name the header that is lost
 * @param inheritedFrom where the lost header is configured
 * @param replacedAt the nearer directive that caused the loss
 */
public record ShadowedHeader(String name, SourceSpan inheritedFrom, SourceSpan replacedAt) {}
