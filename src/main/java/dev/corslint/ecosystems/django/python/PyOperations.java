package dev.corslint.ecosystems.django.python;

import dev.corslint.ecosystems.django.python.PyValue.Bool;
import dev.corslint.ecosystems.django.python.PyValue.Dict;
import dev.corslint.ecosystems.django.python.PyValue.FloatNum;
import dev.corslint.ecosystems.django.python.PyValue.NoneValue;
import dev.corslint.ecosystems.django.python.PyValue.Num;
import dev.corslint.ecosystems.django.python.PyValue.Seq;
import dev.corslint.ecosystems.django.python.PyValue.Str;
import dev.corslint.ecosystems.django.python.PyValue.Unknown;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What Python does with values that are already known: list mutation and concatenation, comparisons, the
 * string and dict methods settings use, conversions, and how environment defaults are cast. Unknown values
 * stay unknown, with the operation applied to their fallback.
 */
final class PyOperations {

  private PyOperations() {}

  static Seq mutate(Seq s, String method, List<PyValue> args, SourceSpan at) {
    List<PyValue> items = new ArrayList<>(s.items());
    switch (method) {
      case "append", "add" -> {
        if (args.size() == 1) items.add(args.get(0));
      }
      case "extend", "update" -> {
        if (args.size() == 1) {
          if (args.get(0) instanceof Seq more) items.addAll(more.items());
          else items.add(args.get(0) instanceof Unknown u ? u : new Unknown("items of " + PyValue.show(args.get(0)), at));
        }
      }
      case "insert" -> {
        if (args.size() == 2 && args.get(0) instanceof Num n) {
          long i = n.value() < 0 ? Math.max(0, items.size() + n.value()) : Math.min(items.size(), n.value());
          items.add((int) i, args.get(1));
        } else if (args.size() == 2) {
          items.add(new Unknown("an insert at an unknown position", at));
        }
      }
      case "remove" -> {
        if (args.size() == 1) {
          for (int i = 0; i < items.size(); i++) {
            if (PyValue.sameValue(items.get(i), args.get(0))) {
              items.remove(i);
              break;
            }
          }
        }
      }
      case "clear" -> items.clear();
      default -> { }
    }
    return new Seq(s.kind(), items, s.span());
  }

  /** Applies {@code f} to a sequence, or to the fallback of an unknown sequence (keeping it unknown). */
  static PyValue mapSeq(PyValue v, UnaryOperator<Seq> f) {
    if (v instanceof Seq s) return f.apply(s);
    if (v instanceof Unknown u && u.fallback() instanceof Seq s) return new Unknown(u.reason(), f.apply(s), u.span());
    return null;
  }

  static PyValue integer(String text, SourceSpan at) {
    String t = text.replace("_", "").toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("0x")) return new Num(Long.parseLong(t.substring(2), 16), at);
      if (t.startsWith("0o")) return new Num(Long.parseLong(t.substring(2), 8), at);
      if (t.startsWith("0b")) return new Num(Long.parseLong(t.substring(2), 2), at);
      if (t.endsWith("l") || t.endsWith("j")) return new FloatNum(text, at);
      return new Num(Long.parseLong(t), at);
    } catch (NumberFormatException ex) {
      return new FloatNum(text, at);
    }
  }

  static Optional<Boolean> equalsValue(PyValue a, PyValue b) {
    Optional<String> ta = PyValue.asText(a);
    Optional<String> tb = PyValue.asText(b);
    if (ta.isPresent() && tb.isPresent()) return Optional.of(a.getClass() == b.getClass() && ta.get().equals(tb.get()));
    return Optional.empty();
  }

  static Optional<Boolean> contains(PyValue container, PyValue item) {
    if (container instanceof Seq s) {
      for (PyValue i : s.items()) {
        if (i instanceof Unknown) return Optional.empty();
        if (equalsValue(i, item).orElse(false)) return Optional.of(true);
      }
      return Optional.of(false);
    }
    if (container instanceof Str s && item instanceof Str i) return Optional.of(s.value().contains(i.value()));
    return Optional.empty();
  }

  static PyValue castDefault(PyValue v, String cast, SourceSpan at) {
    switch (cast) {
      case "list", "tuple" -> {
        if (v instanceof Str s) return splitCommas(s, cast.equals("tuple") ? Seq.Kind.TUPLE : Seq.Kind.LIST);
        return v;
      }
      case "bool" -> {
        if (v instanceof Str s) {
          String t = s.value().strip().toLowerCase(Locale.ROOT);
          return new Bool(Set.of("true", "on", "ok", "y", "yes", "1").contains(t), s.span());
        }
        return v;
      }
      case "int" -> {
        if (v instanceof Str s) return toInt(s, at);
        return v;
      }
      default -> {
        return v;
      }
    }
  }

  static Seq splitCommas(Str s, Seq.Kind kind) {
    List<PyValue> out = new ArrayList<>();
    if (!s.value().isEmpty()) for (String part : s.value().split(",", -1)) out.add(new Str(part.strip(), s.span()));
    return new Seq(kind, out, s.span());
  }

  static PyValue toInt(PyValue v, SourceSpan at) {
    if (v instanceof Num) return v;
    if (v instanceof Bool b) return new Num(b.value() ? 1 : 0, at);
    if (v instanceof Str s) {
      try {
        return new Num(Long.parseLong(s.value().strip().replace("_", "")), s.span());
      } catch (NumberFormatException ex) {
        return new Unknown("int('" + s.value() + "') raises ValueError", at);
      }
    }
    return lift(v, x -> x instanceof Unknown ? null : toInt(x, at), at);
  }

  static PyValue convert(PyValue v, Seq.Kind kind, boolean sort, SourceSpan at) {
    if (v instanceof Seq s) {
      List<PyValue> items = new ArrayList<>(s.items());
      if (sort && items.stream().allMatch(i -> i instanceof Str)) items.sort((a, b) -> ((Str) a).value().compareTo(((Str) b).value()));
      return new Seq(kind, items, s.span());
    }
    if (v instanceof Str s) {
      List<PyValue> chars = new ArrayList<>();
      s.value().codePoints().forEach(c -> chars.add(new Str(new String(Character.toChars(c)), s.span())));
      return new Seq(kind, chars, at);
    }
    if (v instanceof Dict d) {
      List<PyValue> keys = new ArrayList<>();
      for (Map.Entry<PyValue, PyValue> e : d.entries()) keys.add(e.getKey());
      return new Seq(kind, keys, at);
    }
    return lift(v, x -> x instanceof Unknown ? null : convert(x, kind, sort, at), at);
  }

  /** Methods of strings, lists and dicts that settings use to build values. */
  static PyValue method(PyValue obj, String name, List<PyValue> args, String callText, SourceSpan at) {
    if (obj instanceof Unknown u) {
      PyValue onFallback = u.fallback() == null ? null : method(u.fallback(), name, args, callText, at);
      return new Unknown(u.reason(), onFallback instanceof Unknown ? null : onFallback, u.span());
    }
    if (obj instanceof Str s) {
      String v = s.value();
      Optional<String> a0 = args.isEmpty() ? Optional.empty() : PyValue.asText(args.get(0));
      switch (name) {
        case "split": {
          List<PyValue> out = new ArrayList<>();
          if (args.isEmpty() || args.get(0) instanceof NoneValue) {
            for (String part : v.strip().split("\\s+")) if (!part.isEmpty()) out.add(new Str(part, s.span()));
          } else if (a0.isPresent() && !a0.get().isEmpty()) {
            for (String part : v.split(java.util.regex.Pattern.quote(a0.get()), -1)) out.add(new Str(part, s.span()));
          } else {
            return new Unknown("split with an unknown separator", at);
          }
          return new Seq(Seq.Kind.LIST, out, s.span());
        }
        case "strip", "lstrip", "rstrip": {
          String chars = a0.orElse(null);
          return new Str(strip(v, chars, !name.equals("rstrip"), !name.equals("lstrip")), s.span());
        }
        case "lower":
          return new Str(v.toLowerCase(Locale.ROOT), s.span());
        case "upper":
          return new Str(v.toUpperCase(Locale.ROOT), s.span());
        case "replace":
          if (args.size() >= 2 && a0.isPresent() && PyValue.asText(args.get(1)).isPresent()) {
            return new Str(v.replace(a0.get(), PyValue.asText(args.get(1)).get()), s.span());
          }
          break;
        case "startswith", "endswith":
          if (a0.isPresent()) return new Bool(name.equals("startswith") ? v.startsWith(a0.get()) : v.endsWith(a0.get()), at);
          break;
        case "join":
          if (args.size() == 1 && args.get(0) instanceof Seq parts) {
            List<String> texts = new ArrayList<>();
            for (PyValue p : parts.items()) {
              Optional<String> t = p instanceof Str ps ? Optional.of(ps.value()) : Optional.empty();
              if (t.isEmpty()) return new Unknown("a join of " + PyValue.show(parts), at);
              texts.add(t.get());
            }
            return new Str(String.join(v, texts), at);
          }
          break;
        case "format":
          if (!v.contains("{}") || args.stream().anyMatch(x -> PyValue.asText(x).isEmpty())) break;
          String out = v;
          for (PyValue x : args) out = out.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(PyValue.asText(x).get()));
          return new Str(out, at);
        default:
          break;
      }
      return new Unknown("'" + Evaluator.shorten(callText) + "'", at);
    }
    if (obj instanceof Seq s && name.equals("copy")) return s;
    if (obj instanceof Dict d) {
      if (name.equals("get") && !args.isEmpty() && args.get(0) instanceof Str k) {
        return d.get(k.value()).orElse(args.size() > 1 ? args.get(1) : new NoneValue(at));
      }
      if (name.equals("copy")) return d;
    }
    return new Unknown("'" + Evaluator.shorten(callText) + "'", at);
  }

  static String strip(String v, String chars, boolean left, boolean right) {
    int s = 0;
    int e = v.length();
    java.util.function.IntPredicate strip = chars == null ? Character::isWhitespace : c -> chars.indexOf(c) >= 0;
    if (left) while (s < e && strip.test(v.charAt(s))) s++;
    if (right) while (e > s && strip.test(v.charAt(e - 1))) e--;
    return v.substring(s, e);
  }

  static PyValue binary(String op, PyValue a, PyValue b, SourceSpan at) {
    if (op.equals("+") || op.equals("|")) {
      if (a instanceof Seq sa && b instanceof Seq sb) {
        List<PyValue> items = new ArrayList<>(sa.items());
        for (PyValue i : sb.items()) {
          if (op.equals("|") && items.stream().anyMatch(x -> PyValue.sameValue(x, i))) continue;
          items.add(i);
        }
        return new Seq(sa.kind(), items, sa.span());
      }
      // A known list plus an unknown part keeps the known entries and one unknown entry.
      if (a instanceof Seq sa && b instanceof Unknown u && (u.fallback() == null || u.fallback() instanceof Seq)) {
        List<PyValue> items = new ArrayList<>(sa.items());
        items.add(u);
        return new Seq(sa.kind(), items, sa.span());
      }
      if (a instanceof Unknown u && b instanceof Seq sb && (u.fallback() == null || u.fallback() instanceof Seq)) {
        List<PyValue> items = new ArrayList<>();
        items.add(u);
        items.addAll(sb.items());
        return new Seq(sb.kind(), items, sb.span());
      }
      if (op.equals("+") && a instanceof Str sa && b instanceof Str sb) return new Str(sa.value() + sb.value(), at);
      if (op.equals("+") && a instanceof Num na && b instanceof Num nb) return new Num(na.value() + nb.value(), at);
    }
    if (op.equals("*") && a instanceof Num na && b instanceof Num nb) return new Num(na.value() * nb.value(), at);
    if (a instanceof Unknown || b instanceof Unknown) {
      PyValue fa = a instanceof Unknown u ? u.fallback() : a;
      PyValue fb = b instanceof Unknown u ? u.fallback() : b;
      PyValue f = fa == null || fb == null ? null : binary(op, fa, fb, at);
      return new Unknown(Evaluator.reason(a instanceof Unknown ? a : b), f instanceof Unknown ? null : f, at);
    }
    return new Unknown("'" + PyValue.show(a) + " " + op + " " + PyValue.show(b) + "'", at);
  }

  static PyValue truth(PyValue v, SourceSpan at) {
    Tri t = PyValue.truthy(v);
    return t == Tri.UNKNOWN ? null : new Bool(t == Tri.YES, at);
  }

  /** Applies {@code f} to a known value, or to an unknown value's fallback (keeping it unknown); null from f means unknown. */
  static PyValue lift(PyValue v, java.util.function.Function<PyValue, PyValue> f, SourceSpan at) {
    if (v instanceof Unknown u) {
      PyValue r = u.fallback() == null ? null : f.apply(u.fallback());
      return new Unknown(u.reason(), r, u.span());
    }
    PyValue r = f.apply(v);
    return r == null ? new Unknown("a conversion of " + PyValue.show(v), at) : r;
  }

  static Dict dictOf(Map<String, PyValue> kws, SourceSpan at) {
    List<Map.Entry<PyValue, PyValue>> entries = new ArrayList<>();
    for (Map.Entry<String, PyValue> e : kws.entrySet()) {
      entries.add(new AbstractMap.SimpleImmutableEntry<>(new Str(e.getKey(), e.getValue().span()), e.getValue()));
    }
    return new Dict(entries, at);
  }
}
