package dev.corslint.model;

import java.util.Objects;

/**
 * What one policy covers: an nginx server+location, an Express mount path or route, a Spring mapping
 * pattern, a Django URL regex.
 *
 * @param ecosystem where it comes from
 * @param description human-readable, e.g. {@code server api.example.com location /api/}
 * @param span where the scope is declared
 * @param pathPattern the request paths covered, in the ecosystem's own syntax ({@code /api/}, {@code ~ ^/v1})
 * @param environment development-only or not
 * @param tls whether the API is served over https here (nginx {@code listen ... ssl}); unknown or absent when
 *     the configuration does not say
 * @param host the API's host name when the configuration names one ({@code server_name})
 */
public record Scope(
    Ecosystem ecosystem,
    String description,
    SourceSpan span,
    String pathPattern,
    Environment environment,
    Value<Boolean> tls,
    Value<String> host) {

  public Scope {
    Objects.requireNonNull(ecosystem);
    Objects.requireNonNull(description);
    Objects.requireNonNull(span);
    Objects.requireNonNull(environment);
    tls = tls == null ? Value.absent() : tls;
    host = host == null ? Value.absent() : host;
  }
}
