package dev.corslint.ecosystems.django.python;

import dev.corslint.model.SourceSpan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The names a module (or a function body, or a class body) has bound, with where each was last assigned. */
public final class Namespace {

  /**
   * @param value what the name holds
   * @param at the statement that assigned it last (the line a user edits to change the setting)
   */
  public record Binding(PyValue value, SourceSpan at) {}

  private final Map<String, Binding> names = new LinkedHashMap<>();

  public Optional<Binding> get(String name) {
    return Optional.ofNullable(names.get(name));
  }

  public Optional<PyValue> value(String name) {
    return get(name).map(Binding::value);
  }

  public boolean has(String name) {
    return names.containsKey(name);
  }

  public void put(String name, PyValue value, SourceSpan at) {
    names.put(name, new Binding(value, at));
  }

  void put(String name, Binding b) {
    names.put(name, b);
  }

  public Map<String, Binding> all() {
    return Collections.unmodifiableMap(names);
  }

  public Namespace copy() {
    Namespace n = new Namespace();
    n.names.putAll(names);
    return n;
  }
}
