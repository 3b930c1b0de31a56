package dev.corslint.model;

import java.util.List;
import java.util.Optional;

/**
 * What a policy answers to a request.
 *
 * @param status the HTTP status, with the span that decided it when known
 * @param headers the header lines sent, in order
 * @param shadowed headers lost to scope replacement on this response path
 * @param removed headers a proxy layer strips from what the application sends
 */
public record Response(
    Value<Integer> status,
    List<HeaderLine> headers,
    List<ShadowedHeader> shadowed,
    List<HeaderRemoval> removed) {

  public Response {
    headers = List.copyOf(headers);
    shadowed = shadowed == null ? List.of() : List.copyOf(shadowed);
    removed = removed == null ? List.of() : List.copyOf(removed);
  }

  public Response(Value<Integer> status, List<HeaderLine> headers) {
    this(status, headers, List.of(), List.of());
  }

  /** Every line carrying {@code name}, in order. */
  public List<HeaderLine> all(String name) {
    return headers.stream().filter(h -> h.is(name)).toList();
  }

  /** The first line carrying {@code name}. */
  public Optional<HeaderLine> first(String name) {
    return headers.stream().filter(h -> h.is(name)).findFirst();
  }

  /** The known value of the first line carrying {@code name}. */
  public Optional<String> value(String name) {
    return first(name).flatMap(h -> h.value().get());
  }

  public boolean has(String name) {
    return headers.stream().anyMatch(h -> h.is(name));
  }

  /** True when the status is known and 2xx. */
  public boolean isOk() {
    return status.get().map(s -> s >= 200 && s < 300).orElse(false);
  }

  /** True when any {@code Access-Control-*} header is sent. */
  public boolean hasCorsHeaders() {
    return headers.stream().anyMatch(h -> h.name().regionMatches(true, 0, "Access-Control-", 0, 15));
  }
}
