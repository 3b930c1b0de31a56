package dev.corslint.ecosystems.django.python;

import dev.corslint.ecosystems.django.python.PyValue.Dict;
import dev.corslint.ecosystems.django.python.PyValue.Seq;
import dev.corslint.ecosystems.django.python.PyValue.Unknown;
import dev.corslint.model.Alternative;
import dev.corslint.model.SourceSpan;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The defaults a value takes from environment reads ({@code os.environ.get('X', default)}, {@code env.list('X',
 * default=[...])}, {@code config('X', default=...)}): readers answer with them, the case where the variable is
 * unset, and explain also needs the value as a deployment that sets the variable sees it.
 */
public final class EnvironmentDefaults {

  private static final String VARIABLE = "the environment variable ";

  private EnvironmentDefaults() {}

  /** Each default {@code v} falls back to, as the variable, the unset case, the default and its place. */
  public static void collect(PyValue v, SourceSpan settingAt, Collection<Alternative<String>> out) {
    if (v instanceof Unknown u && u.fallback() != null) {
      String input = u.reason().startsWith(VARIABLE) ? u.reason().substring(VARIABLE.length()) : u.reason();
      SourceSpan at = u.fallback().span() != null ? u.fallback().span() : u.span() != null ? u.span() : settingAt;
      out.add(new Alternative<>(input, input + " is unset", PyValue.show(u.fallback()), at));
    } else if (v instanceof Seq s) {
      for (PyValue i : s.items()) collect(i, settingAt, out);
    } else if (v instanceof Dict d) {
      for (Map.Entry<PyValue, PyValue> e : d.entries()) collect(e.getValue(), settingAt, out);
    }
  }

  /** {@code v} with every environment read left unknown: the variable is set, to a value not known here. */
  public static PyValue withoutDefaults(PyValue v) {
    if (v instanceof Unknown u && u.fallback() != null) return new Unknown(u.reason(), null, u.span());
    if (v instanceof Seq s) {
      List<PyValue> items = new ArrayList<>();
      for (PyValue i : s.items()) items.add(withoutDefaults(i));
      return new Seq(s.kind(), items, s.span());
    }
    if (v instanceof Dict d) {
      List<Map.Entry<PyValue, PyValue>> entries = new ArrayList<>();
      for (Map.Entry<PyValue, PyValue> e : d.entries()) {
        entries.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), withoutDefaults(e.getValue())));
      }
      return new Dict(entries, d.span());
    }
    return v;
  }
}
