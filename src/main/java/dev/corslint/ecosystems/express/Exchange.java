package dev.corslint.ecosystems.express;

import dev.corslint.model.HeaderLine;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request on its way through an application: the response headers set so far, with Node's semantics
 * (a name set twice is replaced, an array value becomes several lines, {@code Vary} is merged into one line),
 * and the status once the response is sent.
 */
final class Exchange {

  private record Slot(String name, List<Value<String>> values) {}

  final Request request;
  /** Environment variables taken as unset for this request (explain follows the code's defaults case by case). */
  final java.util.Set<String> unset;
  /** Why the status is not known although the simulation went on (a middleware that may answer first). */
  String uncertainStatus;
  dev.corslint.model.SourceSpan uncertainAt;
  private final Map<String, Slot> headers = new LinkedHashMap<>();
  private Value<Integer> status;

  Exchange(Request request) {
    this(request, java.util.Set.of());
  }

  Exchange(Request request, java.util.Set<String> unset) {
    this.request = request;
    this.unset = java.util.Set.copyOf(unset);
  }

  void set(String name, List<Value<String>> values) {
    if (uncertainStatus != null) values = conditional(values);
    String key = name.toLowerCase(Locale.ROOT);
    Slot old = headers.get(key);
    headers.put(key, new Slot(old == null ? name : old.name(), new ArrayList<>(values)));
  }

  void set(String name, Value<String> value) {
    set(name, List.of(value));
  }

  List<Value<String>> get(String name) {
    Slot s = headers.get(name.toLowerCase(Locale.ROOT));
    return s == null ? List.of() : s.values();
  }

  /** After a middleware that may answer first, what later layers write is sent only if it lets the request on. */
  private List<Value<String>> conditional(List<Value<String>> values) {
    List<Value<String>> out = new ArrayList<>();
    for (Value<String> v : values) {
      out.add(v.isKnown() ? Value.unknown("sent only when the middleware at " + uncertainAt + " lets the request through",
          v.where().orElse(uncertainAt)) : v);
    }
    return out;
  }

  void append(String name, List<Value<String>> values) {
    List<Value<String>> all = new ArrayList<>(get(name));
    all.addAll(values);
    set(name, all);
  }

  void remove(String name) {
    headers.remove(name.toLowerCase(Locale.ROOT));
  }

  /** The {@code vary} package: one line, fields added once, {@code *} absorbs everything. */
  void vary(String field, SourceSpan span) {
    List<Value<String>> existing = get("Vary");
    if (existing.stream().anyMatch(v -> !v.isKnown())) return;
    List<String> fields = new ArrayList<>();
    SourceSpan first = span;
    for (Value<String> v : existing) {
      first = v.where().orElse(first);
      for (String f : v.get().orElse("").split(",")) if (!f.isBlank()) fields.add(f.strip());
    }
    if (fields.contains("*")) return;
    for (String add : field.split(",")) {
      String a = add.strip();
      if (a.isEmpty()) continue;
      if (a.equals("*")) {
        fields.clear();
        fields.add("*");
        break;
      }
      if (fields.stream().noneMatch(x -> x.equalsIgnoreCase(a))) fields.add(a);
    }
    set("Vary", Value.known(String.join(", ", fields), first));
  }

  Exchange copy() {
    Exchange c = new Exchange(request, unset);
    for (Map.Entry<String, Slot> e : headers.entrySet()) {
      c.headers.put(e.getKey(), new Slot(e.getValue().name(), new ArrayList<>(e.getValue().values())));
    }
    c.status = status;
    c.uncertainStatus = uncertainStatus;
    c.uncertainAt = uncertainAt;
    return c;
  }

  /** Header names (lower case) and their values as text, for comparing two ways through a handler. */
  Map<String, List<String>> snapshot() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Slot> e : headers.entrySet()) {
      List<String> vs = new ArrayList<>();
      for (Value<String> v : e.getValue().values()) vs.add(v.get().orElse("\u0000unknown"));
      out.put(e.getKey(), vs);
    }
    return out;
  }

  /** Marks as unknown every header that {@code other} sends and this exchange does not send the same way. */
  void unknownWhereDifferent(Exchange other, String reason, SourceSpan span) {
    Map<String, List<String>> mine = snapshot();
    for (Map.Entry<String, List<String>> e : other.snapshot().entrySet()) {
      if (!e.getValue().equals(mine.get(e.getKey()))) unknown(other.headers.get(e.getKey()).name(), reason, span);
    }
  }

  /** Marks a header as unknown (two ways through a handler disagree on it). */
  void unknown(String name, String reason, SourceSpan span) {
    set(name, Value.unknown(reason, span));
  }

  void status(Value<Integer> s) {
    status = s;
  }

  Value<Integer> status() {
    return status;
  }

  Response toResponse(Value<Integer> finalStatus) {
    List<HeaderLine> lines = new ArrayList<>();
    for (Slot s : headers.values()) {
      for (Value<String> v : s.values()) lines.add(new HeaderLine(s.name(), v, "application"));
    }
    return new Response(finalStatus, lines);
  }
}
