package dev.corslint.ecosystems.spring;

import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;

/** The response as the layers of a Spring application build it: header lines in order and, once decided, a status. */
final class ResponseDraft {

  static final String LAYER = "application";

  private final List<HeaderLine> lines = new ArrayList<>();
  private Value<Integer> status;

  /** {@code setHeader}: replaces every line of that name. */
  void set(String name, Value<String> value) {
    lines.removeIf(h -> h.is(name));
    lines.add(new HeaderLine(name, value, LAYER));
  }

  /** {@code addHeader}: one more line. */
  void add(String name, Value<String> value) {
    lines.add(new HeaderLine(name, value, LAYER));
  }

  void set(String name, String value, SourceSpan span) {
    set(name, Value.known(value, span));
  }

  boolean has(String name) {
    return lines.stream().anyMatch(h -> h.is(name));
  }

  /** The known values of every line of {@code name}. */
  List<String> values(String name) {
    List<String> out = new ArrayList<>();
    for (HeaderLine h : lines) if (h.is(name)) h.value().get().ifPresent(out::add);
    return out;
  }

  void status(int code, SourceSpan span) {
    status = Value.known(code, span);
  }

  void status(Value<Integer> value) {
    status = value;
  }

  Value<Integer> status() {
    return status;
  }

  Response toResponse() {
    return new Response(status == null ? Value.unknown("no layer decided the status", null) : status, lines);
  }
}
