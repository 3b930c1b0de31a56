package dev.corslint.ecosystems.django;

import dev.corslint.ecosystems.django.python.Namespace;
import dev.corslint.ecosystems.django.python.PyNode;
import dev.corslint.ecosystems.django.python.PyValue;
import dev.corslint.ecosystems.django.python.PyValue.Str;
import dev.corslint.ecosystems.django.python.PyValue.Unknown;
import dev.corslint.ecosystems.django.python.PythonModule;
import dev.corslint.ecosystems.django.python.PythonProgram;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code CorsMiddleware} sits in {@code MIDDLEWARE}. Django runs the list top-down on the way in, so a
 * middleware above it that answers by itself (a redirect, a static file, a 401) sends that answer without CORS
 * headers: django-cors-headers asks to be placed "as high as possible, especially before any middleware that
 * can generate responses such as Django's CommonMiddleware or Whitenoise's WhiteNoiseMiddleware".
 */
final class MiddlewareStack {

  /**
   * @param corsAt the {@code CorsMiddleware} entry, or null when it is not in the list
   * @param layers the middleware that answer before it, or its absence
   */
  record Result(SourceSpan corsAt, List<LayerOrder> layers) {}

  private MiddlewareStack() {}

  static Result analyze(PythonModule settings, Namespace ns, PythonProgram program, SourceSpan firstSetting, List<Notice> notices) {
    Optional<Namespace.Binding> mw = ns.get("MIDDLEWARE");
    String cors = SettingsReader.CORS_MIDDLEWARE;
    if (mw.isEmpty()) {
      SourceSpan at = firstSetting != null ? firstSetting : SourceSpan.file(settings.path());
      return new Result(null, List.of(new LayerOrder(at, null,
          "MIDDLEWARE is not set in " + settings.path() + ", so " + cors + " never runs and the CORS_* settings have no effect", true)));
    }
    PyValue value = mw.get().value();
    if (value instanceof Unknown u && u.fallback() == null) {
      notices.add(Notice.warning("MIDDLEWARE is " + u.reason() + "; corslint assumes CorsMiddleware is in it", mw.get().at()));
      return new Result(mw.get().at(), List.of());
    }
    List<PyValue> items = SettingsReader.items(value);
    int corsIndex = -1;
    boolean unknownParts = false;
    for (int i = 0; i < items.size(); i++) {
      PyValue item = items.get(i);
      if (item instanceof Str s && s.value().equals(cors) && corsIndex < 0) corsIndex = i;
      if (item instanceof Unknown) unknownParts = true;
    }
    if (corsIndex < 0) {
      if (unknownParts) {
        notices.add(Notice.warning("MIDDLEWARE has entries that cannot be known statically; corslint assumes CorsMiddleware is among them", mw.get().at()));
        return new Result(mw.get().at(), List.of());
      }
      String example = firstSetting == null ? "" : " (the first at " + firstSetting + ")";
      return new Result(null, List.of(new LayerOrder(mw.get().at(), null,
          cors + " is not in MIDDLEWARE, so no response gets CORS headers and the CORS_* settings" + example + " have no effect", true)));
    }
    SourceSpan corsAt = items.get(corsIndex).span() != null ? items.get(corsIndex).span() : mw.get().at();
    List<LayerOrder> layers = new ArrayList<>();
    for (int i = 0; i < corsIndex; i++) {
      if (!(items.get(i) instanceof Str s)) continue;
      answers(s.value(), s.span(), settings, ns, program)
          .ifPresent(a -> layers.add(new LayerOrder(corsAt, s.span(), a.description(), a.preflights())));
    }
    return new Result(corsAt, layers);
  }

  private record Answer(String description, boolean preflights) {}

  private static Optional<Answer> answers(String dotted, SourceSpan at, PythonModule settings, Namespace ns, PythonProgram program) {
    String shortName = dotted.substring(dotted.lastIndexOf('.') + 1);
    String where = shortName + " (line " + at.line() + ") runs before CorsMiddleware";
    switch (dotted) {
      case "django.middleware.common.CommonMiddleware": {
        boolean prependWww = ns.value("PREPEND_WWW").map(v -> PyValue.truthy(v) == Tri.YES).orElse(false);
        return Optional.of(new Answer(where + " and its redirects (APPEND_SLASH sends /api/items to /api/items/ with a 301"
            + (prependWww ? ", PREPEND_WWW redirects every request to www" : "") + ") go out without CORS headers", prependWww));
      }
      case "whitenoise.middleware.WhiteNoiseMiddleware":
        return Optional.of(new Answer(where + " and serves static files itself, so fonts, scripts and other static files fetched cross-origin get no CORS headers", false));
      case "django.middleware.locale.LocaleMiddleware":
        return Optional.of(new Answer(where + " and its redirects to language-prefixed URLs go out without CORS headers", false));
      case "django.contrib.auth.middleware.LoginRequiredMiddleware":
        return Optional.of(new Answer(where + " and redirects every anonymous request, preflights included, to the login page without CORS headers", true));
      default:
        break;
    }
    int dot = dotted.lastIndexOf('.');
    if (dot <= 0) return Optional.empty();
    Optional<PythonModule> m = program.find(settings, 0, dotted.substring(0, dot));
    if (m.isEmpty()) return Optional.empty();
    return earlyReturn(m.get(), shortName)
        .map(r -> new Answer(where + " and answers some requests itself (" + r + "), preflights included, so those answers carry no CORS headers", true));
  }

  /** A return in {@code process_request} or {@code __call__} that does not pass on get_response's answer. */
  private static Optional<SourceSpan> earlyReturn(PythonModule m, String className) {
    for (PyNode st : m.root().namedChildren()) {
      PyNode cls = st.is("decorated_definition") ? st.child("definition") : st;
      if (cls == null || !cls.is("class_definition")) continue;
      PyNode name = cls.child("name");
      PyNode body = cls.child("body");
      if (name == null || body == null || !name.text().equals(className)) continue;
      for (PyNode member : body.namedChildren()) {
        PyNode fn = member.is("decorated_definition") ? member.child("definition") : member;
        if (fn == null || !fn.is("function_definition") || fn.child("name") == null || fn.child("body") == null) continue;
        String method = fn.child("name").text();
        if (!method.equals("process_request") && !method.equals("__call__")) continue;
        for (PyNode ret : returns(fn.child("body"))) {
          List<PyNode> values = ret.namedChildren();
          if (values.isEmpty() || values.get(0).is("none")) continue;
          String text = values.get(0).text();
          if (method.equals("__call__") && (text.contains("get_response") || passesOnResponse(fn.child("body"), text))) continue;
          return Optional.of(m.span(ret));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code name} is assigned from a call of get_response in the body. */
  private static boolean passesOnResponse(PyNode body, String name) {
    Deque<PyNode> work = new ArrayDeque<>();
    work.push(body);
    while (!work.isEmpty()) {
      PyNode n = work.pop();
      if (n.is("assignment") && n.child("left") != null && n.child("left").text().equals(name)
          && n.child("right") != null && n.child("right").text().contains("get_response")) {
        return true;
      }
      for (PyNode c : n.children()) if (!c.is("function_definition") && !c.is("class_definition")) work.push(c);
    }
    return false;
  }

  private static List<PyNode> returns(PyNode body) {
    List<PyNode> out = new ArrayList<>();
    Deque<PyNode> work = new ArrayDeque<>();
    work.push(body);
    while (!work.isEmpty()) {
      PyNode n = work.pop();
      if (n.is("return_statement")) out.add(n);
      for (PyNode c : n.children()) if (!c.is("function_definition") && !c.is("class_definition") && !c.is("lambda")) work.push(c);
    }
    out.sort((a, b) -> Integer.compare(a.startByte(), b.startByte()));
    return out;
  }
}
