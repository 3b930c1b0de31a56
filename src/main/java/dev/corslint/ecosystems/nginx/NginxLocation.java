package dev.corslint.ecosystems.nginx;

/**
 * A {@code location} block.
 *
 * @see NginxLocationLookup for how a request URI selects one
 */
final class NginxLocation {

  final String modifier;
  final String path;
  /** Null for prefix, exact and named locations, and for a regex that cannot be compiled. */
  final NginxRegex regex;
  final Directive directive;
  final NginxLocation parent;
  final NginxServer server;
  NginxLevel level;

  NginxLocation(String modifier, String path, NginxRegex regex, Directive directive, NginxLocation parent,
      NginxServer server) {
    this.modifier = modifier;
    this.path = path;
    this.regex = regex;
    this.directive = directive;
    this.parent = parent;
    this.server = server;
  }

  boolean isNamed() {
    return modifier.equals("@");
  }

  boolean isExact() {
    return modifier.equals("=");
  }

  boolean isRegex() {
    return modifier.equals("~") || modifier.equals("~*");
  }

  boolean isPrefix() {
    return modifier.isEmpty() || modifier.equals("^~");
  }

  boolean noRegex() {
    return modifier.equals("^~");
  }

  /** The location as written after {@code location}: {@code /api/}, {@code ~* \.js$}, {@code = /x}. */
  String pattern() {
    if (isNamed()) return "@" + path;
    return modifier.isEmpty() ? path : modifier + " " + path;
  }

  @Override
  public String toString() {
    return "location " + pattern();
  }
}
